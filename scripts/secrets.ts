// Development secrets: `npm start` makes them once, beside its data folder, and reuses them, so tokens
// minted with `fuhua token` keep working across restarts. Production sets them in the environment.
import { randomBytes } from 'crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'fs';
import { dirname, join } from 'path';
import { ROOT } from '../subgraphs/kit/paths';

export const SECRET_NAMES = ['FUHUA_JWT_SECRET', 'FUHUA_GATEWAY_SECRET'] as const;
export type Secrets = Record<(typeof SECRET_NAMES)[number], string>;

export const defaultDataDir = (dataDir?: string) => dataDir ?? join(ROOT, '.fuhua', 'postgres');
export const secretsFile = (dataDir?: string) => `${defaultDataDir(dataDir)}.secrets.json`;

/** The given secrets where set, else the development ones kept beside the data folder (made on first use). */
export function developmentSecrets(given: Partial<Secrets>, dataDir?: string): Secrets {
  const file = secretsFile(dataDir);
  let stored: Record<string, string> = {};
  if (existsSync(file)) stored = JSON.parse(readFileSync(file, 'utf8'));
  const secrets = Object.fromEntries(SECRET_NAMES.map((name) => [name, given[name] ?? stored[name] ?? randomBytes(32).toString('base64url')])) as Secrets;
  if (SECRET_NAMES.some((name) => !given[name] && !stored[name])) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  }
  return secrets;
}
