// The gateway's response cache for reads. A query's answer is kept under its text, operation name,
// variables, what the caller may see (role, region, station: the subgraphs decide visibility from
// nothing else) and today's date (defaults such as `asOf` are today), tagged with each tier database's
// PostgreSQL snapshot (`pg_current_snapshot()`, read by the subgraph at /generation). A snapshot's text
// changes whenever a transaction that wrote ends, so an answer is served again only if no tier committed
// a write since it was computed. The snapshots are read after the request arrived: a write acknowledged
// before a read is always seen by it, whichever gateway or subgraph replica took the write. Reads
// arriving together share one snapshot check per tier, and an identical read in flight under the same
// snapshots is waited for rather than fetched again.
//
// Two halves. The Apollo plugin looks up and stores answers after parsing, validation and the gateway's
// limits. The express middleware (`serveHits`) answers a repeat before Apollo's pipeline, with the bytes
// kept from the first time (and their gzip): only for a key the plugin stored, so only for a request
// whose text, variables and caller's visibility passed those same checks before — each is decided by
// nothing else (the public's lower limits by the role, which is in the key). Authentication, the rate
// limit and the in-flight bound run before it as for any request.
import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import { createHash } from 'crypto';
import type { NextFunction, Request, Response } from 'express';
import type { FormattedExecutionResult } from 'graphql';
import { Counter, Gauge } from 'prom-client';
import { gzipSync } from 'zlib';
import { GENERATION_PATH, INTERNAL_HEADER, PUBLIC, internalTokenFor, type Viewer } from '../subgraphs/kit/identity';
import { registry } from '../subgraphs/kit/metrics';
import { recordOperation } from '../subgraphs/kit/operations';
import { today } from '../subgraphs/kit/runtime/dates';
import type { GenerationAnswer } from '../subgraphs/kit/runtime/generation';
import { send } from './subgraph-client';

const lookups = new Counter({
  name: 'fuhua_response_cache_total',
  help: 'Reads the gateway looked up in its response cache: hit, shared (joined an identical read in flight), miss, or bypass (the snapshots could not be read)',
  labelNames: ['result'],
  registers: [registry],
});

const held = new Gauge({
  name: 'fuhua_response_cache_bytes',
  help: 'Bytes of answers the response cache holds (their JSON and gzip), bounded by FUHUA_RESPONSE_CACHE_MB',
  registers: [registry],
});
const heldEntries = new Gauge({
  name: 'fuhua_response_cache_entries',
  help: 'Answers the response cache holds, bounded by FUHUA_RESPONSE_CACHE',
  registers: [registry],
});

/** What a caller may see; two callers with the same visibility get the same answers. */
export const visibilityOf = (viewer: Viewer) => JSON.stringify([viewer.role, viewer.region ?? null, viewer.station ?? null]);

/** The cache key: the request as sent, who may see what, and the day (CST) the subgraphs take as today. */
const keyOf = (query: string, operationName: string | null, variables: Record<string, unknown>, viewer: Viewer) =>
  JSON.stringify([query, operationName, variables, visibilityOf(viewer), today()]);

interface Read {
  snapshot: string;
  cluster?: string;
}

/**
 * The tiers' snapshots, read at most once at a time and never reused by a request that arrived after the
 * read began. Tiers whose databases share a PostgreSQL cluster share its snapshot, so a tier that promised
 * (a lease from its last /generation answer, subgraphs/kit/runtime/generation.ts) to stay in a cluster
 * another tier is read from now is not asked itself. The tag is the set of (cluster, snapshot) read: equal
 * tags mean no transaction that wrote ended in any tier's cluster between the two reads.
 */
export class Snapshots {
  private inFlight?: { startedAt: number; tag: Promise<string> };
  /** A read not started yet: every request that arrives before it starts may wait for it. */
  private next?: Promise<string>;
  /** Per tier URL: the cluster it last named and until when (performance.now()) it promised to stay there. */
  private readonly leases = new Map<string, { cluster: string; until: number }>();
  constructor(
    private readonly urls: () => string[],
    private readonly gatewaySecret: string,
    private readonly timeoutMs: number,
  ) {}

  /**
   * A tag of every tier's snapshot, read after `arrivedAt` (performance.now()). A read starts on the next
   * turn of the event loop, so the requests that arrived in this one (under load, many) share it.
   */
  after(arrivedAt: number): Promise<string> {
    if (this.inFlight && this.inFlight.startedAt >= arrivedAt) return this.inFlight.tag;
    if (this.next) return this.next;
    const next = new Promise<string>((resolve) =>
      setImmediate(() => {
        this.next = undefined;
        const startedAt = performance.now();
        const tag = this.read();
        this.inFlight = { startedAt, tag };
        const clear = () => {
          if (this.inFlight?.tag === tag) this.inFlight = undefined;
        };
        tag.then(clear, clear);
        resolve(tag);
      }),
    );
    this.next = next;
    return next;
  }

