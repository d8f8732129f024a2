// docker-compose.yml and the Dockerfile checked against the code, without a Docker engine: the file is
// parsed as YAML and every service compared with the configuration its process declares
// (subgraphs/kit/config.ts), where its entry file is, and what the image has to contain.
import { existsSync, readFileSync } from 'fs';
import { join } from 'path';
import { parse } from 'yaml';
import { allVariables, schemas } from '../subgraphs/kit/config';
import { SUBGRAPHS, envStem, type SubgraphName } from '../subgraphs/kit/topology';

const ROOT = join(__dirname, '..');

type Service = {
  image?: string;
  build?: unknown;
  command?: string | string[];
  environment?: Record<string, unknown> | string[];
  depends_on?: string[] | Record<string, { condition?: string }>;
  healthcheck?: { test?: string | string[]; disable?: boolean };
  [key: string]: unknown;
};

// `merge: true`: services share settings through YAML merge keys (`<<: *fuhua`), as Compose reads them.
const compose = parse(readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8'), { merge: true }) as { services: Record<string, Service>; [key: string]: unknown };
const services = compose.services ?? {};
const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');

/** What Compose interpolation makes of a value when the shell sets nothing: defaults, and `$$` as `$`. */
function interpolate(value: string): string {
  return value
    .replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?::?-([^}]*))?\}/g, (_m, _name: string, fallback?: string) => fallback ?? '')
    .replace(/\$\$/g, '$');
}

/** A service's environment as a map, in either of the two forms Compose accepts. */
function environmentOf(service: Service): Record<string, string> {
  const env = service.environment ?? {};
  const entries: [string, string][] = Array.isArray(env)
    ? env.map((line): [string, string] => {
        const at = line.indexOf('=');
        return at < 0 ? [line, ''] : [line.slice(0, at), line.slice(at + 1)];
      })
    : Object.entries(env).map(([name, value]): [string, string] => [name, value == null ? '' : String(value)]);
  return Object.fromEntries(entries.map(([name, value]) => [name, interpolate(value)]));
}

const commandOf = (service: Service) =>
  Array.isArray(service.command) ? service.command.join(' ') : (service.command ?? '');

function dependsOn(service: Service): Record<string, string | undefined> {
  const deps = service.depends_on ?? {};
  return Array.isArray(deps)
    ? Object.fromEntries(deps.map((name) => [name, undefined]))
    : Object.fromEntries(Object.entries(deps).map(([name, dep]) => [name, dep?.condition]));
}

// ---- what the code reads from the environment --------------------------------------------------------
// Every variable is declared once, in subgraphs/kit/config.ts; what a process may not do without is what
// its schema cannot default. Nothing else reads process.env (tests/config.test.ts holds that line).

const requiredOf = (kind: keyof typeof schemas) =>
  Object.entries(schemas[kind].shape)
    .filter(([, field]) => !(field as { safeParse(v: unknown): { success: boolean } }).safeParse(undefined).success)
    .map(([name]) => name);

/** What each service's process cannot start without: its schema's required variables, and where it reaches others. */
const mustSet: Record<SubgraphName | 'gateway', string[]> = {
  ...(Object.fromEntries(SUBGRAPHS.map((name) => [name, [...requiredOf('subgraph'), 'DATABASE_URL', 'PORT']])) as Record<SubgraphName, string[]>),
  // The organizations tier asks the centers and stations subgraphs about hosts: localhost is wrong in Compose.
  organizations: [...requiredOf('subgraph'), ...requiredOf('organizations'), 'DATABASE_URL', 'PORT', 'FUHUA_CENTERS_URL', 'FUHUA_STATIONS_URL'],
  gateway: [...requiredOf('gateway'), 'PORT', ...SUBGRAPHS.map((name) => `FUHUA_${envStem(name)}_URL`)],
};

// ---- the tests ----------------------------------------------------------------------------------------

const APP_SERVICES = [...SUBGRAPHS, 'gateway'] as const;
const entrySource = (service: SubgraphName | 'gateway') =>
  service === 'gateway' ? 'gateway/main.ts' : `subgraphs/${service}/main.ts`;

