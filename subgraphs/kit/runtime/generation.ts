// GET /generation: what the gateway's response cache asks a subgraph on every cached read (see
// gateway/response-cache.ts): the database's current snapshot (`pg_current_snapshot()`, which changes
// with every transaction that wrote and ended) and the PostgreSQL cluster it comes from.
//
// A snapshot is the cluster's, not the database's: tiers whose databases share a cluster share it. So a
// subgraph also names its cluster (system identifier and start time) and promises, for CLUSTER_LEASE_MS
// from the answer, to read and write nowhere else: a connection to another cluster waits until the
// promise has run out, and a new process waits that long after its start (its predecessor may have
// promised). Meanwhile the gateway may take another tier's snapshot of the same cluster for this one's.
import type { IncomingMessage, ServerResponse } from 'http';
import { INTERNAL_HEADER, verifyInternalToken } from '../identity/tokens';

/** How long a subgraph's word that its database stays in the cluster it named holds. */
export const CLUSTER_LEASE_MS = 500;

const CLUSTER_SQL = "select system_identifier::text || '@' || extract(epoch from pg_postmaster_start_time())::text as cluster from pg_control_system()";

interface Connection {
  query(sql: string): Promise<{ rows: Record<string, string>[] }>;
}

/** What the /generation answer says (JSON). */
export interface GenerationAnswer {
  snapshot: string;
  /** The cluster the snapshot comes from; absent when it could not be told (then no promise). */
  cluster?: string;
  /** For how long (from when the request was sent) the subgraph stays in that cluster; 0: no promise. */
  leaseMs: number;
}

export class ClusterLease {
  private readonly clusters = new WeakMap<object, string | undefined>();
  /** The cluster this process reads and writes, once its first connection was admitted. */
  private current?: string;
  /** Until when (performance.now()) this process has promised to stay in `current`. */
  private promisedUntil = 0;
  private moving = false;

  /** For the pool's afterCreate: learns the connection's cluster; one in another cluster waits out the promise. */
  async admit(connection: Connection): Promise<void> {
    const cluster = await connection.query(CLUSTER_SQL).then(
      ({ rows }) => rows[0]?.cluster,
      () => undefined, // not readable here: this process makes no promise
    );
    this.clusters.set(connection, cluster);
    if (cluster === undefined || cluster === this.current) return;
    // No promise is made while moving; a first connection waits for whatever a previous process of
    // this tier may have promised up to its end.
    this.moving = true;
    const until = this.current === undefined ? CLUSTER_LEASE_MS : this.promisedUntil;
    const wait = until - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    this.current = cluster;
    this.moving = false;
  }

  /** The answer to GET /generation, on a pooled connection without the query builder. */
  async answer(pool: { acquireConnection(): Promise<Connection>; releaseConnection(connection: Connection): unknown }): Promise<GenerationAnswer> {
    const connection = await pool.acquireConnection();
    try {
      const cluster = this.clusters.get(connection);
      const promise = !this.moving && cluster !== undefined && cluster === this.current;
      // Promised before the snapshot is read, so the promise covers the moment it describes.
      if (promise) this.promisedUntil = Math.max(this.promisedUntil, performance.now() + CLUSTER_LEASE_MS);
      const { rows } = await connection.query('select pg_current_snapshot()::text as snapshot');
      return { snapshot: rows[0].snapshot, ...(cluster !== undefined ? { cluster } : {}), leaseMs: promise ? CLUSTER_LEASE_MS : 0 };
    } finally {
      pool.releaseConnection(connection);
    }
  }

  /** Serves GET /generation (signed like any internal call), before express. */
  async serve(pool: Parameters<ClusterLease['answer']>[0], gatewaySecret: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const given = req.headers[INTERNAL_HEADER];
    try {
      await verifyInternalToken(Array.isArray(given) ? given[0] : given, gatewaySecret);
    } catch {
      res.writeHead(401).end();
      return;
    }
    try {
      const body = JSON.stringify(await this.answer(pool));
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store', 'content-length': Buffer.byteLength(body) }).end(body);
    } catch {
      if (!res.headersSent) res.writeHead(503).end();
    }
  }
}
