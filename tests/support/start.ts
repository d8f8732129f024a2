// Starts a whole federation (embedded PostgreSQL in a temporary folder, four subgraphs, the gateway)
// on free ports, from the built code in dist/: the same path `npm start` takes.
import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { SUBGRAPHS } from '../../subgraphs/kit/subgraph';
import { freePort } from './ports';

export interface TestFederation {
  gatewayUrl: string;
  subgraphUrls: Record<string, string>;
  databaseUrls: Record<string, string>;
  stop(): Promise<void>;
}

export async function startTestFederation(
  options: { seed?: string; dataDir?: string; keepData?: boolean; env?: NodeJS.ProcessEnv } = {},
): Promise<TestFederation> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    FUHUA_SEED: options.seed ?? 'jilin',
    FUHUA_DATA_DIR: options.dataDir ?? mkdtempSync(join(tmpdir(), 'fuhua-test-')),
    FUHUA_EPHEMERAL: options.keepData ? '0' : '1',
    FUHUA_PG_PORT: String(await freePort()),
    FUHUA_GATEWAY_PORT: String(await freePort()),
    ...options.env,
  };
  for (const name of SUBGRAPHS) env[`FUHUA_${name.toUpperCase()}_PORT`] = String(await freePort());
  const lines: string[] = [];
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { startFederation } = require(join(__dirname, '..', '..', 'dist', 'scripts', 'start.js'));
  try {
    return await startFederation({ env, log: (line: string) => lines.push(line) });
  } catch (error) {
    throw new Error(`${(error as Error).message}\n${lines.slice(-40).join('\n')}`);
  }
}
