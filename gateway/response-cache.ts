// The gateway's response cache for reads. A query's answer is kept under its text, operation name,
// variables and what the caller may see (role, region, station: the subgraphs decide visibility from
// nothing else), tagged with each tier database's PostgreSQL snapshot (`pg_current_snapshot()`, read by
// the subgraph at /generation). A snapshot's text changes whenever a transaction that wrote ends, so an
// answer is served again only if no tier committed a write since it was computed. The snapshots are read
// after the request arrived: a write acknowledged before a read is always seen by it, whichever gateway
// or subgraph replica took the write. Reads arriving together share one snapshot check per tier.
import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import type { FormattedExecutionResult } from 'graphql';
import { Counter } from 'prom-client';
import { GENERATION_PATH, INTERNAL_HEADER, PUBLIC, internalTokenFor, type Viewer } from '../subgraphs/kit/identity';
import { registry } from '../subgraphs/kit/metrics';

const lookups = new Counter({
  name: 'fuhua_response_cache_total',
  help: 'Reads the gateway looked up in its response cache: hit, miss, or bypass (the snapshots could not be read)',
  labelNames: ['result'],
  registers: [registry],
});

/** What a caller may see; two callers with the same visibility get the same answers. */
export const visibilityOf = (viewer: Viewer) => JSON.stringify([viewer.role, viewer.region ?? null, viewer.station ?? null]);

/** The tiers' snapshots, read at most once at a time and never reused by a request that arrived after the read began. */
class Snapshots {
  private inFlight?: { startedAt: number; tag: Promise<string> };
  constructor(
    private readonly urls: () => string[],
    private readonly gatewaySecret: string,
    private readonly timeoutMs: number,
  ) {}

  /** A tag of every tier's snapshot, read after `arrivedAt` (performance.now()). */
  after(arrivedAt: number): Promise<string> {
    if (this.inFlight && this.inFlight.startedAt >= arrivedAt) return this.inFlight.tag;
    const startedAt = performance.now();
    const tag = this.read();
    this.inFlight = { startedAt, tag };
    const clear = () => {
      if (this.inFlight?.tag === tag) this.inFlight = undefined;
    };
    tag.then(clear, clear);
    return tag;
  }

  private async read(): Promise<string> {
    const headers = { [INTERNAL_HEADER]: await internalTokenFor(PUBLIC, this.gatewaySecret) };
    const snapshots = await Promise.all(
      this.urls().map(async (url) => {
        const response = await fetch(url.replace(/\/graphql$/, GENERATION_PATH), { headers, signal: AbortSignal.timeout(this.timeoutMs) });
        if (!response.ok) throw new Error(`${url}: ${response.status}`);
        return response.text();
      }),
    );
    return snapshots.join('|');
  }
}

interface Entry {
  tag: string;
  result: FormattedExecutionResult;
}

/**
 * The cache as an Apollo Server plugin: after parsing, validation and the gateway's limits (a cached
 * answer is refused to whoever would be refused the query), before any subgraph fetch.
 */
export function responseCache(options: { subgraphUrls: () => string[]; gatewaySecret: string; maxEntries: number; timeoutMs: number }): ApolloServerPlugin<{ viewer: Viewer }> {
  const entries = new Map<string, Entry>();
  const snapshots = new Snapshots(options.subgraphUrls, options.gatewaySecret, options.timeoutMs);
  return {
    async requestDidStart({ contextValue }) {
      const arrivedAt = performance.now();
      let key: string | undefined;
      let tag: string | undefined;
      let served = false;
      return {
        async responseForOperation({ operation, request }) {
          if (operation.operation !== 'query') return null;
          try {
            tag = await snapshots.after(arrivedAt);
          } catch {
            lookups.inc({ result: 'bypass' });
            return null; // a tier that cannot say: answer the usual way, keep nothing
          }
          key = JSON.stringify([request.query, request.operationName ?? null, request.variables ?? {}, visibilityOf(contextValue.viewer ?? PUBLIC)]);
          const entry = entries.get(key);
          if (!entry || entry.tag !== tag) {
            lookups.inc({ result: 'miss' });
            return null;
          }
          lookups.inc({ result: 'hit' });
          served = true;
          entries.delete(key); // most recently used last
          entries.set(key, entry);
          return { body: { kind: 'single', singleResult: entry.result }, http: { headers: new HeaderMap(), status: undefined } };
        },
        async willSendResponse({ response }) {
          if (served || !key || !tag || response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          // Only whole answers: an error (a tier down, a refusal) is never repeated from memory.
          if (result.errors?.length || (response.http.status ?? 200) !== 200) return;
          entries.delete(key);
          entries.set(key, { tag, result });
          if (entries.size > options.maxEntries) entries.delete(entries.keys().next().value!);
        },
      };
    },
  };
}