  private async readTier(url: string, headers: Record<string, string>): Promise<Read> {
    const sentAt = performance.now();
    const answer = await send(url.replace(/\/graphql$/, GENERATION_PATH), { headers, timeoutMs: this.timeoutMs });
    if (!answer.ok) throw new Error(`${url}: ${answer.status}`);
    // A subgraph of a release before the cluster lease answers its snapshot as text: it stands for itself.
    const { snapshot, cluster, leaseMs } = /json/.test(answer.headers.get('content-type') ?? '') ? ((await answer.json()) as GenerationAnswer) : { snapshot: answer.content, cluster: undefined, leaseMs: 0 };
    if (cluster !== undefined && leaseMs > 0) this.leases.set(url, { cluster, until: sentAt + leaseMs });
    else this.leases.delete(url);
    return { snapshot, cluster };
  }

  private async read(): Promise<string> {
    const headers = { [INTERNAL_HEADER]: await internalTokenFor(PUBLIC, this.gatewaySecret) };
    const urls = this.urls();
    // One tier per promised cluster, and every tier that promised nothing.
    const now = performance.now();
    const asked = new Set<string>();
    const leaned = new Map<string, string>(); // tier → the cluster it promised to stay in
    for (const url of urls) {
      const lease = this.leases.get(url);
      if (!lease || lease.until <= now) asked.add(url);
      else if ([...leaned.values()].includes(lease.cluster)) leaned.set(url, lease.cluster);
      else (asked.add(url), leaned.set(url, lease.cluster));
    }
    const reads = new Map<string, Read>();
    const readAll = async (tiers: string[]) => {
      const answers = await Promise.all(tiers.map((url) => this.readTier(url, headers)));
      tiers.forEach((url, i) => reads.set(url, answers[i]));
    };
    await readAll([...asked]);
    // A tier not asked is covered when its promise still held once the reads were back, and a tier asked
    // now named that same cluster; otherwise it is asked too.
    const back = performance.now();
    const covered = (url: string) => {
      const lease = this.leases.get(url);
      return lease !== undefined && lease.until > back && lease.cluster === leaned.get(url) && [...reads.values()].some((r) => r.cluster === lease.cluster);
    };
    const uncovered = urls.filter((url) => !reads.has(url) && !covered(url));
    if (uncovered.length) await readAll(uncovered);
    // A tier that named no cluster stands for itself.
    const tag = new Set([...reads].map(([url, r]) => `${r.cluster ?? url}@${r.snapshot}`));
    return [...tag].sort().join('|');
  }
}

/**
 * A stored answer as Apollo sends it (JSON and a newline), with its ETag and, after the first hit that
 * asks for it, its gzip: bytes, not the answer's objects, which take several times the room on the heap.
 */
interface Entry {
  tag: string;
  operationName: string | null;
  bytes: Buffer;
  etag: string;
  gzip?: Buffer;
}

/** Apollo's order (errors, data, extensions) and its trailing newline; a stored answer has no errors. */
function entryOf(tag: string, result: FormattedExecutionResult, operationName: string | null): Entry {
  const bytes = Buffer.from(JSON.stringify({ data: result.data, extensions: result.extensions }) + '\n');
  const etag = `W/"${bytes.length.toString(16)}-${createHash('sha1').update(bytes).digest('base64').slice(0, 27)}"`;
  return { tag, operationName, bytes, etag };
}

const sizeOf = (entry: Entry) => entry.bytes.length + (entry.gzip?.length ?? 0);

const APPLICATION_JSON = 'application/json; charset=utf-8';
const GRAPHQL_RESPONSE_JSON = 'application/graphql-response+json; charset=utf-8';
/** Below this size the compression middleware leaves answers as they are; so does the fast path. */
const COMPRESS_FROM = 1024;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

export interface CacheContext {
  viewer: Viewer;
  /** The snapshots the fast path read for this request, when it read them (the plugin reuses them). */
  snapshotTag?: Promise<string>;
}

export class ResponseCache {
  /** Least recently used first. */
  private readonly entries = new Map<string, Entry>();
  private bytes = 0;
  // Identical reads being worked on now, under the snapshot tag they started from. A read that finds
  // one with its own tag (read after it arrived) waits for that answer: no tier committed between.
  private readonly inFlight = new Map<string, { tag: string; result: Promise<FormattedExecutionResult | undefined> }>();
  private readonly snapshots: Snapshots;
  private readonly tags = new WeakMap<Request, Promise<string>>();

  constructor(
    private readonly options: {
      subgraphUrls: () => string[];
      gatewaySecret: string;
      maxEntries: number;
      /** What the stored answers may take (their JSON and gzip), in bytes. */
      maxBytes: number;
      timeoutMs: number;
      /** How long a read waits for an identical one in flight before working on its own. */
      shareTimeoutMs: number;
      /** The caller of a request, as the rate limiter and the context verified it. */
      viewerOf: (req: Request) => Promise<Viewer>;
    },
  ) {
    this.snapshots = new Snapshots(options.subgraphUrls, options.gatewaySecret, options.timeoutMs);
  }

