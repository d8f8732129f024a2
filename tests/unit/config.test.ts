// One typed configuration (subgraphs/kit/config.ts): a bad value stops a process at start and names the
// variable; the defaults are what the README says; and no other file reads process.env.
import { execFileSync } from 'child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join, relative } from 'path';
import { ConfigError, allVariables, gatewayConfig, organizationsConfig, provisionConfig, subgraphConfig } from '../../subgraphs/kit/config';

const ROOT = join(__dirname, '..', '..');
const SECRET = 'x'.repeat(32);

describe('configuration', () => {
  it('refuses a value of the wrong type, naming the variable and the value', () => {
    expect(() => gatewayConfig({ FUHUA_JWT_SECRET: SECRET, FUHUA_GATEWAY_SECRET: SECRET, FUHUA_SUBGRAPH_TIMEOUT_MS: '30s' })).toThrow(
      /FUHUA_SUBGRAPH_TIMEOUT_MS="30s"/,
    );
    expect(() => subgraphConfig('centers', { DATABASE_URL: 'postgres://h/db', FUHUA_GATEWAY_SECRET: SECRET, FUHUA_DEMO: 'maybe' })).toThrow(/FUHUA_DEMO="maybe"/);
    expect(() => organizationsConfig({ FUHUA_EXPERT_PASS_MARK: '-1' })).toThrow(ConfigError);
  });

  it('names every missing secret and a secret that is too short, never printing a secret', () => {
    expect(() => gatewayConfig({ FUHUA_GATEWAY_SECRET: 'short' })).toThrow(/FUHUA_JWT_SECRET=""[\s\S]*FUHUA_GATEWAY_SECRET=<secret>: must be at least 32/);
  });

  it('needs a database for a subgraph, by its own name or DATABASE_URL', () => {
    expect(() => subgraphConfig('stations', { FUHUA_GATEWAY_SECRET: SECRET })).toThrow(/DATABASE_URL: required \(or FUHUA_STATIONS_DATABASE_URL\)/);
    expect(subgraphConfig('stations', { FUHUA_GATEWAY_SECRET: SECRET, FUHUA_STATIONS_DATABASE_URL: 'postgres://h/s', DATABASE_URL: 'postgres://h/other' }).databaseUrl).toBe('postgres://h/s');
  });

  it('fills in the documented defaults, and takes an empty value as unset', () => {
    const gateway = gatewayConfig({ FUHUA_JWT_SECRET: SECRET, FUHUA_GATEWAY_SECRET: SECRET, FUHUA_MAX_DEPTH: '' });
    expect(gateway).toMatchObject({ port: 4000, subgraphTimeoutMs: 15_000, production: false, limits: { maxDepth: 12, maxCost: 50_000, maxAliases: 15, maxTokens: 4_000 } });
    expect(organizationsConfig({})).toMatchObject({ expertPassMark: 240, noticeMinDays: 7 });
    const subgraph = subgraphConfig('province', { DATABASE_URL: 'postgres://h/p', FUHUA_GATEWAY_SECRET: SECRET, FUHUA_SEED: 'none' });
    expect(subgraph).toMatchObject({ port: 4001, seed: undefined, demo: true, statementTimeoutMs: 10_000 });
  });

  describe('secrets from files (X_FILE, as Docker mounts them under /run/secrets)', () => {
    let dir: string;
    beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'fuhua-secrets-'))));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    const file = (name: string, content: string) => {
      writeFileSync(join(dir, name), content);
      return join(dir, name);
    };

    it('reads a secret from the file its X_FILE names, without the trailing newline', () => {
      const jwt = 'j'.repeat(40);
      const config = gatewayConfig({ FUHUA_JWT_SECRET_FILE: file('jwt', `${jwt}\n`), FUHUA_GATEWAY_SECRET: SECRET });
      expect(config.userTokens.secret).toBe(jwt);
    });

    it("puts a database password read from a file into the role's URL", () => {
      const config = subgraphConfig('centers', { DATABASE_URL: 'postgres://fuhua_centers@db:5432/fuhua_centers', DATABASE_PASSWORD_FILE: file('db', 'p@ss:word\n'), FUHUA_GATEWAY_SECRET: SECRET });
      const url = new URL(config.databaseUrl);
      expect([url.username, decodeURIComponent(url.password), url.host, url.pathname]).toEqual(['fuhua_centers', 'p@ss:word', 'db:5432', '/fuhua_centers']);
      expect(provisionConfig({ FUHUA_ADMIN_DATABASE_URL: 'postgres://admin@db/postgres', ...Object.fromEntries(['PROVINCE', 'CENTERS', 'STATIONS', 'ORGANIZATIONS'].map((n) => [`FUHUA_${n}_DATABASE_PASSWORD_FILE`, file(n, n.toLowerCase())])) }).passwords.stations).toBe('stations');
    });

    it('refuses a missing file, a secret given twice, and a short one, naming the variable and never the value', () => {
      expect(() => gatewayConfig({ FUHUA_JWT_SECRET_FILE: join(dir, 'nowhere'), FUHUA_GATEWAY_SECRET: SECRET })).toThrow(/FUHUA_JWT_SECRET_FILE=".*nowhere": cannot read it \(ENOENT\)/);
      expect(() => gatewayConfig({ FUHUA_JWT_SECRET_FILE: file('twice', SECRET), FUHUA_JWT_SECRET: SECRET, FUHUA_GATEWAY_SECRET: SECRET })).toThrow(/FUHUA_JWT_SECRET is set too/);
      let message = '';
      try {
        gatewayConfig({ FUHUA_JWT_SECRET_FILE: file('short', 'tooshort-but-secret'), FUHUA_GATEWAY_SECRET: SECRET });
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message).toMatch(/FUHUA_JWT_SECRET=<from .*short>: must be at least 32/);
      expect(message).not.toContain('tooshort-but-secret');
    });

    it('offers X_FILE only for secrets', () => {
      const names = allVariables().map((v) => v.name);
      expect(names).toEqual(expect.arrayContaining(['FUHUA_JWT_SECRET_FILE', 'FUHUA_GATEWAY_SECRET_FILE', 'DATABASE_PASSWORD_FILE', 'FUHUA_CENTERS_DATABASE_PASSWORD_FILE']));
      expect(names).not.toContain('FUHUA_MAX_DEPTH_FILE');
      expect(() => gatewayConfig({ FUHUA_JWT_SECRET: SECRET, FUHUA_GATEWAY_SECRET: SECRET, FUHUA_MAX_DEPTH_FILE: file('depth', '3') })).not.toThrow();
      expect(gatewayConfig({ FUHUA_JWT_SECRET: SECRET, FUHUA_GATEWAY_SECRET: SECRET, FUHUA_MAX_DEPTH_FILE: file('depth', '3') }).limits.maxDepth).toBe(12);
    });
  });

  it('migrates at start unless told not to (production runs a migration job instead)', () => {
    expect(subgraphConfig('province', { DATABASE_URL: 'postgres://h/p', FUHUA_GATEWAY_SECRET: SECRET }).migrate).toBe(true);
    expect(subgraphConfig('province', { DATABASE_URL: 'postgres://h/p', FUHUA_GATEWAY_SECRET: SECRET, FUHUA_MIGRATE: '0' }).migrate).toBe(false);
  });

  it('lists every variable once, with the kinds of process that read it', () => {
    const names = allVariables().map((v) => v.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual(expect.arrayContaining(['FUHUA_SUBGRAPH_TIMEOUT_MS', 'FUHUA_CENTERS_DATABASE_URL', 'FUHUA_EXPERT_PASS_MARK', 'FUHUA_READY_TIMEOUT_S']));
  });

  it('stops a process at start with the variable named, before it listens', () => {
    let stderr = '';
    try {
      execFileSync(process.execPath, [join(ROOT, 'dist', 'gateway', 'main.js')], {
        env: { PATH: process.env.PATH, FUHUA_JWT_SECRET: SECRET, FUHUA_GATEWAY_SECRET: SECRET, FUHUA_SUBGRAPH_TIMEOUT_MS: '30s', PORT: '1' },
        stdio: 'pipe',
        timeout: 30_000,
      });
    } catch (error) {
      stderr = String((error as { stderr: Buffer }).stderr);
      expect((error as { status: number }).status).toBe(1);
    }
    expect(stderr).toMatch(/\[gateway\] failed to start: invalid configuration:\n\s+FUHUA_SUBGRAPH_TIMEOUT_MS="30s"/);
    expect(stderr).not.toMatch(/\n\s+at /); // a message, not a stack
  });
});

describe('where the environment is read', () => {
  const sources = (dir: string): string[] =>
    readdirSync(dir).flatMap((entry) => {
      const path = join(dir, entry);
      return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
    });

  it('no file reads a variable from process.env itself: each goes through the schemas in subgraphs/kit/config.ts', () => {
    const files = ['gateway', 'subgraphs', 'scripts'].flatMap((dir) => sources(join(ROOT, dir)));
    expect(files.length).toBeGreaterThan(40);
    const readers = files
      .filter((file) => /process\.env(\.|\[)/.test(readFileSync(file, 'utf8')))
      .map((file) => relative(ROOT, file));
    expect(readers).toEqual([]);
  });
});
