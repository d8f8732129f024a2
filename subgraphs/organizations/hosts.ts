// Where the organizations tier learns about a host (a center or a station) named in an application:
// from the subgraph that owns it, through the federation's `_entities` field, never from its database.
import { fetchEntities, INTERNAL_HEADER, SERVICE, signInternalToken } from '../kit';
import { HostKind, type HostFacts } from './entities/host';

export interface HostDirectory {
  find(hostId: string): Promise<HostFacts | null>;
}

interface OwnedHost {
  id: string;
  name: string;
  establishedOn: string;
  closedOn: string | null;
  county: { code: string };
}

const SELECTION = 'id name establishedOn closedOn county { code }';

/** Asks the centers subgraph, then the stations subgraph (ids are UUIDs: at most one answers). */
export function federatedHosts(env = process.env): HostDirectory {
  const owners: [HostKind, string, string | undefined][] = [
    [HostKind.CENTER, 'IncubationCenter', env.FUHUA_CENTERS_URL],
    [HostKind.STATION, 'IncubationStation', env.FUHUA_STATIONS_URL],
  ];
  return {
    async find(hostId) {
      for (const [kind, typename, url] of owners) {
        if (!url) throw new Error(`set FUHUA_${kind === HostKind.CENTER ? 'CENTERS' : 'STATIONS'}_URL so applications can be checked against their host`);
        // Subgraphs answer only signed callers: this one signs as the service itself.
        const headers = { [INTERNAL_HEADER]: await signInternalToken(SERVICE, env) };
        const [host] = await fetchEntities<OwnedHost>(url, typename, [{ id: hostId }], SELECTION, headers);
        if (host) return { id: host.id, kind, name: host.name, countyCode: host.county.code, establishedOn: host.establishedOn, closedOn: host.closedOn };
      }
      return null;
    },
  };
}
