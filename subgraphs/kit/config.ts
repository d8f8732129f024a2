// Every setting Fuhua reads from the environment, declared once and parsed once per process with zod.
// A bad value stops the process at start, naming the variable, instead of failing requests later
// (`FUHUA_SUBGRAPH_TIMEOUT_MS=30s` is refused, not turned into NaN). No other file reads the environment.
// An empty value counts as unset, as Compose's `${X:-}` leaves it. Every secret X may instead be read from
// a file that X_FILE names (Docker and Compose secrets mount them under /run/secrets/).
import { readFileSync } from 'fs';
import { z } from 'zod';
import { LOG_LEVELS, type LogLevel } from './logging';
import { DEFAULT_METRICS_PORTS, DEFAULT_PORTS, SCALES, SUBGRAPHS, envStem, graphqlUrl, type SubgraphName } from './topology';

type Env = Record<string, string | undefined>;

const port = (fallback: number) => z.coerce.number().int().min(1).max(65535).default(fallback);
const count = (fallback: number, min = 1) => z.coerce.number().int().min(min).default(fallback);
const flag = (fallback = false) =>
  z
    .enum(['0', '1', 'true', 'false', 'yes', 'no', 'on', 'off'], { message: 'expected 1 or 0 (true/false, yes/no, on/off)' })
    .transform((v) => ['1', 'true', 'yes', 'on'].includes(v))
    .default(fallback);
const secret = z.string({ message: 'required: a secret of at least 32 characters' }).min(32, 'must be at least 32 characters');
const url = z.url({ message: 'expected a URL' });
const seed = z.enum([...SCALES, 'none']);

/** How a process logs: the level of its JSON lines (FUHUA_LOG_LEVEL). */
const logging = {
  FUHUA_LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
};

/**
 * Traces (OpenTelemetry): on when an OTLP endpoint is named by the standard variables, off (no SDK loaded)
 * otherwise. The exporter reads the rest of the OTEL_EXPORTER_OTLP_* variables (headers, timeout) itself.
 */
const telemetry = {
  OTEL_EXPORTER_OTLP_ENDPOINT: url.optional(),
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: url.optional(),
  OTEL_SERVICE_NAME: z.string().optional(),
  OTEL_SDK_DISABLED: flag(),
};

/** The database a subgraph serves from and how it treats it at start (the subgraph and its migration job). */
const database = {
  DATABASE_URL: url.optional(),
  /** The password of DATABASE_URL's role, kept out of the URL (DATABASE_PASSWORD_FILE in production). */
  DATABASE_PASSWORD: z.string().optional(),
  ...Object.fromEntries(SUBGRAPHS.map((name) => [`FUHUA_${envStem(name)}_DATABASE_URL`, url.optional()])),
};

/** What every serving process (the gateway and each subgraph) reads about how it faces the network. */
const serving = {
  ...logging,
  /**
   * Where Prometheus scrapes /metrics: an address of the operators' choosing, never the public port
   * (loopback unless told). No metrics listener when FUHUA_METRICS_PORT is unset.
   */
  FUHUA_METRICS_HOST: z.string().min(1).default('127.0.0.1'),
  FUHUA_METRICS_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  /** The address to listen on: loopback unless told (docker-compose.yml says 0.0.0.0 on its own network). */
  FUHUA_HOST: z.string().min(1).default('127.0.0.1'),
  /** Lets an operator read /metrics and the pid on /health from another machine (Bearer token); loopback always may. */
  FUHUA_OPERATOR_TOKEN: secret.optional(),
  /** Errors as they are (stacks, SQL) in responses: development only. */
  FUHUA_DEBUG_ERRORS: flag(),
  /** The longest text any argument may carry, in characters. */
  FUHUA_MAX_TEXT: count(4_000),
};

