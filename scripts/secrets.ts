// Development secrets: `npm start` makes them once, beside its data folder, and reuses them, so tokens
// minted with `npm run token` keep working across restarts. Production sets them in the environment.
import { randomBytes } from 'crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'fs';
import { dirname, join } from 'path';
import { ROOT } from '../subgraphs/kit';

export const SECRET_NAMES = ['FUHUA_JWT_SECRET', 'FUHUA_GATEWAY_SECRET'] as const;

export const defaultDataDir = (env = process.env) => env.FUHUA_DATA_DIR ?? join(ROOT, '.fuhua', 'postgres');
export const secretsFile = (env = process.env) => `${defaultDataDir(env)}.secrets.json`;

/** The environment's secrets where set, else the development ones (made on first use). */
export function developmentSecrets(env = process.env): Record<(typeof SECRET_NAMES)[number], string> {
  const file = secretsFile(env);
  let stored: Record<string, string> = {};
  if (existsSync(file)) stored = JSON.parse(readFileSync(file, 'utf8'));
  const secrets = Object.fromEntries(SECRET_NAMES.map((name) => [name, env[name] ?? stored[name] ?? randomBytes(32).toString('base64url')]));
  if (SECRET_NAMES.some((name) => !env[name] && !stored[name])) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  }
  return secrets as Record<(typeof SECRET_NAMES)[number], string>;
}