  /** Keeps `entry` under `key` as the most recently used, then drops the least recently used past either bound. */
  private keep(key: string, entry: Entry): void {
    const had = this.entries.get(key);
    if (had) this.bytes -= sizeOf(had);
    this.entries.delete(key);
    this.entries.set(key, entry);
    this.bytes += sizeOf(entry);
    for (const [oldest, dropped] of this.entries) {
      if (this.entries.size <= this.options.maxEntries && this.bytes <= this.options.maxBytes) break;
      this.entries.delete(oldest);
      this.bytes -= sizeOf(dropped);
    }
    held.set(this.bytes);
    heldEntries.set(this.entries.size);
  }

  /** The snapshots the fast path read for `req`, if it did. */
  tagOf(req: Request): Promise<string> | undefined {
    return this.tags.get(req);
  }

  /**
   * Express middleware after the body parser: a POST of JSON whose key the plugin stored, under the
   * tiers' current snapshots, is answered here with the bytes kept; anything else goes on to Apollo.
   */
  serveHits = async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const arrivedAt = performance.now();
    const body: unknown = req.body;
    // Extensions (a persisted query's hash) are Apollo's to check.
    if (req.method !== 'POST' || !isRecord(body) || typeof body.query !== 'string' || (body.extensions !== undefined && body.extensions !== null)) return next();
    const { query, operationName = null, variables = null } = body;
    if ((operationName !== null && typeof operationName !== 'string') || (variables !== null && !isRecord(variables))) return next();
    // The media type Apollo would answer with (the same negotiation, in its order); none acceptable is Apollo's to refuse.
    const type = req.accepts(['application/json', 'application/graphql-response+json']);
    if (!type) return next();
    let viewer: Viewer;
    try {
      viewer = await this.options.viewerOf(req);
    } catch {
      return next(); // Apollo refuses a bad token
    }
    const key = keyOf(query, operationName, variables ?? {}, viewer);
    if (!this.entries.has(key)) return next();
    const tag = this.snapshots.after(arrivedAt);
    this.tags.set(req, tag);
    let current: string;
    try {
      current = await tag;
    } catch {
      return next(); // the plugin counts the bypass
    }
    const entry = this.entries.get(key);
    if (!entry || entry.tag !== current) return next();
    lookups.inc({ result: 'hit' });
    res.statusCode = 200;
    res.setHeader('content-type', type === 'application/json' ? APPLICATION_JSON : GRAPHQL_RESPONSE_JSON);
    res.setHeader('cache-control', 'no-store');
    res.setHeader('etag', entry.etag);
    let bytes = entry.bytes;
    if (bytes.length >= COMPRESS_FROM && req.acceptsEncodings('gzip') === 'gzip') {
      if (!entry.gzip) entry.gzip = gzipSync(entry.bytes);
      bytes = entry.gzip;
      // The compression middleware leaves an answer that says its encoding as it is.
      res.setHeader('content-encoding', 'gzip');
      res.setHeader('vary', 'Accept-Encoding');
    }
    this.keep(key, entry); // most recently used, its gzip counted
    res.setHeader('content-length', bytes.length);
    res.end(bytes);
    recordOperation({ operationName: entry.operationName, kind: 'query', viewer, seconds: (performance.now() - arrivedAt) / 1000, codes: [], cached: true });
  };

  /**
   * The cache as an Apollo Server plugin: after parsing, validation and the gateway's limits (a cached
   * answer is refused to whoever would be refused the query), before any subgraph fetch.
   */
  plugin(): ApolloServerPlugin<CacheContext> {
    const { entries, inFlight, snapshots, options } = this;
    const keep = (key: string, entry: Entry) => this.keep(key, entry);
    return {
      async requestDidStart({ contextValue }) {
        const arrivedAt = performance.now();
        let key: string | undefined;
        let tag: string | undefined;
        let operationName: string | null = null;
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
              tag = await (contextValue.snapshotTag ?? snapshots.after(arrivedAt));
            } catch {
              lookups.inc({ result: 'bypass' });
              return null; // a tier that cannot say: answer the usual way, keep nothing
            }
            operationName = operation.name?.value ?? null;
            key = keyOf(request.query!, request.operationName ?? null, request.variables ?? {}, contextValue.viewer ?? PUBLIC);
            const entry = entries.get(key);
            if (entry && entry.tag === tag) {
              lookups.inc({ result: 'hit' });
              keep(key, entry);
              // Apollo's path (a request the fast path passed on): the answer from its stored JSON.
              return answer(JSON.parse(entry.bytes.toString('utf8')) as FormattedExecutionResult);
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
            keep(key, entryOf(tag, result, operationName));
          },
        };
      },
    };
  }
}
