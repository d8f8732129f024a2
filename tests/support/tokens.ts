// Tokens as a county system gets them: minted by the project's own `npm run token` script.
import { execFileSync } from 'child_process';
import { join } from 'path';

const cache = new Map<string, string>();

/** A token for `args` (e.g. ['--role', 'county', '--region', '220102']), signed for the federation under test. */
export function token(...args: string[]): string {
  return tokenFor(process.env.FUHUA_TEST_JWT_SECRET!, ...args);
}

/** The same, signed with an explicit secret (another federation's, or a forger's). */
export function tokenFor(secret: string, ...args: string[]): string {
  const key = `${secret}|${args.join(' ')}`;
  let minted = cache.get(key);
  if (!minted) {
    minted = execFileSync(process.execPath, [join(__dirname, '..', '..', 'dist', 'scripts', 'token.js'), ...args], {
      env: { ...process.env, FUHUA_JWT_SECRET: secret },
      encoding: 'utf8',
    }).trim();
    cache.set(key, minted);
  }
  return minted;
}

export const adminToken = () => token('--role', 'admin');
