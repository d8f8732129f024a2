// Starts a whole federation the way `npm start` does — the built dist/scripts/start.js in a child
// process: an embedded PostgreSQL in a temporary folder, four subgraphs and the gateway, on free ports.
// stop() sends SIGTERM, as Ctrl-C would, and waits until everything has exited.
import { spawn } from 'child_process';
import { randomBytes } from 'crypto';
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { SUBGRAPHS } from '../../subgraphs/kit/topology';
import { freePort } from '../../scripts/ports';

export interface TestFederation {
  gatewayUrl: string;
  subgraphUrls: Record<string, string>;
  databaseUrls: Record<string, string>;
  /** Where each process (gateway and subgraphs, by name) serves /metrics. */
  metricsUrls: Record<string, string>;
  dataDir: string;
  /** The secrets its processes verify tokens with (tests mint tokens with the first). */
  jwtSecret: string;
  gatewaySecret: string;
  output(): string;
  stop(): Promise<void>;
}

export async function startTestFederation(
  options: { seed?: string; dataDir?: string; keepData?: boolean; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
): Promise<TestFederation> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'fuhua-test-'));
  const pgPort = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    FUHUA_SEED: options.seed ?? 'jilin',
    FUHUA_DATA_DIR: dataDir,
    FUHUA_EPHEMERAL: options.keepData ? '0' : '1',
    FUHUA_PG_PORT: String(pgPort),
    FUHUA_GATEWAY_PORT: String(await freePort()),
    FUHUA_JWT_SECRET: randomBytes(32).toString('base64url'),
    FUHUA_GATEWAY_SECRET: randomBytes(32).toString('base64url'),
    // Tests count fetches and statements per request; the response cache's own test turns it on.
    FUHUA_RESPONSE_CACHE: '0',
    ...options.env,
  };
  const subgraphUrls: Record<string, string> = {};
  const databaseUrls: Record<string, string> = {};
  const metricsUrls: Record<string, string> = {};
  for (const name of ['gateway', ...SUBGRAPHS]) {
    const port = await freePort();
    env[`FUHUA_${name.toUpperCase()}_METRICS_PORT`] = String(port);
    metricsUrls[name] = `http://127.0.0.1:${port}/metrics`;
  }
  for (const name of SUBGRAPHS) {
    const port = await freePort();
    env[`FUHUA_${name.toUpperCase()}_PORT`] = String(port);
    subgraphUrls[name] = `http://127.0.0.1:${port}/graphql`;
    databaseUrls[name] = `postgres://postgres:fuhua@127.0.0.1:${pgPort}/fuhua_${name}`;
  }
  const child = spawn(process.execPath, [join(__dirname, '..', '..', 'dist', 'scripts', 'start.js')], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const started = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the federation did not start within ${options.timeoutMs ?? 300_000} ms:\n${output.slice(-4000)}`)), options.timeoutMs ?? 300_000);
    const poll = setInterval(() => {
      if (output.includes('Fuhua is up')) {
        clearInterval(poll);
        clearTimeout(timer);
        resolve();
      } else if (child.exitCode !== null) {
        clearInterval(poll);
        clearTimeout(timer);
        reject(new Error(`npm start exited with ${child.exitCode}:\n${output.slice(-4000)}`));
      }
    }, 100);
  });
  try {
    await started;
  } catch (error) {
    if (child.exitCode === null) child.kill('SIGTERM');
    await exited;
    if (!options.keepData) rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  return {
    gatewayUrl: `http://127.0.0.1:${env.FUHUA_GATEWAY_PORT}/graphql`,
    subgraphUrls,
    databaseUrls,
    metricsUrls,
    dataDir,
    jwtSecret: env.FUHUA_JWT_SECRET!,
    gatewaySecret: env.FUHUA_GATEWAY_SECRET!,
    output: () => output,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/**
 * A federation of the calling test file's own (register only unless `env` says otherwise), for tests
 * that kill, stall or flood it: the test helpers talk to it while the file runs, and to the shared one
 * again afterwards. Returns a getter, since the federation exists only once beforeAll has run.
 */
export function ownFederation(env: NodeJS.ProcessEnv = {}): () => TestFederation {
  let federation: TestFederation | undefined;
  let saved: NodeJS.ProcessEnv;
  beforeAll(async () => {
    saved = { ...process.env };
    federation = await startTestFederation({ env: { FUHUA_DEMO: '0', ...env } });
    // Loaded here, not at the top: global-setup imports this module.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require('./global-setup').useFederation(federation);
  }, 300_000);
  afterAll(async () => {
    await federation?.stop();
    process.env = saved;
  });
  return () => federation!;
}
