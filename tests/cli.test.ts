// The command line as a person uses it: `npx fuhua token` prints the token alone (so it can be captured
// or piped), and the token it prints is one the gateway accepts.
import { execFileSync } from 'child_process';
import { join } from 'path';
import { request } from './support/client';

const FUHUA = join(__dirname, '..', 'scripts', 'fuhua.js');
const fuhua = (...args: string[]) =>
  execFileSync(process.execPath, [FUHUA, ...args], { encoding: 'utf8', env: { ...process.env, FUHUA_JWT_SECRET: process.env.FUHUA_TEST_JWT_SECRET } });

describe('npx fuhua', () => {
  it('token prints one line, a JWT, that the gateway takes as a county operator', async () => {
    const out = fuhua('token', '--role', 'county', '--region', '220102');
    expect(out).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
    const response = await request(`{ auditTrail(scope: "220102") { province { id } } }`, {}, { token: out.trim() });
    expect(response.errors).toBeUndefined();
  });

  it('lists its commands, and refuses an unknown one with exit code 2', () => {
    expect(fuhua('--help')).toMatch(/token[\s\S]*export[\s\S]*compose[\s\S]*migration/);
    expect(() => fuhua('frobnicate')).toThrow(expect.objectContaining({ status: 2 }));
  });
});
