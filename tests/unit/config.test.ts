// One typed configuration (subgraphs/kit/config.ts): a bad value stops a process at start and names the
// variable; the defaults are what the README says; and no other file reads process.env.
import { execFileSync } from 'child_process';
import { readdirSync, readFileSync, statSync } from 'fs';
import { join, relative } from 'path';
import { ConfigError, allVariables, gatewayConfig, organizationsConfig, subgraphConfig } from '../../subgraphs/kit/config';

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

  it('names every missing secret and a secret that is too short', () => {
    expect(() => gatewayConfig({ FUHUA_GATEWAY_SECRET: 'short' })).toThrow(/FUHUA_JWT_SECRET=""[\s\S]*FUHUA_GATEWAY_SECRET="short": must be at least 32/);
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