describe('docker-compose.yml', () => {
  it('runs PostgreSQL from the official image with a healthcheck', () => {
    const postgres = services.postgres;
    expect(postgres).toBeDefined();
    expect(postgres.image).toMatch(/^postgres:\d+/);
    expect(postgres.healthcheck?.disable).not.toBe(true);
    expect([postgres.healthcheck?.test].flat().join(' ')).toMatch(/pg_isready/);
  });

  it('has a service for each subgraph and the gateway, all built from the one Dockerfile', () => {
    for (const name of APP_SERVICES) {
      expect(services[name]).toBeDefined();
      expect(services[name].build).toBeDefined();
    }
    expect(new Set(APP_SERVICES.map((name) => services[name].image)).size).toBe(1);
  });

  it.each(APP_SERVICES)('%s runs its own compiled entry file, and that file has a source', (name) => {
    const command = commandOf(services[name]);
    const source = entrySource(name);
    const entry = `dist/${source.replace(/\.ts$/, '.js')}`;
    expect(command).toMatch(new RegExp(`^node\\s+(\\./)?${entry.replace(/[./]/g, '\\$&')}$`));
    expect(existsSync(join(ROOT, source))).toBe(true);
  });

  it('gives every subgraph PORT, FUHUA_SEED and its own database on the PostgreSQL service', () => {
    const databases = SUBGRAPHS.map((name) => {
      const env = environmentOf(services[name]);
      expect(env).toHaveProperty('FUHUA_SEED');
      expect(Number(env.PORT)).toBeGreaterThan(0);
      expect(env.DATABASE_URL).toBeTruthy();
      const url = new URL(env.DATABASE_URL);
      expect(url.protocol).toMatch(/^postgres(ql)?:$/);
      expect(url.hostname).toBe('postgres');
      expect(url.pathname).toBe(`/fuhua_${name}`);
      return url.pathname;
    });
    expect(new Set(databases).size).toBe(SUBGRAPHS.length);
  });

  it('creates the four databases before any subgraph starts', () => {
    // Whatever creates them (an init service, an initdb.d config) lives outside the five app services.
    const rest = JSON.stringify({
      ...Object.fromEntries(Object.entries(services).filter(([name]) => !(APP_SERVICES as readonly string[]).includes(name))),
      configs: compose.configs,
    });
    expect(rest).toMatch(/CREATE DATABASE/i);
    for (const name of SUBGRAPHS) expect(rest).toContain(`fuhua_${name}`);
    for (const name of SUBGRAPHS) expect(dependsOn(services[name]).postgres).toBe('service_healthy');
  });

  it('points the gateway at each subgraph service on the port that service listens on', () => {
    const env = environmentOf(services.gateway);
    expect(Number(env.PORT)).toBeGreaterThan(0);
    for (const name of SUBGRAPHS) {
      const url = new URL(env[`FUHUA_${name.toUpperCase()}_URL`]);
      expect(url.hostname).toBe(name);
      expect(url.port).toBe(environmentOf(services[name]).PORT);
      expect(url.pathname).toBe('/graphql');
    }
    expect(Object.keys(dependsOn(services.gateway)).sort()).toEqual(expect.arrayContaining([...SUBGRAPHS].sort()));
  });

  it('requires the secrets: the gateway verifies tokens and signs for the subgraphs, which verify it', () => {
    const gateway = environmentOf(services.gateway);
    expect(gateway.FUHUA_JWT_SECRET).toMatch(/^\$\{FUHUA_JWT_SECRET:\?/);
    expect(gateway.FUHUA_GATEWAY_SECRET).toMatch(/^\$\{FUHUA_GATEWAY_SECRET:\?/);
    for (const name of SUBGRAPHS) {
      const env = environmentOf(services[name]);
      expect([name, env.FUHUA_GATEWAY_SECRET]).toEqual([name, gateway.FUHUA_GATEWAY_SECRET]);
      expect([name, env.FUHUA_JWT_SECRET]).toEqual([name, undefined]); // subgraphs never see callers' tokens
    }
  });

  describe('sets every environment variable a process cannot start without', () => {
    it.each(APP_SERVICES)('%s', (name) => {
      const env = environmentOf(services[name]);
      expect(mustSet[name].filter((variable) => !(variable in env))).toEqual([]);
    });

    it('and sets nothing the code does not read', () => {
      const known = new Set(allVariables().map((v) => v.name));
      for (const name of APP_SERVICES) {
        expect([name, Object.keys(environmentOf(services[name])).filter((variable) => !known.has(variable))]).toEqual([name, []]);
      }
    });
  });
});

describe('Dockerfile', () => {
  const stages = dockerfile.split(/^FROM\s/im).slice(1);
  const runtime = stages[stages.length - 1] ?? '';

  it('builds with npm ci and npm run build, and installs only production dependencies to run', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    expect(dockerfile).toMatch(/^RUN\s+npm ci\b.*$/m);
    expect(dockerfile).toMatch(/^RUN\s+npm run build\b/m);
    expect(runtime).toMatch(/^RUN\s+npm ci\b[^\n]*--omit=dev/m);
  });

  it('copies into the runtime image what the processes read at run time', () => {
    const copies = runtime.split('\n').filter((line) => /^COPY\s/i.test(line));
    const copied = (pattern: RegExp) => copies.some((line) => pattern.test(line));
    expect(copied(/--from=\S+\s+\S*\/dist\s/)).toBe(true);
    expect(copied(/\bpackage\.json\b/)).toBe(true); // subgraphs/kit/paths.ts finds the root by it
    expect(copied(/\sschema\/?\s/)).toBe(true); // schema/supergraph.graphql, for the gateway
    expect(copied(/\sdata\/register\/?\s/)).toBe(true); // the registers FUHUA_SEED seeds from
    expect(existsSync(join(ROOT, 'schema', 'supergraph.graphql'))).toBe(true);
    expect(existsSync(join(ROOT, 'data', 'register', 'jilin.json'))).toBe(true);
  });

  it('leaves neither dist/ nor node_modules in the build context', () => {
    const ignored = readFileSync(join(ROOT, '.dockerignore'), 'utf8')
      .split('\n')
      .map((line) => line.trim().replace(/^\/|\/$/g, ''));
    expect(ignored).toEqual(expect.arrayContaining(['node_modules', 'dist']));
  });
});
