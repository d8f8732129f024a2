// Tokens as a county system gets them, minted in-process with the same code `npx fuhua token` runs
// (tests/cli.test.ts runs the command itself once).
import { mint } from '../../scripts/token';

const cache = new Map<string, Promise<string>>();

/** A token for `args` (e.g. ['--role', 'county', '--region', '220102']), signed for the federation under test. */
export function token(...args: string[]): Promise<string> {
  return tokenFor(process.env.FUHUA_TEST_JWT_SECRET!, ...args);
}

/** The same, signed with an explicit secret (another federation's, or a forger's). */
export function tokenFor(secret: string, ...args: string[]): Promise<string> {
  const key = `${secret}|${args.join(' ')}`;
  let minted = cache.get(key);
  if (!minted) {
    minted = mint([...args, `--secret=${secret}`], {}); // one argument: a base64url secret may begin with '-'
    cache.set(key, minted);
  }
  return minted;
}

export const adminToken = () => token('--role', 'admin');
