// The gateway's response cache for reads. A query's answer is kept under its text, operation name,
// variables and what the caller may see (role, region, station: the subgraphs decide visibility from
// nothing else), tagged with each tier database's PostgreSQL snapshot (`pg_current_snapshot()`, read by
// the subgraph at /generation). A snapshot's text changes whenever a transaction that wrote ends, so an
// answer is served again only if no tier committed a write since it was computed. The snapshots are read
// after the request arrived: a write acknowledged before a read is always seen by it, whichever gateway
// or subgraph replica took the write. Reads arriving together share one snapshot check per tier, and an
// identical read in flight under the same snapshots is waited for rather than fetched again.
import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import type { FormattedExecutionResult } from 'graphql';
import { Counter } from 'prom-client';
import { GENERATION_PATH, INTERNAL_HEADER, PUBLIC, internalTokenFor, type Viewer } from '../subgraphs/kit/identity';
import { registry } from '../subgraphs/kit/metrics';

const lookups = new Counter({
  name: 'fuhua_response_cache_total',
  help: 'Reads the gateway looked up in its response cache: hit, shared (joined an identical read in flight), miss, or bypass (the snapshots could not be read)',
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
export function responseCache(options: {
  subgraphUrls: () => string[];
  gatewaySecret: string;
  maxEntries: number;
  timeoutMs: number;
  /** How long a read waits for an identical one in flight before working on its own. */
  shareTimeoutMs: number;
}): ApolloServerPlugin<{ viewer: Viewer }> {
  const entries = new Map<string, Entry>();
  // Identical reads being worked on now, under the snapshot tag they started from. A read that finds
  // one with its own tag (read after it arrived) waits for that answer: no tier committed between.
  const inFlight = new Map<string, { tag: string; result: Promise<FormattedExecutionResult | undefined> }>();
  const snapshots = new Snapshots(options.subgraphUrls, options.gatewaySecret, options.timeoutMs);
  return {
    async requestDidStart({ contextValue }) {
      const arrivedAt = performance.now();
      let key: string | undefined;
      let tag: string | undefined;
      let served = false;
      let finish: ((result?: FormattedExecutionResult) => void) | undefined;
      const answer = (result: FormattedExecutionResult) => {
        served = true;
        return { body: { kind: 'single' as const, singleResult: result }, http: { headers: new HeaderMap(), status: undefined } };
      };
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
          if (entry && entry.tag === tag) {
            lookups.inc({ result: 'hit' });
            entries.delete(key); // most recently used last
            entries.set(key, entry);
            return answer(entry.result);
          }
          const pending = inFlight.get(key);
          if (pending && pending.tag === tag) {
            const timeout = new Promise<undefined>((resolve) => setTimeout(resolve, options.shareTimeoutMs));
            const shared = await Promise.race([pending.result, timeout]);
            if (shared) {
              lookups.inc({ result: 'shared' });
              return answer(shared);
            }
          }
          lookups.inc({ result: 'miss' });
          if (!inFlight.has(key)) {
            const ownKey = key;
            let resolve!: (result?: FormattedExecutionResult) => void;
            const mine = { tag, result: new Promise<FormattedExecutionResult | undefined>((r) => (resolve = r)) };
            inFlight.set(ownKey, mine);
            finish = (result) => {
              resolve(result);
              if (inFlight.get(ownKey) === mine) inFlight.delete(ownKey);
            };
          }
          return null;
        },
        async willSendResponse({ response }) {
          if (served || !key || !tag || response.body.kind !== 'single') return finish?.();
          const result = response.body.singleResult;
          // Only whole answers: an error (a tier down, a refusal) is never repeated from memory or shared.
          if (result.errors?.length || (response.http.status ?? 200) !== 200) return finish?.();
          finish?.(result);
          entries.delete(key);
          entries.set(key, { tag, result });
          if (entries.size > options.maxEntries) entries.delete(entries.keys().next().value!);
        },
      };
    },
  };
}
