// Where the organizations tier learns about a host (a center or a station) named in an application:
// from the subgraph that owns it, through the federation's `_entities` field, never from its database.
import { fetchEntities } from '../kit/federation';
import { INTERNAL_HEADER, SERVICE, internalTokenFor } from '../kit/identity';
import { HostKind, type HostFacts } from './entities/host';
import { settings } from './settings';

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
export function federatedHosts(): HostDirectory {
  return {
    async find(hostId) {
      const { centersUrl, stationsUrl, gatewaySecret } = settings();
      const owners: [HostKind, string, string][] = [
        [HostKind.CENTER, 'IncubationCenter', centersUrl],
        [HostKind.STATION, 'IncubationStation', stationsUrl],
      ];
      for (const [kind, typename, url] of owners) {
        // Subgraphs answer only signed callers: this one signs as the service itself.
        const headers = { [INTERNAL_HEADER]: await internalTokenFor(SERVICE, gatewaySecret) };
        const [host] = await fetchEntities<OwnedHost>(url, typename, [{ id: hostId }], SELECTION, headers);
        if (host) return { id: host.id, kind, name: host.name, countyCode: host.county.code, establishedOn: host.establishedOn, closedOn: host.closedOn };
      }
      return null;
    },
  };
}
