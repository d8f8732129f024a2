// docker-compose.yml and the Dockerfile checked against the code, without a Docker engine: the file is
// parsed as YAML and every service compared with what its process reads from the environment, where its
// entry file is, and what the image has to contain.
import { existsSync, readdirSync, readFileSync, statSync } from 'fs';
import { join, relative } from 'path';
import * as ts from 'typescript';
import { parse } from 'yaml';
import { SUBGRAPHS, type SubgraphName } from '../subgraphs/kit/subgraph';

const ROOT = join(__dirname, '..');

/**
 * Environment variables a process may read without compose setting them; each has a default in code.
 * A name with `*` stands for the names a template like `FUHUA_${name.toUpperCase()}_DATABASE_URL` makes.
 */
const OPTIONAL_ENV: Record<string, string> = {
  FUHUA_SQL_LOG: 'logs every SQL statement (subgraphs/kit/orm.ts)',
  FUHUA_DEMO: 'FUHUA_DEMO=0 seeds the register without demo data (subgraphs/kit/server.ts)',
  FUHUA_JWT_ISSUER: "the callers' token issuer, default fuhua (subgraphs/kit/auth.ts)",
  FUHUA_JWT_AUDIENCE: "the callers' token audience, default fuhua-api (subgraphs/kit/auth.ts)",
  FUHUA_MAX_DEPTH: 'query depth limit, default 12 (gateway/main.ts)',
  FUHUA_MAX_COST: 'query cost limit, default 50000 (gateway/main.ts)',
  FUHUA_MAX_ALIASES: 'alias limit, default 15 (gateway/main.ts)',
  FUHUA_MAX_TOKENS: 'token limit, default 4000 (gateway/main.ts)',
  FUHUA_STATEMENT_TIMEOUT_MS: 'PostgreSQL statement_timeout, default 10000 (subgraphs/kit/server.ts)',
  FUHUA_SUBGRAPH_TIMEOUT_MS: "the gateway's time limit per subgraph fetch, default 15000 (gateway/main.ts)",
  FUHUA_INLINE_TRACE: 'adds Apollo inline traces to subgraph responses (subgraphs/kit/server.ts)',
  FUHUA_SUPERGRAPH: 'another supergraph file than schema/supergraph.graphql (gateway/main.ts)',
  FUHUA_EXPERT_PASS_MARK: "the expert panel's pass mark, default 240 (subgraphs/organizations/entities/application.ts)",
  FUHUA_NOTICE_MIN_DAYS: 'the shortest public notice in days, default 7 (subgraphs/organizations/entities/application.ts)',
  'FUHUA_*_DATABASE_URL': 'per-subgraph alternative to DATABASE_URL, for processes sharing one environment',
};

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

interface EnvRead {
  /** A concrete name, or a template's names with `*` for each substitution (FUHUA_*_URL). */
  name: string;
  file: string;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') && !path.endsWith('.d.ts') ? [path] : [];
  });
}

/** `env` or `process.env`: the objects the code reads its environment through. */
const isEnvObject = (node: ts.Expression): boolean =>
  (ts.isIdentifier(node) && node.text === 'env') ||
  (ts.isPropertyAccessExpression(node) && node.name.text === 'env' && ts.isIdentifier(node.expression) && node.expression.text === 'process');

/**
 * Every environment variable a file reads: `env.NAME`, `process.env.NAME`, `env['NAME']`,
 * env[`FUHUA_${...}_URL`] (as FUHUA_*_URL) and `const { NAME } = process.env`.
 */
function envReads(file: string): EnvRead[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
  const at = relative(ROOT, file);
  const reads: EnvRead[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isPropertyAccessExpression(node) && isEnvObject(node.expression)) {
      reads.push({ name: node.name.text, file: at });
    } else if (ts.isElementAccessExpression(node) && isEnvObject(node.expression)) {
      const key = node.argumentExpression;
      if (ts.isStringLiteral(key) || ts.isNoSubstitutionTemplateLiteral(key)) reads.push({ name: key.text, file: at });
      else if (ts.isTemplateExpression(key))
        reads.push({ name: key.head.text + key.templateSpans.map((span) => '*' + span.literal.text).join(''), file: at });
      // env[someVariable]: not knowable here; none of the services does that today.
    } else if (ts.isVariableDeclaration(node) && node.initializer && isEnvObject(node.initializer) && ts.isObjectBindingPattern(node.name)) {
      for (const element of node.name.elements) {
        const key = element.propertyName ?? element.name;
        if (ts.isIdentifier(key) || ts.isStringLiteral(key)) reads.push({ name: key.text, file: at });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return reads;
}

/**
 * Reads made by each process: a subgraph runs the shared kit (subgraphs/kit/) and its own folder; the
 * gateway runs gateway/ (it imports a few helpers from the kit but never serves a subgraph).
 */
const kitReads = sourceFiles(join(ROOT, 'subgraphs', 'kit')).flatMap(envReads);
const readsOf: Record<SubgraphName | 'gateway', EnvRead[]> = {
  ...(Object.fromEntries(
    SUBGRAPHS.map((name) => [name, [...kitReads, ...sourceFiles(join(ROOT, 'subgraphs', name)).flatMap(envReads)]]),
  ) as Record<SubgraphName, EnvRead[]>),
  gateway: sourceFiles(join(ROOT, 'gateway')).flatMap(envReads),
};

/** The concrete names a read stands for: a template once per subgraph, as FUHUA_${name.toUpperCase()}_… */
const expand = (name: string) => (name.includes('*') ? SUBGRAPHS.map((n) => name.split('*').join(n.toUpperCase())) : [name]);

/** The names of `reads` that `env` does not set and the allow-list does not excuse, with where they are read. */
function unset(reads: EnvRead[], env: Record<string, string>): string[] {
  return reads
    .filter((read) => !(read.name in OPTIONAL_ENV))
    .flatMap((read) => expand(read.name).filter((name) => !(name in env)).map((name) => `${name} (${read.file})`));
}

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

  describe('sets every environment variable the processes read, unless it is optional', () => {
    it('finds the reads it is meant to check (the scan itself works)', () => {
      expect(kitReads.map((read) => read.name)).toEqual(
        expect.arrayContaining(['PORT', 'DATABASE_URL', 'FUHUA_SEED', 'FUHUA_*_DATABASE_URL']),
      );
      expect(readsOf.gateway.map((read) => read.name)).toEqual(expect.arrayContaining(['PORT', 'FUHUA_*_URL']));
    });

    it.each(APP_SERVICES)('%s', (name) => {
      expect(unset(readsOf[name], environmentOf(services[name]))).toEqual([]);
    });

    it('and the allow-list names only variables the code still reads', () => {
      const read = new Set(Object.values(readsOf).flatMap((reads) => reads.map((r) => r.name)));
      expect(Object.keys(OPTIONAL_ENV).filter((name) => !read.has(name))).toEqual([]);
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
