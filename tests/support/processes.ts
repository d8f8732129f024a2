// Extra processes on the one test federation's PostgreSQL, started from the built dist/ as `npm start`
// starts them: a second gateway (production mode, a subgraph unreachable) or a whole fixture federation
// on databases of its own. No second PostgreSQL, no second initdb: CREATE DATABASE on the running cluster.
import { spawn, type ChildProcess } from 'child_process';
import { join } from 'path';
import { Client } from 'pg';
import { freePort } from '../../scripts/ports';
import { SUBGRAPHS, envStem, type SubgraphName } from '../../subgraphs/kit/topology';
import { databaseUrls, subgraphUrls } from './client';

const DIST = join(__dirname, '..', '..', 'dist');

export interface TestProcess {
  url: string;
  /** Where it serves /metrics (an operator port of its own). */
  metricsUrl: string;
  /** Everything it printed (its JSON log lines). */
  output(): string;
  stop(): Promise<void>;
}

/** Starts a built process on a free port and waits until /health answers. */
export async function startProcess(name: string, script: string, env: NodeJS.ProcessEnv): Promise<TestProcess> {
  const port = await freePort();
  const metricsPort = await freePort();
  const child: ChildProcess = spawn(process.execPath, [join(DIST, script)], {
    env: { PATH: process.env.PATH, FUHUA_METRICS_PORT: String(metricsPort), ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  for (const stream of [child.stdout!, child.stderr!]) stream.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}:\n${output.slice(-4000)}`);
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`${name} did not start within 120 s:\n${output.slice(-4000)}`);
    }
    if (await fetch(`${base}/health`).then((r) => r.ok, () => false)) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { url: `${base}/graphql`, metricsUrl: `http://127.0.0.1:${metricsPort}/metrics`, output: () => output, stop };
}

/** A gateway over `subgraphs` (default: the test federation's), with extra settings such as NODE_ENV. */
export function startGateway(env: NodeJS.ProcessEnv = {}, subgraphs: Record<string, string> = subgraphUrls()) {
  return startProcess('gateway', join('gateway', 'main.js'), {
    FUHUA_JWT_SECRET: process.env.FUHUA_TEST_JWT_SECRET,
    FUHUA_GATEWAY_SECRET: process.env.FUHUA_TEST_GATEWAY_SECRET,
    FUHUA_RESPONSE_CACHE: process.env.FUHUA_RESPONSE_CACHE, // off in the suite (global-setup)
    ...Object.fromEntries(Object.entries(subgraphs).map(([name, url]) => [`FUHUA_${envStem(name as SubgraphName)}_URL`, url])),
    ...env,
  });
}

/** A URL where nothing answers: a subgraph that is down. */
export const unreachable = async () => `http://127.0.0.1:${await freePort()}/graphql`;

async function onCluster(work: (client: Client) => Promise<void>) {
  const client = new Client({ connectionString: databaseUrls().province.replace(/\/[^/]*$/, '/postgres') });
  await client.connect();
  try {
    await work(client);
  } finally {
    await client.end();
  }
}

export interface FixtureFederation {
  gatewayUrl: string;
  subgraphUrls: Record<string, string>;
  databaseUrls: Record<string, string>;
  /** Each process by name (gateway and subgraphs): its output and metrics address. */
  processes: Record<string, TestProcess>;
  /** Each process's /metrics by name, as TestFederation.metricsUrls (what `counted` reads). */
  metricsUrls: Record<string, string>;
  stop(): Promise<void>;
}

let fixtures = 0;

/**
 * Four subgraphs and a gateway on fresh databases of their own, seeded with Jilin's register and no demo
 * (the hand-made fixtures start from there), with the test federation's secrets. stop() drops the databases.
 */
export async function startFixtureFederation(env: (name: string) => NodeJS.ProcessEnv = () => ({})): Promise<FixtureFederation> {
  const tag = `fixture_${process.pid}_${++fixtures}`;
  const dbUrls = Object.fromEntries(SUBGRAPHS.map((name) => [name, databaseUrls()[name].replace(/\/[^/]*$/, `/fuhua_${name}_${tag}`)]));
  await onCluster(async (client) => {
    for (const name of SUBGRAPHS) await client.query(`create database "fuhua_${name}_${tag}"`);
  });
  const running: TestProcess[] = [];
  const processes: Record<string, TestProcess> = {};
  const stop = async () => {
    await Promise.all(running.map((p) => p.stop()));
    await onCluster(async (client) => {
      for (const name of SUBGRAPHS) await client.query(`drop database if exists "fuhua_${name}_${tag}" with (force)`);
    });
  };
  try {
    // The organizations tier asks centers and stations about hosts: they start first, and it learns their URLs.
    const urls: Record<string, string> = {};
    const subgraph = async (name: SubgraphName) => {
      const started = await startProcess(name, join('subgraphs', name, 'main.js'), {
        DATABASE_URL: dbUrls[name],
        FUHUA_GATEWAY_SECRET: process.env.FUHUA_TEST_GATEWAY_SECRET,
        FUHUA_SEED: 'jilin',
        FUHUA_DEMO: '0',
        ...Object.fromEntries(Object.entries(urls).map(([n, url]) => [`FUHUA_${envStem(n as SubgraphName)}_URL`, url])),
        ...env(name),
      });
      running.push(started);
      processes[name] = started;
      urls[name] = started.url;
    };
    await Promise.all((['province', 'centers', 'stations'] as const).map(subgraph));
    await subgraph('organizations');
    const gateway = await startGateway(env('gateway'), urls);
    running.push(gateway);
    processes.gateway = gateway;
    const metricsUrls = Object.fromEntries(Object.entries(processes).map(([name, p]) => [name, p.metricsUrl]));
    return { gatewayUrl: gateway.url, subgraphUrls: urls, databaseUrls: dbUrls, processes, metricsUrls, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