/** The variables of each kind of process, by name. A test compares them with docker-compose.yml. */
export const schemas = {
  gateway: z.object({
    ...serving,
    PORT: port(DEFAULT_PORTS.gateway),
    FUHUA_JWT_SECRET: secret,
    FUHUA_JWT_ISSUER: z.string().default('fuhua'),
    FUHUA_JWT_AUDIENCE: z.string().default('fuhua-api'),
    FUHUA_GATEWAY_SECRET: secret,
    FUHUA_MAX_DEPTH: count(12),
    FUHUA_MAX_COST: count(50_000),
    /** graphql-armor's cost limit for anonymous callers (FUHUA_MAX_COST is everyone else's). */
    FUHUA_MAX_COST_PUBLIC: count(10_000),
    /** The rows an operation may read by the gateway's estimate (lists × page sizes), anonymous and signed in. */
    FUHUA_MAX_ROWS_PUBLIC: count(20_000),
    FUHUA_MAX_ROWS: count(100_000),
    /** Requests per caller per window: the public by address, signed-in callers by token subject. */
    FUHUA_RATE_LIMIT_PUBLIC: count(3_000),
    FUHUA_RATE_LIMIT_SIGNED_IN: count(12_000),
    FUHUA_RATE_WINDOW_S: count(60),
    /** GraphQL requests the gateway works on at once; more are answered 503 at once, not queued. */
    FUHUA_MAX_IN_FLIGHT: count(64),
    FUHUA_MAX_ALIASES: count(15),
    FUHUA_MAX_TOKENS: count(4_000),
    FUHUA_SUBGRAPH_TIMEOUT_MS: count(15_000),
    /** Answers to reads the gateway keeps, served again while no tier has committed a write since; 0: none. */
    FUHUA_RESPONSE_CACHE: count(1_000, 0),
    /** Megabytes of answers the response cache holds at most (their JSON and gzip); the least recently used go first. */
    FUHUA_RESPONSE_CACHE_MB: count(64),
    FUHUA_SUPERGRAPH: z.string().optional(),
    /** Origins (comma-separated, e.g. https://dashboards.example.gov.cn) whose pages may call /graphql; none by default. */
    FUHUA_CORS_ORIGINS: z
      .string()
      .transform((value) => value.split(',').map((origin) => origin.trim()).filter(Boolean))
      .pipe(z.array(z.url({ message: 'expected origins like https://host[:port], comma-separated' })))
      .default([]),
    NODE_ENV: z.string().optional(),
    ...Object.fromEntries(SUBGRAPHS.map((name) => [`FUHUA_${envStem(name)}_URL`, url.optional()])),
  }),
  subgraph: z.object({
    ...serving,
    PORT: z.coerce.number().int().min(1).max(65535).optional(),
    ...database,
    FUHUA_GATEWAY_SECRET: secret,
    /** Migrate (and seed) the database at start. Production runs one migration job per subgraph instead
     *  (`node dist/subgraphs/<name>/main.js --migrate`) and sets 0, so replicas never race. */
    FUHUA_MIGRATE: flag(true),
    /** Set by `npm start`: the process loads while PostgreSQL starts, and connects once the supervisor says (IPC) the database exists. */
    FUHUA_AWAIT_DATABASE: flag(),
    FUHUA_STATEMENT_TIMEOUT_MS: count(10_000),
    /** Connections the subgraph keeps to its database at most: each is a PostgreSQL backend (memory).
     *  4 answered as fast as 10 on two cores and saved 40 MB under load, but tests/faults.test.ts then
     *  saw a write reported failed yet committed across a PostgreSQL crash (3 runs of 4): 10 stays. */
    FUHUA_POOL_MAX: count(10, 1),
    FUHUA_SEED: seed.optional(),
    FUHUA_DEMO: flag(true),
    FUHUA_INLINE_TRACE: flag(),
    FUHUA_SQL_LOG: flag(),
  }),
  /** The organizations subgraph's own settings, beside the common ones. */
  organizations: z.object({
    FUHUA_CENTERS_URL: url.optional(),
    FUHUA_STATIONS_URL: url.optional(),
    FUHUA_EXPERT_PASS_MARK: z.coerce.number().int().min(0).max(400).default(240),
    FUHUA_NOTICE_MIN_DAYS: count(7),
  }),
  start: z.object({
    ...logging,
    /** How `npm start` prints the five processes' lines: readable (pretty) or as they are (json); pretty on a terminal. */
    FUHUA_LOG_FORMAT: z.enum(['json', 'pretty']).optional(),
    FUHUA_METRICS_HOST: z.string().min(1).default('127.0.0.1'),
    FUHUA_GATEWAY_METRICS_PORT: port(DEFAULT_METRICS_PORTS.gateway),
    ...Object.fromEntries(SUBGRAPHS.map((name) => [`FUHUA_${envStem(name)}_METRICS_PORT`, port(DEFAULT_METRICS_PORTS[name])])),
    FUHUA_SEED: seed.default('jilin'),
    FUHUA_DATA_DIR: z.string().optional(),
    FUHUA_PG_PORT: port(54329),
    FUHUA_PG_LOG: flag(),
    FUHUA_EPHEMERAL: flag(),
    FUHUA_READY_TIMEOUT_S: count(600),
    FUHUA_GATEWAY_PORT: port(DEFAULT_PORTS.gateway),
    ...Object.fromEntries(SUBGRAPHS.map((name) => [`FUHUA_${envStem(name)}_PORT`, port(DEFAULT_PORTS[name])])),
    ...Object.fromEntries(SUBGRAPHS.map((name) => [`FUHUA_${envStem(name)}_DATABASE_URL`, url.optional()])),
  }),
  /** The one-shot job that makes each subgraph's role and database on a PostgreSQL server (scripts/provision.ts). */
  provision: z.object({
    /** A role that may create roles and databases, on the server's maintenance database. */
    FUHUA_ADMIN_DATABASE_URL: url,
    FUHUA_ADMIN_DATABASE_PASSWORD: z.string().optional(),
    ...Object.fromEntries(SUBGRAPHS.map((name) => [`FUHUA_${envStem(name)}_DATABASE_PASSWORD`, z.string({ message: `required: the ${name} role's password` }).min(1)])),
  }),
  /** The OpenTelemetry preload of the gateway and every subgraph (kit/tracing.ts). */
  telemetry: z.object(telemetry),
  /** Command-line tools: where the gateway is, and how development tokens are signed. */
  cli: z.object({
    FUHUA_GATEWAY_PORT: port(DEFAULT_PORTS.gateway),
    FUHUA_JWT_SECRET: secret.optional(),
    FUHUA_GATEWAY_SECRET: secret.optional(),
    FUHUA_JWT_ISSUER: z.string().default('fuhua'),
    FUHUA_JWT_AUDIENCE: z.string().default('fuhua-api'),
    FUHUA_DATA_DIR: z.string().optional(),
  }),
};
export type ProcessKind = keyof typeof schemas;

/** A setting that cannot be used; the message names the variable and what was wrong. */
export class ConfigError extends Error {}

/** Variables that hold secrets: each may be given as X, or as X_FILE naming a file that holds it. */
export const SECRET_VARIABLES = new Set([
  'FUHUA_JWT_SECRET',
  'FUHUA_GATEWAY_SECRET',
  'FUHUA_OPERATOR_TOKEN',
  'DATABASE_URL',
  'DATABASE_PASSWORD',
  'FUHUA_ADMIN_DATABASE_URL',
  'FUHUA_ADMIN_DATABASE_PASSWORD',
  ...SUBGRAPHS.flatMap((name) => [`FUHUA_${envStem(name)}_DATABASE_URL`, `FUHUA_${envStem(name)}_DATABASE_PASSWORD`]),
]);

/** The environment with each secret X_FILE replaced by X read from that file (one trailing newline dropped). */
function readSecretFiles(kind: ProcessKind, given: Record<string, string>): { values: Record<string, string>; problems: string[] } {
  const values = { ...given };
  const problems: string[] = [];
  for (const name of Object.keys(schemas[kind].shape).filter((n) => SECRET_VARIABLES.has(n))) {
    const file = given[`${name}_FILE`];
    if (file === undefined) continue;
    if (given[name] !== undefined) {
      problems.push(`  ${name}_FILE=${JSON.stringify(file)}: ${name} is set too; set one of them`);
      continue;
    }
    try {
      values[name] = readFileSync(file, 'utf8').replace(/\r?\n$/, '');
    } catch (error) {
      problems.push(`  ${name}_FILE=${JSON.stringify(file)}: cannot read it (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
    }
  }
  return { values, problems };
}

/** Parses the variables of one kind of process; throws ConfigError naming every bad one. */
export function parseEnv<K extends ProcessKind>(kind: K, env: Env = process.env): z.infer<(typeof schemas)[K]> {
  const set = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== '')) as Record<string, string>;
  const { values: given, problems } = readSecretFiles(kind, set);
  const result = schemas[kind].safeParse(given);
  if (result.success && !problems.length) return result.data as z.infer<(typeof schemas)[K]>;
  const lines = (result.success ? [] : result.error.issues).map((issue) => {
    const name = String(issue.path[0]);
    // A secret's value is never printed, only whether it came from a file.
    const shown = SECRET_VARIABLES.has(name) && given[name] ? (set[`${name}_FILE`] ? `<from ${set[`${name}_FILE`]}>` : '<secret>') : JSON.stringify(given[name] ?? '');
    return `  ${name}=${shown}: ${issue.message}`;
  });
  throw new ConfigError(`invalid configuration:\n${[...problems, ...lines].join('\n')}`);
}

/** A database URL with the password given apart (a secret file) put in; the URL as it is without one. */
export function withPassword(databaseUrl: string, password?: string): string {
  if (!password) return databaseUrl;
  const url = new URL(databaseUrl);
  url.password = encodeURIComponent(password);
  return url.toString();
}

type Dict = Record<string, any>;

/** How a serving process faces the network (the gateway and every subgraph). */
export interface ServingConfig {
  host: string;
  logLevel: LogLevel;
  /** Where /metrics is served (FUHUA_METRICS_HOST:FUHUA_METRICS_PORT); none when the port is unset. */
  metrics?: { host: string; port: number };
  operatorToken?: string;
  debugErrors: boolean;
  maxText: number;
}

const servingOf = (e: Dict): ServingConfig => ({
  host: e.FUHUA_HOST,
  logLevel: e.FUHUA_LOG_LEVEL,
  metrics: e.FUHUA_METRICS_PORT === undefined ? undefined : { host: e.FUHUA_METRICS_HOST, port: e.FUHUA_METRICS_PORT },
  operatorToken: e.FUHUA_OPERATOR_TOKEN,
  debugErrors: e.FUHUA_DEBUG_ERRORS,
  maxText: e.FUHUA_MAX_TEXT,
});

export interface GatewayConfig extends ServingConfig {
  port: number;
  userTokens: { secret: string; issuer: string; audience: string };
  gatewaySecret: string;
  /** maxCost and maxRows are for signed-in callers, the *Public ones for anonymous callers. */
  limits: { maxDepth: number; maxCost: number; maxCostPublic: number; maxRows: number; maxRowsPublic: number; maxAliases: number; maxTokens: number };
  /** Requests per caller per window, and the bound on work in flight. */
  load: { publicPerWindow: number; signedInPerWindow: number; windowMs: number; maxInFlight: number };
  subgraphTimeoutMs: number;
  /** Answers the response cache keeps (0: no cache). */
  responseCacheEntries: number;
  /** Bytes of stored answers the response cache holds at most. */
  responseCacheBytes: number;
  supergraphFile?: string;
  /** Origins allowed to call the gateway from a browser (CORS); empty: same origin only. */
  corsOrigins: string[];
  production: boolean;
  /** Where each subgraph answers when the environment says; otherwise the supergraph's routing URL. */
  subgraphUrls: Partial<Record<SubgraphName, string>>;
}

export function gatewayConfig(env: Env = process.env): GatewayConfig {
  const e = parseEnv('gateway', env) as Dict;
  return {
    ...servingOf(e),
    port: e.PORT,
    userTokens: { secret: e.FUHUA_JWT_SECRET, issuer: e.FUHUA_JWT_ISSUER, audience: e.FUHUA_JWT_AUDIENCE },
    gatewaySecret: e.FUHUA_GATEWAY_SECRET,
    limits: { maxDepth: e.FUHUA_MAX_DEPTH, maxCost: e.FUHUA_MAX_COST, maxCostPublic: e.FUHUA_MAX_COST_PUBLIC, maxRows: e.FUHUA_MAX_ROWS, maxRowsPublic: e.FUHUA_MAX_ROWS_PUBLIC, maxAliases: e.FUHUA_MAX_ALIASES, maxTokens: e.FUHUA_MAX_TOKENS },
    load: {
      publicPerWindow: e.FUHUA_RATE_LIMIT_PUBLIC,
      signedInPerWindow: e.FUHUA_RATE_LIMIT_SIGNED_IN,
      windowMs: e.FUHUA_RATE_WINDOW_S * 1000,
      maxInFlight: e.FUHUA_MAX_IN_FLIGHT,
    },
    subgraphTimeoutMs: e.FUHUA_SUBGRAPH_TIMEOUT_MS,
    responseCacheEntries: e.FUHUA_RESPONSE_CACHE,
    responseCacheBytes: e.FUHUA_RESPONSE_CACHE_MB * 1024 * 1024,
    supergraphFile: e.FUHUA_SUPERGRAPH,
    corsOrigins: e.FUHUA_CORS_ORIGINS,
    production: e.NODE_ENV === 'production',
    subgraphUrls: Object.fromEntries(SUBGRAPHS.filter((n) => e[`FUHUA_${envStem(n)}_URL`]).map((n) => [n, e[`FUHUA_${envStem(n)}_URL`]])),
  };
}

export interface SubgraphConfig extends ServingConfig {
  name: SubgraphName;
  port: number;
  databaseUrl: string;
  gatewaySecret: string;
  statementTimeoutMs: number;
  /** Connections to the database at most (FUHUA_POOL_MAX). */
  poolMax: number;
  /** Seed an empty database with this part of the register (and the demo when `demo`); none when unset. */
  seed?: (typeof SCALES)[number];
  demo: boolean;
  inlineTrace: boolean;
  sqlLog: boolean;
  /** Migrate and seed at start (the default); off where a migration job does it (production). */
  migrate: boolean;
  /** Ask the supervisor (`npm start`, over IPC) whether the database exists before connecting. */
  awaitDatabase: boolean;
}

export function subgraphConfig(name: SubgraphName, env: Env = process.env): SubgraphConfig {
  const e = parseEnv('subgraph', env) as Dict;
  const databaseUrl = e[`FUHUA_${envStem(name)}_DATABASE_URL`] ?? e.DATABASE_URL;
  if (!databaseUrl) throw new ConfigError(`invalid configuration:\n  DATABASE_URL: required (or FUHUA_${envStem(name)}_DATABASE_URL): the ${name} subgraph's PostgreSQL database`);
  return {
    ...servingOf(e),
    name,
    port: e.PORT ?? DEFAULT_PORTS[name],
    databaseUrl: withPassword(databaseUrl, e.DATABASE_PASSWORD),
    gatewaySecret: e.FUHUA_GATEWAY_SECRET,
    statementTimeoutMs: e.FUHUA_STATEMENT_TIMEOUT_MS,
    poolMax: e.FUHUA_POOL_MAX,
    seed: e.FUHUA_SEED === 'none' ? undefined : e.FUHUA_SEED,
    demo: e.FUHUA_DEMO,
    inlineTrace: e.FUHUA_INLINE_TRACE,
    sqlLog: e.FUHUA_SQL_LOG,
    migrate: e.FUHUA_MIGRATE,
    awaitDatabase: e.FUHUA_AWAIT_DATABASE,
  };
}

export interface OrganizationsConfig {
  centersUrl: string;
  stationsUrl: string;
  /** The expert panel's pass mark: the total of the four scores (each 0–100). */
  expertPassMark: number;
  /** The shortest public notice 公示, in calendar days, first and last day included. */
  noticeMinDays: number;
}

export function organizationsConfig(env: Env = process.env): OrganizationsConfig {
  const e = parseEnv('organizations', env) as Dict;
  return {
    centersUrl: e.FUHUA_CENTERS_URL ?? graphqlUrl(DEFAULT_PORTS.centers),
    stationsUrl: e.FUHUA_STATIONS_URL ?? graphqlUrl(DEFAULT_PORTS.stations),
    expertPassMark: e.FUHUA_EXPERT_PASS_MARK,
    noticeMinDays: e.FUHUA_NOTICE_MIN_DAYS,
  };
}

export interface StartConfig {
  logLevel: LogLevel;
  /** Pretty lines for people, or the JSON as the processes wrote it; unset: pretty on a terminal. */
  logFormat?: 'json' | 'pretty';
  /** Where each process serves /metrics. */
  metricsHost: string;
  metricsPorts: Record<SubgraphName | 'gateway', number>;
  seed: (typeof SCALES)[number] | 'none';
  dataDir?: string;
  pgPort: number;
  pgLog: boolean;
  ephemeral: boolean;
  readyTimeoutMs: number;
  ports: Record<SubgraphName | 'gateway', number>;
  externalDatabases: Partial<Record<SubgraphName, string>>;
}

export function startConfig(env: Env = process.env): StartConfig {
  const e = parseEnv('start', env) as Dict;
  return {
    logLevel: e.FUHUA_LOG_LEVEL,
    logFormat: e.FUHUA_LOG_FORMAT,
    metricsHost: e.FUHUA_METRICS_HOST,
    metricsPorts: { gateway: e.FUHUA_GATEWAY_METRICS_PORT, ...Object.fromEntries(SUBGRAPHS.map((n) => [n, e[`FUHUA_${envStem(n)}_METRICS_PORT`]])) } as StartConfig['metricsPorts'],
    seed: e.FUHUA_SEED,
    dataDir: e.FUHUA_DATA_DIR,
    pgPort: e.FUHUA_PG_PORT,
    pgLog: e.FUHUA_PG_LOG,
    ephemeral: e.FUHUA_EPHEMERAL,
    readyTimeoutMs: e.FUHUA_READY_TIMEOUT_S * 1000,
    ports: { gateway: e.FUHUA_GATEWAY_PORT, ...Object.fromEntries(SUBGRAPHS.map((n) => [n, e[`FUHUA_${envStem(n)}_PORT`]])) } as StartConfig['ports'],
    externalDatabases: Object.fromEntries(SUBGRAPHS.filter((n) => e[`FUHUA_${envStem(n)}_DATABASE_URL`]).map((n) => [n, e[`FUHUA_${envStem(n)}_DATABASE_URL`]])),
  };
}

export interface ProvisionConfig {
  /** The administering role's URL (password put in), on the maintenance database. */
  adminUrl: string;
  /** Each subgraph role's password. */
  passwords: Record<SubgraphName, string>;
}

export function provisionConfig(env: Env = process.env): ProvisionConfig {
  const e = parseEnv('provision', env) as Dict;
  return {
    adminUrl: withPassword(e.FUHUA_ADMIN_DATABASE_URL, e.FUHUA_ADMIN_DATABASE_PASSWORD),
    passwords: Object.fromEntries(SUBGRAPHS.map((n) => [n, e[`FUHUA_${envStem(n)}_DATABASE_PASSWORD`]])) as Record<SubgraphName, string>,
  };
}

export interface TelemetryConfig {
  /** Export traces over OTLP/HTTP; false when no endpoint is named or OTEL_SDK_DISABLED is set. */
  enabled: boolean;
  /** The service name on its spans (OTEL_SERVICE_NAME, else the process's own name). */
  serviceName?: string;
}

export function telemetryConfig(env: Env = process.env): TelemetryConfig {
  const e = parseEnv('telemetry', env) as Dict;
  return {
    enabled: !e.OTEL_SDK_DISABLED && Boolean(e.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ?? e.OTEL_EXPORTER_OTLP_ENDPOINT),
    serviceName: e.OTEL_SERVICE_NAME,
  };
}

export interface CliConfig {
  gatewayUrl: string;
  jwtSecret?: string;
  gatewaySecret?: string;
  issuer: string;
  audience: string;
  dataDir?: string;
}

export function cliConfig(env: Env = process.env): CliConfig {
  const e = parseEnv('cli', env) as Dict;
  return {
    gatewayUrl: graphqlUrl(e.FUHUA_GATEWAY_PORT),
    jwtSecret: e.FUHUA_JWT_SECRET,
    gatewaySecret: e.FUHUA_GATEWAY_SECRET,
    issuer: e.FUHUA_JWT_ISSUER,
    audience: e.FUHUA_JWT_AUDIENCE,
    dataDir: e.FUHUA_DATA_DIR,
  };
}

/** Every variable any process reads (a secret's X_FILE too), with whether it may be left unset (for docs and the compose test). */
export function allVariables(): { name: string; kinds: ProcessKind[]; optional: boolean }[] {
  const byName = new Map<string, { kinds: ProcessKind[]; optional: boolean }>();
  for (const [kind, schema] of Object.entries(schemas) as [ProcessKind, z.ZodObject][]) {
    for (const [name, field] of Object.entries(schema.shape)) {
      const entry = byName.get(name) ?? { kinds: [], optional: true };
      entry.kinds.push(kind);
      entry.optional &&= (field as z.ZodType).safeParse(undefined).success;
      byName.set(name, entry);
      if (SECRET_VARIABLES.has(name)) {
        const file = byName.get(`${name}_FILE`) ?? { kinds: [], optional: true };
        file.kinds.push(kind);
        byName.set(`${name}_FILE`, file);
      }
    }
  }
  return [...byName].map(([name, entry]) => ({ name, ...entry }));
}
