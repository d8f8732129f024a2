// `npm run bench [-- section ...]`: figures, not verdicts. Every number is measured against a baseline
// taken in the same run, on loopback, with a bounded number of requests; nothing here passes or fails.
//
//   coldstart  seconds from spawning dist/scripts/start.js until the gateway answers, empty vs kept data (3 later starts)
//   start      the same as coldstart
//   latency    CountyProfile through the gateway vs the same county read straight from one subgraph
//   counts     SQL statements and subgraph fetches per query, 9 vs 69 counties, the scorecards, the trial's aggregate
//   statistics the trial's aggregate (schema/operations/analyst.graphql) on the Jilin seed and the test seed
//   floor      ProvinceScorecard and CountyProfile through the gateway (uncached and repeated), each against one SQL
//              statement over copies of the tiers' tables (asserted equal first), in the same interleaved rounds;
//              with `--baseline DIR` also another checkout's build (its dist/) over the same databases
//   peer       req/s and latency of Fuhua's gateway and Hive Gateway (router runtime) over the same subgraphs, autocannon
//   memory     PSS of the whole Jilin stack (PostgreSQL, subgraphs, gateway), idle and under autocannon (scripts/memory.ts)
//   national   the nation's, Jilin's and Guangdong's scorecards on a national seed (minutes to seed; not in the default)
//   tools      ms from spawning the gateway until /health answers, and from running `fuhua token` until it
//              prints; with `--baseline DIR` the same for another checkout's build (its dist/), interleaved
//   dashboard  in Chromium: navigation to a league table filled with data; the pages' JavaScript, gzip
//   multihost  the tiers on separate hosts (network namespaces, as root): each served operation with the
//              province 0 and 20 ms away, against the round trip; a centers replica killed under load
//
// Default: `latency counts`. Sections run in the order above whatever the argv order, so a running
// federation never competes with a cold start for the CPU.
import { spawn, type ChildProcess } from 'child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'fs';
import { gzipSync } from 'zlib';
import { Kind, parse, print, type OperationDefinitionNode } from 'graphql';
import { loadavg, tmpdir } from 'os';
import { join } from 'path';
import { isDeepStrictEqual } from 'util';
import { readCounter } from '../subgraphs/kit/metrics';
import { ROOT } from '../subgraphs/kit/paths';
import { SUBGRAPHS, type SubgraphName } from '../subgraphs/kit/topology';
import { INTERNAL_HEADER, PUBLIC, signInternalToken } from '../subgraphs/kit/identity';
import { startConfig } from '../subgraphs/kit/config';
import { developmentSecrets } from './secrets';
import { freePort } from './ports';
import { DEVELOPMENT_PASSWORD } from './postgres';
import { PROVINCE_RULES } from '../subgraphs/province/scorecard/rules';
import { today } from '../subgraphs/kit/runtime/dates';
import { startFederation, type Federation } from './start';
import { multihostBench } from './multihost';
import { memorySection } from './memory';

const JILIN_COUNTY = '220122'; // 农安县: a county with a center, towns and stations in the demo data
const WARMUP = 10;
const SAMPLES = 100;

// ---------------------------------------------------------------------------------------------------
// Plumbing: ports, environment, GraphQL over HTTP, /metrics, the contract.

/** FUHUA_*_PORT for PostgreSQL, the gateway and each subgraph: all free, all distinct. */
async function portEnv(): Promise<NodeJS.ProcessEnv> {
  const taken = new Set<number>();
  const next = async () => {
    let port = await freePort();
    while (taken.has(port)) port = await freePort();
    taken.add(port);
    return String(port);
  };
  const env: NodeJS.ProcessEnv = { FUHUA_PG_PORT: await next(), FUHUA_GATEWAY_PORT: await next() };
  for (const name of SUBGRAPHS) env[`FUHUA_${name.toUpperCase()}_PORT`] = await next();
  for (const name of ['GATEWAY', ...SUBGRAPHS.map((n) => n.toUpperCase())]) env[`FUHUA_${name}_METRICS_PORT`] = await next();
  return env;
}

/** The value after `--name` (or in `--name=value`) on the command line. */
function argValue(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return process.argv.find((a) => a.startsWith(`${name}=`))?.slice(name.length + 1) ?? (at > 0 ? process.argv[at + 1] : undefined);
}

/** The caller's environment without external database URLs: the bench always runs its own cluster. */
function benchEnv(extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const key of Object.keys(env)) if (/^FUHUA_\w+_DATABASE_URL$/.test(key)) delete env[key];
  // A bench measures speed, not the public's rate limit (3,000 a minute), which autocannon passes in
  // seconds once repeats come from the response cache; the caller's own setting wins.
  env.FUHUA_RATE_LIMIT_PUBLIC ??= '100000000';
  return { ...env, ...extra };
}

interface GraphQLBody<T> {
  data?: T;
  errors?: { message: string }[];
}

/** One GraphQL request; a GraphQL error throws, since timing or counting an error says nothing. */
async function post<T = any>(url: string, query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}): Promise<T> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as GraphQLBody<T>;
  if (!response.ok || body.errors?.length) {
    throw new Error(`${url} answered ${response.status}: ${JSON.stringify(body.errors ?? body).slice(0, 500)}`);
  }
  return body.data as T;
}

const operations = new Map<string, string>();

/** An operation of schema/operations by name (dashboard.graphql unless told), printed as clients send it. */
function contract(name: string, file = 'dashboard.graphql'): string {
  const key = `${file}#${name}`;
  if (!operations.has(key)) {
    const text = readFileSync(join(ROOT, 'schema', 'operations', file), 'utf8');
    for (const definition of parse(text).definitions) {
      if (definition.kind === Kind.OPERATION_DEFINITION && definition.name) {
        operations.set(`${file}#${definition.name.value}`, print(definition as OperationDefinitionNode));
      }
    }
  }
  const operation = operations.get(key);
  if (!operation) throw new Error(`schema/operations/${file} has no operation ${name}`);
  return operation;
}

interface Counts {
  sql: number;
  fetches: number;
  perSubgraph: Record<SubgraphName, { sql: number; requests: number }>;
}

/** The counters every process exposes on /metrics, summed where they are per label. */
async function snapshot(federation: Federation): Promise<Counts> {
  const metrics = async (name: SubgraphName | 'gateway') => (await fetch(federation.metricsUrls[name])).text();
  const perSubgraph = {} as Counts['perSubgraph'];
  for (const name of SUBGRAPHS) {
    const text = await metrics(name);
    perSubgraph[name] = { sql: readCounter(text, 'fuhua_sql_statements_total'), requests: readCounter(text, 'fuhua_graphql_requests_total') };
  }
  return {
    sql: SUBGRAPHS.reduce((sum, name) => sum + perSubgraph[name].sql, 0),
    fetches: readCounter(await metrics('gateway'), 'fuhua_subgraph_fetches_total'),
    perSubgraph,
  };
}

/** What one piece of work cost in SQL statements and subgraph fetches: the counters' delta around it. */
async function counted<T>(federation: Federation, work: () => Promise<T>): Promise<{ result: T; counts: Counts }> {
  const before = await snapshot(federation);
  const result = await work();
  const after = await snapshot(federation);
  const perSubgraph = {} as Counts['perSubgraph'];
  for (const name of SUBGRAPHS) {
    perSubgraph[name] = {
      sql: after.perSubgraph[name].sql - before.perSubgraph[name].sql,
      requests: after.perSubgraph[name].requests - before.perSubgraph[name].requests,
    };
  }
  return { result, counts: { sql: after.sql - before.sql, fetches: after.fetches - before.fetches, perSubgraph } };
}

// ---------------------------------------------------------------------------------------------------
// Federations: one in-process (through startFederation), quiet unless it fails to start.

/** Stops whatever is still running if the bench is interrupted (finally blocks do not run on a signal). */
const onInterrupt = new Set<() => Promise<void>>();
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.error(`\n${signal}: stopping…`);
    void Promise.allSettled([...onInterrupt].map((stop) => stop())).then(() => process.exit(130));
  });
}

/** Stops a child process with SIGTERM (also when the bench itself is interrupted) and waits for it to exit. */
function stopper(child: ChildProcess): () => Promise<void> {
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    onInterrupt.delete(stop);
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  onInterrupt.add(stop);
  return stop;
}

interface Running {
  federation: Federation;
  /** Headers a direct subgraph call needs: the gateway's signed word (as the public), valid a minute. */
  internalHeaders(): Promise<Record<string, string>>;
  /** The secret the gateway signs the identity with (a peer gateway signs with it too). */
  gatewaySecret: string;
  /** The callers' token secret (a second gateway verifies with it too). */
  jwtSecret: string;
  stop(): Promise<void>;
}

/** A federation on free ports with a throwaway data dir. `progress` is called every 15 s while it starts. */
async function startQuiet(seed: string, options: { readyTimeoutS?: number; progress?: (lastLine: string) => void } = {}): Promise<Running> {
  // `--data DIR` keeps the seeded cluster in DIR for the next run (seeding Jilin is most of a start);
  // `--national-data DIR` the same for the national seed (then the seed's minutes are not measured).
  const kept = seed === 'jilin' ? argValue('--data') : seed === 'national' ? argValue('--national-data') : undefined;
  const dataDir = kept ?? mkdtempSync(join(tmpdir(), 'fuhua-bench-'));
  const env = benchEnv({ ...(await portEnv()), FUHUA_SEED: seed, FUHUA_DATA_DIR: dataDir, FUHUA_EPHEMERAL: kept ? '0' : '1' });
  if (options.readyTimeoutS) env.FUHUA_READY_TIMEOUT_S = String(options.readyTimeoutS);
  // Child output would drown the figures; keep the tail to explain a failed start.
  const tail: string[] = [];
  const log = (line: string) => {
    tail.push(line);
    if (tail.length > 40) tail.shift();
  };
  const ticker = options.progress && setInterval(() => options.progress!(tail[tail.length - 1] ?? ''), 15_000);
  try {
    const federation = await startFederation({ env, log });
    const stop = async () => {
      onInterrupt.delete(stop);
      await federation.stop();
      if (!kept) rmSync(dataDir, { recursive: true, force: true }); // ephemeral already removes it; be sure
    };
    onInterrupt.add(stop);
    // The same secrets startFederation gave its processes (kept beside the data dir while it runs).
    const secrets = developmentSecrets(env, env.FUHUA_DATA_DIR);
    const internalHeaders = async () => ({ [INTERNAL_HEADER]: await signInternalToken(PUBLIC, secrets.FUHUA_GATEWAY_SECRET) });
    return { federation, internalHeaders, gatewaySecret: secrets.FUHUA_GATEWAY_SECRET, jwtSecret: secrets.FUHUA_JWT_SECRET, stop };
  } catch (error) {
    if (!kept) rmSync(dataDir, { recursive: true, force: true });
    console.error(tail.join('\n'));
    throw error;
  } finally {
    if (ticker) clearInterval(ticker);
  }
}

/** The Jilin federation that latency and counts share, started on first use. */
class SharedJilin {
  private started?: Promise<Running>;
  async federation(): Promise<Federation> {
    if (!this.started) {
      const started = Date.now();
      this.started = startQuiet('jilin');
      const { federation } = await this.started;
      console.log(`(started a Jilin federation in ${((Date.now() - started) / 1000).toFixed(1)} s, gateway ${federation.gatewayUrl})\n`);
    }
    return (await this.started).federation;
  }
  async running(): Promise<Running> {
    await this.federation();
    return this.started!;
  }
  async internalHeaders() {
    await this.federation();
    return (await this.started!).internalHeaders();
  }
  async stop() {
    const running = this.started;
    this.started = undefined;
    if (running) await (await running.catch(() => undefined))?.stop();
  }
}

// ---------------------------------------------------------------------------------------------------
// coldstart

/** Seconds from spawning `node dist/scripts/start.js` until the gateway answers `{ __typename }` with 200 and every process is ready. */
async function timeStart(dataDir: string): Promise<number> {
  const env = benchEnv({ ...(await portEnv()), FUHUA_SEED: 'jilin', FUHUA_DATA_DIR: dataDir, FUHUA_EPHEMERAL: '0' });
  const gatewayUrl = `http://127.0.0.1:${env.FUHUA_GATEWAY_PORT}/graphql`;
  const timeoutMs = startConfig().readyTimeoutMs;

  const started = process.hrtime.bigint();
  const child = spawn(process.execPath, [join(__dirname, 'start.js')], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  let up = false; // start.js printed "Fuhua is up": every process is ready, its SIGTERM handler installed
  let upAt = 0n;
  for (const stream of [child.stdout!, child.stderr!]) {
    stream.setEncoding('utf8').on('data', (chunk: string) => {
      output = (output + chunk).slice(-4000);
      if (!up && (up = output.includes('Fuhua is up'))) upAt = process.hrtime.bigint();
    });
  }
  const stop = stopper(child); // start.js stops its children and PostgreSQL on SIGTERM
  try {
    await untilAnswers(gatewayUrl, child, timeoutMs, () => output);
    const answeredAt = process.hrtime.bigint();
    // The gateway starts beside the subgraphs and may answer `{ __typename }` before they are ready:
    // the start ends when it answers and start.js says every process is ready (its "up" line; a SIGTERM
    // before that would kill start.js outright and orphan its children).
    for (let waited = 0; !up && child.exitCode === null && waited < 30_000; waited += 20) await sleep(20);
    return Number((upAt > answeredAt ? upAt : answeredAt) - started) / 1e9;
  } finally {
    await stop();
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function untilAnswers(url: string, child: ChildProcess, timeoutMs: number, output: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const body = JSON.stringify({ query: '{ __typename }' });
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`start.js exited with ${child.exitCode}:\n${output()}`);
    try {
      const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      if (response.status === 200) return;
    } catch {
      // not listening yet
    }
    await sleep(50);
  }
  throw new Error(`the gateway did not answer within ${timeoutMs / 1000} s:\n${output()}`);
}

async function coldstart(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'fuhua-bench-cold-'));
  try {
    const first = await timeStart(dataDir); // empty folder: initdb, migrate, seed Jilin
    const later: number[] = [];
    for (let i = 0; i < 3; i++) later.push(await timeStart(dataDir)); // the same folder: data kept
    console.log(`seconds from spawning dist/scripts/start.js (no build: dist/ is current) to the gateway's first answer; ${loadLine()}\n`);
    table(
      ['start', 'seconds'],
      [
        ['first (empty data dir: initdb + migrate + seed)', first.toFixed(2)],
        ...later.map((s, i) => [`later #${i + 1} (data kept)`, s.toFixed(2)]),
        ['first / median later', (first / medianOf(later)).toFixed(1) + '×'],
      ],
    );
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(`${dataDir}.secrets.json`, { force: true }); // npm start keeps its development secrets beside the data
  }
}

// ---------------------------------------------------------------------------------------------------
// latency

const PROVINCE_COUNTY = `query($code: ID!) { county(code: $code) { code name kind prefecture { code name } } }`;
const STATIONS_COUNTY = `query($r: [_Any!]!) { _entities(representations: $r) { ... on County {
  towns { code name isLarge station { id name } }
  stations { id name establishedOn town { code name } } } } }`;

/** Milliseconds of `SAMPLES` sequential requests, after `WARMUP` untimed ones. */
async function sample(url: string, query: string, variables: Record<string, unknown>, headers: Record<string, string> = {}): Promise<number[]> {
  for (let i = 0; i < WARMUP; i++) await post(url, query, variables, headers);
  const ms: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    const start = process.hrtime.bigint();
    await post(url, query, variables, headers);
    ms.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return ms.sort((a, b) => a - b);
}

/** Nearest-rank percentile of sorted values. */
const percentile = (sorted: number[], p: number) => sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];

async function latency(shared: SharedJilin): Promise<void> {
  const federation = await shared.federation();
  const cases = [
    {
      label: 'gateway: CountyProfile (contract)',
      url: federation.gatewayUrl,
      query: contract('CountyProfile'),
      variables: { code: JILIN_COUNTY, year: 2017 },
    },
    { label: 'province subgraph: county (baseline)', url: federation.subgraphUrls.province, query: PROVINCE_COUNTY, variables: { code: JILIN_COUNTY } },
    {
      label: 'stations subgraph: _entities County',
      url: federation.subgraphUrls.stations,
      query: STATIONS_COUNTY,
      variables: { r: [{ __typename: 'County', code: JILIN_COUNTY }] },
    },
  ];
  const results = [];
  for (const c of cases) {
    // Subgraphs answer signed calls only; the gateway signs its own (that cost is part of its figure).
    const headers = c.url === federation.gatewayUrl ? {} : await shared.internalHeaders();
    results.push({ label: c.label, ms: await sample(c.url, c.query, c.variables, headers) });
  }

  console.log(`county ${JILIN_COUNTY}, year 2017; ${WARMUP} warm-up + ${SAMPLES} sequential requests each\n`);
  table(
    ['request', 'median ms', 'p90 ms', 'p99 ms'],
    results.map((r) => [r.label, ...[50, 90, 99].map((p) => percentile(r.ms, p).toFixed(2))]),
  );
  const [gateway, province, stations] = results.map((r) => percentile(r.ms, 50));
  console.log(`\ngateway median / province-direct median: ${(gateway / province).toFixed(1)}×`);
  console.log(`gateway median / stations-direct median: ${(gateway / stations).toFixed(1)}×`);
}

// ---------------------------------------------------------------------------------------------------
// counts

const COUNTIES = `query($codes: [ID!]) { counties(codes: $codes) {
  code name prefecture { name }
  incubationCenter { name admitted(year: 2017) }
  towns { code isLarge station { name } }
  stations { name admitted(year: 2017) } } }`;

/** One row of a counts table: the label, what came back, and what it cost. */
const countsRow = (label: string, result: string, c: Counts) => [
  label,
  result,
  String(c.fetches),
  String(c.sql),
  SUBGRAPHS.map((n) => c.perSubgraph[n].sql).join('/'),
];
const COUNTS_HEADER = ['query', 'result', 'fetches', 'SQL', `SQL ${SUBGRAPHS.map((n) => n.slice(0, 4)).join('/')}`];

/** One request through the gateway, counted. (A first and a repeated run cost the same today.) */
const countOnce = <T>(federation: Federation, query: string, variables: Record<string, unknown>) =>
  counted(federation, () => post<T>(federation.gatewayUrl, query, variables));

interface Scorecard {
  province: { milestone: { progress: { countiesTotal: number; countiesMet: number; counties: unknown[] } } };
}
interface NationScorecard {
  nation: Scorecard['province'];
}

async function counts(shared: SharedJilin): Promise<void> {
  const federation = await shared.federation();
  const rows: string[][] = [];

  // (a) Batching: 9 and 69 counties side by side show whether the cost grows with the counties asked for.
  const { counties: all } = await post<{ counties: { code: string }[] }>(federation.gatewayUrl, `{ counties { code } }`);
  for (const codes of [all.slice(0, 9).map((c) => c.code), undefined]) {
    const { result, counts: c } = await countOnce<{ counties: unknown[] }>(federation, COUNTIES, codes ? { codes } : {});
    rows.push(countsRow(`counties: ${codes ? 'first 9' : 'all'}`, `${result.counties.length} counties`, c));
  }

  // (b) The contract's scorecards.
  for (const year of [2015, 2017, 2020]) {
    const { result, counts: c } = await countOnce<Scorecard>(federation, contract('ProvinceScorecard'), { year });
    const p = result.province.milestone.progress;
    rows.push(countsRow(`ProvinceScorecard ${year}`, `${p.countiesMet}/${p.countiesTotal} met`, c));
  }

  // (c) The same milestone by prefecture.
  type Rollup = { province: { prefectures: { milestoneProgress: { countiesMet: number; countiesTotal: number } }[] } };
  const { result, counts: c } = await countOnce<Rollup>(federation, contract('PrefectureRollup'), { year: 2017 });
  const prefectures = result.province.prefectures;
  const met = prefectures.reduce((sum, p) => sum + p.milestoneProgress.countiesMet, 0);
  const total = prefectures.reduce((sum, p) => sum + p.milestoneProgress.countiesTotal, 0);
  rows.push(countsRow('PrefectureRollup 2017', `${prefectures.length} pref., ${met}/${total} met`, c));

  // Context for the latency section: what the gateway's CountyProfile costs.
  const profile = await countOnce<unknown>(federation, contract('CountyProfile'), { code: JILIN_COUNTY, year: 2017 });
  rows.push(countsRow(`CountyProfile ${JILIN_COUNTY} 2017`, '1 county', profile.counts));

  // (d) The trial's aggregate (schema/operations/analyst.graphql) over scopes of every size.
  rows.push(...(await statisticsRows(federation)));

  console.log('one request each, through the gateway; fetches = gateway to subgraphs, SQL = all four databases\n');
  table(COUNTS_HEADER, rows);
}

/** Scopes from one county to the nation, for the statistics rows. */
const STATISTICS_SCOPES: [string, string][] = [['220122', 'county'], ['220100', 'prefecture'], ['220000', 'Jilin'], ['000000', 'nation']];

/** The trial's question ("admissions per prefecture per year 2014–2020, by service category") per scope, counted. */
async function statisticsRows(federation: Federation, label = ''): Promise<string[][]> {
  type Stats = { incubationStatistics: { rows: unknown[]; totals: { admissions: number } } };
  const rows: string[][] = [];
  for (const [scope, name] of STATISTICS_SCOPES) {
    const what = `${label}admissions by pref./year/category, ${name} (${scope})`;
    try {
      const { result, counts: c } = await countOnce<Stats>(federation, contract('AdmissionsByPrefectureYearCategory', 'analyst.graphql'), { scope });
      const s = result.incubationStatistics;
      rows.push(countsRow(what, `${s.rows.length} rows, ${s.totals.admissions} adm.`, c));
    } catch (error) {
      // The nation's whole grouping on national data is past the statistics' row cap: refused, as it should be.
      if (!/BAD_USER_INPUT/.test((error as Error).message)) throw error;
      rows.push([what, 'refused (BAD_USER_INPUT: past the 10,000-row cap)', '', '', '']);
    }
  }
  return rows;
}

// ---------------------------------------------------------------------------------------------------
// statistics: the trial's aggregate on the Jilin seed and on the test seed (two provinces)

async function statistics(shared: SharedJilin): Promise<void> {
  const rows = await statisticsRows(await shared.federation(), 'jilin seed: ');
  console.log('starting a federation seeded with FUHUA_SEED=test (吉林 and 宁夏)…');
  const running = await startQuiet('test');
  try {
    rows.push(...(await statisticsRows(running.federation, 'test seed: ')));
  } finally {
    await running.stop();
  }
  console.log('one request each, through the gateway; the same operation at each scale should cost the same\n');
  table(COUNTS_HEADER, rows);
}

// ---------------------------------------------------------------------------------------------------
// floor: the ProvinceScorecard and CountyProfile answers, each from one SQL statement over one database
// holding copies of the tiers' tables. What no federation can beat: no HTTP, no GraphQL, no second round trip.

/** The tables (and columns) the scorecard and the county page read, per tier; enums copied as text. */
const FLOOR_TABLES: Record<SubgraphName, Record<string, string>> = {
  province: {
    prefecture: 'code varchar(6) primary key, name text, province_code varchar(6)',
    county: 'code varchar(6) primary key, name text, kind text, prefecture_code varchar(6)',
    milestone: 'year int primary key, deadline date, counts_development_zones boolean',
    milestone_check: 'id int primary key, milestone_year int, rule text, min int, max int, categories text[], position int',
  },
  centers: {
    incubation_center:
      'id uuid primary key, county_code varchar(6), name text, established_on date, closed_on date, construction_mode text, operation_mode text, operator text',
  },
  stations: {
    town: 'code varchar(9) primary key, name text, county_code varchar(6)',
    incubation_station: 'id uuid primary key, town_code varchar(9), county_code varchar(6), name text, established_on date, closed_on date',
    large_town_designation: 'id uuid primary key, town_code varchar(9), county_code varchar(6), "from" date, "until" date',
  },
  organizations: {
    organization: 'id uuid primary key, name text, category text',
    incubation: 'id uuid primary key, organization_id uuid, host_id uuid, host_kind text, county_code varchar(6), status text, admitted_on date, graduated_on date, exited_on date',
  },
};

/**
 * One statement: each counted county of a province, each check of the milestone with its actual figure
 * and whether it is met — the rules of subgraphs/province/scorecard/rules.ts written in SQL.
 * $1 year, $2 asOf, $3 the province's code prefix.
 */
const FLOOR_SQL = `
with m as (select * from milestone where year = $1),
counties as (
  select c.code, c.name, c.prefecture_code, p.name as prefecture_name from county c join prefecture p on p.code = c.prefecture_code, m
  where c.code like $3 || '%' and (m.counts_development_zones or c.kind <> 'DEVELOPMENT_ZONE')),
centers as (select county_code, count(*)::int as n from incubation_center
  where county_code like $3 || '%' and established_on <= $2 and (closed_on is null or closed_on > $2) group by county_code),
stations as (select s.county_code, s.id from incubation_station s
  where s.county_code like $3 || '%' and s.established_on <= $2 and (s.closed_on is null or s.closed_on > $2)
    and exists (select 1 from large_town_designation d where d.town_code = s.town_code and d."from" <= $2 and (d."until" is null or d."until" > $2))),
adm as (select county_code, host_id, host_kind, count(*)::int as n from incubation
  where county_code like $3 || '%' and admitted_on between make_date($1, 1, 1) and least(make_date($1, 12, 31), $2) group by 1, 2, 3),
station_min as (select s.county_code, count(*)::int as stations, min(coalesce(a.n, 0))::int as fewest
  from stations s left join adm a on a.host_id = s.id group by s.county_code),
outcomes as (select i.county_code, count(*) filter (where i.graduated_on <= $2)::int as graduated,
    count(*) filter (where i.exited_on <= $2)::int as exited, array_agg(distinct o.category) as categories
  from incubation i join organization o on o.id = i.organization_id
  where i.county_code like $3 || '%' and i.admitted_on <= $2 group by i.county_code),
measured as (
  select c.code, ch.rule, ch.min, ch.max, ch.position, x.actual, x.possible
  from counties c cross join (select k.* from milestone_check k join m on k.milestone_year = m.year) ch
  left join centers ce on ce.county_code = c.code
  left join station_min sm on sm.county_code = c.code
  left join outcomes oc on oc.county_code = c.code
  cross join lateral (select
    case ch.rule
      when 'center' then coalesce(ce.n, 0)
      when 'center-incubations-per-year' then (select coalesce(sum(n), 0)::int from adm where adm.county_code = c.code and adm.host_kind = 'CENTER')
      when 'large-town-stations' then coalesce(sm.stations, 0)
      when 'station-incubations-per-year' then coalesce(sm.fewest, 0)
      when 'category-coverage' then (select count(*)::int from unnest(oc.categories) cat where cat = any(ch.categories))
      when 'graduation-rate' then case when coalesce(oc.graduated + oc.exited, 0) > 0 then round(100.0 * oc.graduated / (oc.graduated + oc.exited))::int else 0 end
      when 'county-incubations-per-year' then (select coalesce(sum(n), 0)::int from adm where adm.county_code = c.code)
    end as actual,
    case ch.rule
      when 'station-incubations-per-year' then coalesce(sm.stations, 0) > 0
      when 'graduation-rate' then coalesce(oc.graduated + oc.exited, 0) > 0
      when 'center' then true when 'center-incubations-per-year' then true when 'large-town-stations' then true
      when 'category-coverage' then true when 'county-incubations-per-year' then true
      else false
    end as possible) x)
select c.code, c.name, c.prefecture_code, c.prefecture_name,
  coalesce(bool_and(ms.possible and (ms.min is null or ms.actual >= ms.min) and (ms.max is null or ms.actual <= ms.max)), true) as met,
  coalesce(json_agg(json_build_object('rule', ms.rule, 'actual', ms.actual,
    'met', ms.possible and (ms.min is null or ms.actual >= ms.min) and (ms.max is null or ms.actual <= ms.max)) order by ms.position)
    filter (where ms.rule is not null), '[]') as checks
from counties c left join measured ms on ms.code = c.code
group by c.code, c.name, c.prefecture_code, c.prefecture_name
order by c.code`;

/**
 * One statement: the contract's CountyProfile answer for one county, built as the gateway's JSON (keys in
 * the operation's order). The hosts and designations are those open today, as the subgraphs' defaults;
 * a host's incubations are its first 20 of the year by admission date (then id), as `incubations(year)`.
 * $1 county code, $2 year, $3 today (China time, as the subgraphs' `today()`).
 */
const PROFILE_FLOOR_SQL = `
with year_days as (select make_date($2, 1, 1) as first, make_date($2, 12, 31) as last)
select json_build_object(
  'code', c.code, 'name', c.name, 'kind', c.kind,
  'prefecture', json_build_object('code', p.code, 'name', p.name),
  'incubationCenter', (
    select json_build_object('id', h.id, 'name', h.name, 'establishedOn', h.established_on, 'constructionMode', h.construction_mode,
      'operationMode', h.operation_mode, 'operator', h.operator,
      'admitted', (select count(*)::int from incubation i, year_days y where i.host_id = h.id and i.admitted_on between y.first and y.last),
      'incubations', coalesce((
        select json_agg(json_build_object('id', i.id, 'status', i.status, 'admittedOn', i.admitted_on,
          'organization', json_build_object('id', o.id, 'name', o.name)) order by i.admitted_on, i.id)
        from (select i.* from incubation i, year_days y where i.host_id = h.id and i.admitted_on between y.first and y.last
              order by i.admitted_on, i.id limit 20) i
        join organization o on o.id = i.organization_id), '[]'))
    from incubation_center h
    where h.county_code = c.code and h.established_on <= $3 and (h.closed_on is null or h.closed_on > $3)
    order by h.established_on, h.id limit 1),
  'towns', coalesce((
    select json_agg(json_build_object('code', t.code, 'name', t.name,
      'isLarge', exists (select 1 from large_town_designation d where d.town_code = t.code and d."from" <= $3 and (d."until" is null or d."until" > $3)),
      'station', (select json_build_object('id', s.id, 'name', s.name) from incubation_station s
        where s.town_code = t.code and s.established_on <= $3 and (s.closed_on is null or s.closed_on > $3) order by s.established_on, s.id limit 1))
      order by t.code)
    from town t where t.county_code = c.code), '[]'),
  'stations', coalesce((
    select json_agg(json_build_object('id', s.id, 'name', s.name, 'establishedOn', s.established_on,
      'town', json_build_object('code', t.code, 'name', t.name),
      'admitted', (select count(*)::int from incubation i, year_days y where i.host_id = s.id and i.admitted_on between y.first and y.last))
      order by s.established_on, s.id)
    from incubation_station s join town t on t.code = s.town_code
    where s.county_code = c.code and s.established_on <= $3 and (s.closed_on is null or s.closed_on > $3)), '[]')
) as county
from county c join prefecture p on p.code = c.prefecture_code
where c.code = $1`;

interface FloorRow {
  code: string;
  name: string;
  prefecture_code: string;
  prefecture_name: string;
  met: boolean;
  checks: { rule: string; actual: number; met: boolean }[];
}

/**
 * The embedded cluster's superuser on `database`: the subgraphs' own roles may not create databases
 * (scripts/provision.ts), and the floor's scratch database is nobody's tier.
 */
function clusterUrl(federation: Federation, database: string): string {
  const url = new URL(federation.databaseUrls.province);
  url.username = 'postgres';
  url.password = DEVELOPMENT_PASSWORD;
  url.pathname = `/${database}`;
  return url.toString();
}

/** A scratch database on the federation's cluster, holding copies of the tables FLOOR_TABLES names. */
async function floorDatabase(federation: Federation): Promise<import('pg').Client> {
  const { Client } = await import('pg');
  const admin = new Client({ connectionString: clusterUrl(federation, 'postgres') });
  await admin.connect();
  const name = `fuhua_floor_${process.pid}`;
  await admin.query(`drop database if exists ${name}`);
  await admin.query(`create database ${name}`);
  await admin.end();
  const floor = new Client({ connectionString: clusterUrl(federation, name) });
  await floor.connect();
  for (const tier of SUBGRAPHS) {
    const source = new Client({ connectionString: federation.databaseUrls[tier] });
    await source.connect();
    try {
      for (const [table, columns] of Object.entries(FLOOR_TABLES[tier])) {
        const names = columns.split(/,\s*(?![^(]*\))/).map((c) => c.trim().split(/\s+/)[0]);
        await floor.query(`create table ${table} (${columns})`);
        // json_agg keeps dates as YYYY-MM-DD and enums as text; one round trip per table.
        const { rows } = await source.query(`select coalesce(json_agg(t), '[]')::text as rows from (select ${names.join(', ')} from "${table}") t`);
        await floor.query(`insert into ${table} select * from json_populate_recordset(null::${table}, $1::json)`, [rows[0].rows]);
      }
    } finally {
      await source.end();
    }
  }
  // Checks judged once per province (the national comparison) are not among a county's checks.
  await floor.query('delete from milestone_check where rule = any($1::text[])', [PROVINCE_RULES.map((r) => r.id)]);
  // The indexes the tiers have on the same columns (the county page looks up by county, town and host).
  await floor.query(
    `create index on incubation (county_code, admitted_on); create index on incubation (host_id, admitted_on);
     create index on town (county_code); create index on incubation_station (county_code); create index on incubation_station (town_code);
     create index on incubation_center (county_code); create index on large_town_designation (town_code); analyze`,
  );
  return floor;
}

interface GatewayScorecard {
  province: {
    milestone: {
      progress: {
        countiesTotal: number;
        countiesMet: number;
        counties: { met: boolean; county: { code: string; name: string; prefecture: { code: string; name: string } }; checks: { rule: string; actual: number; met: boolean }[] }[];
      };
    };
  };
}

/** Throws unless the floor's rows say what the gateway's answer says, county by county, check by check. */
function assertSameScorecard(gateway: GatewayScorecard, floor: FloorRow[], what: string): { total: number; met: number } {
  const p = gateway.province.milestone.progress;
  const fail = (why: string) => {
    throw new Error(`floor and gateway differ for ${what}: ${why}`);
  };
  if (p.counties.length !== floor.length) fail(`${p.counties.length} counties against ${floor.length}`);
  p.counties.forEach((c, i) => {
    const f = floor[i];
    const same =
      c.county.code === f.code && c.county.name === f.name && c.county.prefecture.code === f.prefecture_code && c.county.prefecture.name === f.prefecture_name && c.met === f.met &&
      JSON.stringify(c.checks.map((k) => [k.rule, k.actual, k.met])) === JSON.stringify(f.checks.map((k) => [k.rule, k.actual, k.met]));
    if (!same) fail(`county ${c.county.code}: ${JSON.stringify(c)} against ${JSON.stringify(f)}`);
  });
  if (p.countiesMet !== floor.filter((f) => f.met).length) fail('countiesMet');
  return { total: p.countiesTotal, met: p.countiesMet };
}

const ROUNDS = Number(argValue('--rounds') ?? 200);

/** Consecutive days from 1 January of `year`, one per request: no two requests of a run ask the same question. */
const distinctDates = (year: number, count: number) => Array.from({ length: count }, (_, i) => new Date(Date.UTC(year, 0, 1 + i)).toISOString().slice(0, 10));

const loadLine = () => `load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`;
const medianOf = (xs: number[]) => percentile([...xs].sort((a, b) => a - b), 50);
const msSince = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;

/** Where two answers first differ (a path and both values), or undefined when they are equal. */
function firstDifference(a: unknown, b: unknown, path = ''): string | undefined {
  if (isDeepStrictEqual(a, b)) return undefined;
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const found = firstDifference((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], `${path}.${key}`);
      if (found) return found;
    }
  }
  return `${path || '(answer)'}: ${JSON.stringify(a)?.slice(0, 200)} against ${JSON.stringify(b)?.slice(0, 200)}`;
}

/** The county page's answer from PROFILE_FLOOR_SQL (dates and uuids as JSON text, like the gateway's). */
async function profileFloor(floor: import('pg').Client, code: string, year: number): Promise<unknown> {
  const { rows } = await floor.query<{ county: unknown }>(PROFILE_FLOOR_SQL, [code, year, today()]);
  return { county: rows[0]?.county ?? null };
}

/**
 * The uncached rounds' county pages: every county in turn, each year from 2014 on (then the years before),
 * so no (county, year) is asked twice in a run; the repeated question is left out.
 */
function profileQuestions(counties: readonly string[], count: number, repeat: { code: string; year: number }): { code: string; year: number }[] {
  const thisYear = Number(today().slice(0, 4));
  const years = [...Array.from({ length: thisYear - 2013 }, (_, i) => 2014 + i), ...Array.from({ length: 2014 - 1950 }, (_, i) => 2013 - i)];
  const questions: { code: string; year: number }[] = [];
  for (let i = 0; questions.length < count; i++) {
    const question = { code: counties[i % counties.length], year: years[Math.floor(i / counties.length)] };
    if (question.year === undefined) throw new Error(`${count} distinct county pages asked; there are fewer (county, year) pairs`);
    if (question.code !== repeat.code || question.year !== repeat.year) questions.push(question);
  }
  return questions;
}

/** Times `series` in interleaved rounds (each round runs every series once, in order), after WARMUP rounds. */
async function interleavedRounds(series: Record<string, (round: number) => Promise<unknown>>): Promise<Record<string, number[]>> {
  const samples = Object.fromEntries(Object.keys(series).map((name) => [name, [] as number[]]));
  for (let i = 0; i < ROUNDS + WARMUP; i++) {
    for (const [name, run] of Object.entries(series)) {
      const t = process.hrtime.bigint();
      await run(i);
      if (i >= WARMUP) samples[name].push(msSince(t));
    }
  }
  return samples;
}

/** One operation's rows: median, p90, and the ratio to the floor's median (the first row). */
function floorTable(rows: [string, number[]][]): void {
  const floorMedian = medianOf(rows[0][1]);
  table(
    ['request', 'median ms', 'p90 ms', '× floor median'],
    rows.map(([label, xs]) => {
      const sorted = [...xs].sort((a, b) => a - b);
      return [label, percentile(sorted, 50).toFixed(2), percentile(sorted, 90).toFixed(2), (percentile(sorted, 50) / floorMedian).toFixed(2) + '×'];
    }),
  );
}

async function floorSection(shared: SharedJilin): Promise<void> {
  const federation = await shared.federation();
  const floor = await floorDatabase(federation);
  const plain = await startUncachedGateway(await shared.running(), federation);
  const baselineDir = argValue('--baseline');
  const baseline = baselineDir ? await startBaseline(await shared.running(), federation, baselineDir) : undefined;
  try {
    const scorecard = contract('ProvinceScorecard');
    const profile = contract('CountyProfile');
    // Equal before timed: every milestone, on its deadline and mid-year.
    const checked: string[] = [];
    for (const [year, asOf] of [[2015, '2015-12-31'], [2015, '2015-06-30'], [2017, '2017-12-31'], [2017, '2017-07-15'], [2020, '2020-12-31']] as const) {
      const gateway = await post<GatewayScorecard>(federation.gatewayUrl, scorecard, { year, asOf });
      const { rows } = await floor.query<FloorRow>(FLOOR_SQL, [year, asOf, '22']);
      const { total, met } = assertSameScorecard(gateway, rows, `${year} on ${asOf}`);
      checked.push(`${year}@${asOf}: ${met}/${total} met`);
    }
    console.log(`ProvinceScorecard: floor equals the gateway county by county (${checked.join('; ')})`);
    // The county page: a county with a center and stations, a district, a development zone; two years.
    const { counties } = await post<{ counties: { code: string; kind: string }[] }>(federation.gatewayUrl, `{ counties { code kind } }`);
    const zone = counties.find((c) => c.kind === 'DEVELOPMENT_ZONE')?.code;
    const pages: string[] = [];
    for (const code of [JILIN_COUNTY, '220102', ...(zone ? [zone] : [])]) {
      for (const year of [2017, 2020]) {
        const gateway = await post(federation.gatewayUrl, profile, { code, year });
        const difference = firstDifference(gateway, await profileFloor(floor, code, year));
        if (difference) throw new Error(`floor and gateway differ for CountyProfile ${code} ${year}: ${difference}`);
        const page = (gateway as { county: { incubationCenter: { incubations: unknown[] } | null; towns: unknown[]; stations: unknown[] } }).county;
        const center = page.incubationCenter ? `center ${page.incubationCenter.incubations.length} incubations` : 'no center';
        pages.push(`${code}@${year}: ${page.towns.length} towns, ${page.stations.length} stations, ${center}`);
      }
    }
    console.log(`CountyProfile: floor equals the gateway field by field (${pages.join('; ')})`);
    if (baseline) {
      for (const [query, variables] of [[scorecard, { year: 2017, asOf: '2017-12-31' }], [profile, { code: JILIN_COUNTY, year: 2017 }]] as const) {
        const difference = firstDifference(await post(baseline.url, query, variables), await post(plain.url, query, variables));
        if (difference) throw new Error(`the baseline (${baselineDir}) answers differently: ${difference}`);
      }
      console.log(`baseline ${baselineDir}: its subgraphs and gateway (no response cache) over the same databases answer the same`);
    }
    console.log('');

    // Interleaved rounds, both operations in each: floor, gateway uncached (a question never asked
    // before: a new asOf; for the county page, which has no date, the next county and year), gateway
    // repeated, and the same repeat through a gateway without the response cache.
    const dates = distinctDates(2017, ROUNDS + WARMUP);
    const repeatPage = { code: JILIN_COUNTY, year: 2017 };
    const questions = profileQuestions(counties.map((c) => c.code), ROUNDS + WARMUP, repeatPage);
    const pairs: Record<string, number[]> = {};
    const samples = await interleavedRounds({
      scorecardFloor: (i) => floor.query(FLOOR_SQL, [2017, dates[i], '22']),
      scorecardUncached: (i) => post(federation.gatewayUrl, scorecard, { year: 2017, asOf: dates[i] }),
      scorecardRepeat: () => post(federation.gatewayUrl, scorecard, { year: 2017, asOf: '2017-12-31' }),
      scorecardPlainRepeat: () => post(plain.url, scorecard, { year: 2017, asOf: '2017-12-31' }),
      profileFloor: (i) => profileFloor(floor, questions[i].code, questions[i].year),
      profileUncached: (i) => post(federation.gatewayUrl, profile, questions[i]),
      profileRepeat: () => post(federation.gatewayUrl, profile, repeatPage),
      profilePlainRepeat: () => post(plain.url, profile, repeatPage),
      // Against a baseline, both builds without the response cache ask the same new question, in turn
      // first (each round's second asker finds PostgreSQL's pages warm).
      ...(baseline && {
        scorecardPair: async (i: number) => {
          for (const [name, url] of i % 2 ? ([['scorecardBaseline', baseline.url], ['scorecardPlain', plain.url]] as const) : ([['scorecardPlain', plain.url], ['scorecardBaseline', baseline.url]] as const)) {
            const t = process.hrtime.bigint();
            await post(url, scorecard, { year: 2017, asOf: dates[i] });
            if (i >= WARMUP) (pairs[name] ??= []).push(msSince(t));
          }
        },
        profilePair: async (i: number) => {
          for (const [name, url] of i % 2 ? ([['profileBaseline', baseline.url], ['profilePlain', plain.url]] as const) : ([['profilePlain', plain.url], ['profileBaseline', baseline.url]] as const)) {
            const t = process.hrtime.bigint();
            await post(url, profile, questions[i]);
            if (i >= WARMUP) (pairs[name] ??= []).push(msSince(t));
          }
        },
      }),
    });
    const baselineRows = (plainXs: number[] | undefined, baselineXs: number[] | undefined, question: string): [string, number[]][] =>
      plainXs && baselineXs
        ? [
            [`this build, no response cache, ${question}`, plainXs],
            [`baseline ${baselineDir}, no response cache, ${question}`, baselineXs],
          ]
        : [];
    console.log(`${ROUNDS} interleaved rounds after ${WARMUP} warm-up, both operations in each round; ${loadLine()}\n`);
    console.log('ProvinceScorecard 2017 (60 counties)\n');
    floorTable([
      ['floor: one SQL statement, one database (pg client)', samples.scorecardFloor],
      ['gateway, uncached (a new asOf every request)', samples.scorecardUncached],
      ['gateway, repeat (same asOf, no write between)', samples.scorecardRepeat],
      ['gateway without response cache, repeat', samples.scorecardPlainRepeat],
      ...baselineRows(pairs.scorecardPlain, pairs.scorecardBaseline, 'the same new asOf'),
    ]);
    console.log(`\nCountyProfile (uncached: every county in turn, each year from 2014; repeat: ${repeatPage.code} ${repeatPage.year})\n`);
    floorTable([
      ['floor: one SQL statement, one database (pg client)', samples.profileFloor],
      ['gateway, uncached (a new county and year every request)', samples.profileUncached],
      ['gateway, repeat (same county and year, no write between)', samples.profileRepeat],
      ['gateway without response cache, repeat', samples.profilePlainRepeat],
      ...baselineRows(pairs.profilePlain, pairs.profileBaseline, 'the same new county and year'),
    ]);
  } finally {
    await plain.stop();
    await baseline?.stop();
    const name = (floor as unknown as { database: string }).database;
    await floor.end();
    const { Client } = await import('pg');
    const admin = new Client({ connectionString: clusterUrl(federation, 'postgres') });
    await admin.connect();
    await admin.query(`drop database if exists ${name}`).finally(() => admin.end());
  }
}

// ---------------------------------------------------------------------------------------------------
// peer: Fuhua's gateway against Hive Gateway (router runtime) over the same subgraphs, under load.

const PEER_SECONDS = 10;
const PEER_ROUNDS = Number(argValue('--peer-rounds') ?? 2);
const CONNECTIONS = [10, 50];

/** A second Fuhua gateway over the same subgraphs without the response cache: what the cache buys. */
async function startUncachedGateway(running: Running, federation: Federation): Promise<{ url: string; stop(): Promise<void> }> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...benchEnv({}),
    PORT: String(port),
    FUHUA_JWT_SECRET: running.jwtSecret,
    FUHUA_GATEWAY_SECRET: running.gatewaySecret,
    FUHUA_RESPONSE_CACHE: '0',
    ...Object.fromEntries(SUBGRAPHS.map((name) => [`FUHUA_${name.toUpperCase()}_URL`, federation.subgraphUrls[name]])),
  };
  const child = spawn(process.execPath, [join(__dirname, '..', 'gateway', 'main.js')], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  const stop = stopper(child);
  const url = `http://127.0.0.1:${port}/graphql`;
  await untilAnswers(url, child, 120_000, () => '');
  return { url, stop };
}

/**
 * Another checkout's build (`--baseline DIR`, its dist/) serving the same databases: its four subgraphs
 * (not migrating: the databases are this run's) and its gateway without the response cache, so the
 * floor section times both builds in the same interleaved rounds.
 */
async function startBaseline(running: Running, federation: Federation, dir: string): Promise<{ url: string; stop(): Promise<void> }> {
  const stops: (() => Promise<void>)[] = [];
  const stop = async () => {
    await Promise.all(stops.map((s) => s()));
  };
  const ports = Object.fromEntries(await Promise.all(SUBGRAPHS.map(async (name) => [name, await freePort()] as const))) as Record<SubgraphName, number>;
  const urlEnv = Object.fromEntries(SUBGRAPHS.map((name) => [`FUHUA_${name.toUpperCase()}_URL`, `http://127.0.0.1:${ports[name]}/graphql`]));
  const healthy = async (url: string, child: ChildProcess, what: string) => {
    for (const deadline = Date.now() + 120_000; Date.now() < deadline; await sleep(100)) {
      if (child.exitCode !== null) throw new Error(`the baseline's ${what} exited with ${child.exitCode}`);
      if (await fetch(url).then((r) => r.ok, () => false)) return;
    }
    throw new Error(`the baseline's ${what} did not answer ${url}`);
  };
  try {
    await Promise.all(
      SUBGRAPHS.map(async (name) => {
        const env: NodeJS.ProcessEnv = { ...benchEnv({}), ...urlEnv, PORT: String(ports[name]), DATABASE_URL: federation.databaseUrls[name], FUHUA_GATEWAY_SECRET: running.gatewaySecret, FUHUA_MIGRATE: '0' };
        delete env.FUHUA_JWT_SECRET;
        const child = spawn(process.execPath, [join(dir, 'dist', 'subgraphs', name, 'main.js')], { env, stdio: ['ignore', 'ignore', 'inherit'] });
        stops.push(stopper(child));
        await healthy(`http://127.0.0.1:${ports[name]}/health`, child, name);
      }),
    );
    const port = await freePort();
    const env = { ...benchEnv({}), ...urlEnv, PORT: String(port), FUHUA_JWT_SECRET: running.jwtSecret, FUHUA_GATEWAY_SECRET: running.gatewaySecret, FUHUA_RESPONSE_CACHE: '0' };
    const child = spawn(process.execPath, [join(dir, 'dist', 'gateway', 'main.js')], { env, stdio: ['ignore', 'ignore', 'inherit'] });
    stops.push(stopper(child));
    const url = `http://127.0.0.1:${port}/graphql`;
    await untilAnswers(url, child, 120_000, () => '');
    return { url, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Hive Gateway in its own process (scripts/peer-gateway.ts), like Fuhua's; resolves with its URL. */
async function startPeer(running: Running, federation: Federation): Promise<{ url: string; stop(): Promise<void> }> {
  const { fork } = await import('child_process');
  const port = await freePort();
  const child = fork(join(__dirname, 'peer-gateway.js'), [], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  const stop = stopper(child);
  child.send({ port, gatewaySecret: running.gatewaySecret, subgraphUrls: federation.subgraphUrls });
  await new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('exit', (code) => reject(new Error(`Hive Gateway exited with ${code} before it listened`)));
  });
  return { url: `http://127.0.0.1:${port}/graphql`, stop };
}

interface Load {
  label: string;
  /** The variables of the i-th request (distinct per request on the uncached path). */
  variables(i: number): Record<string, unknown>;
  query: string;
}

/** req/s and latency of one autocannon run; non-2xx or GraphQL errors are counted and reported. */
async function cannon(url: string, load: Load, connections: number): Promise<{ rps: number; p50: number; p99: number; errors: number }> {
  const autocannon = require('autocannon') as (opts: object) => Promise<any>;
  let i = 0;
  let errors = 0;
  const result = await autocannon({
    url,
    connections,
    duration: PEER_SECONDS,
    timeout: 30, // seconds: on a loaded machine a slow answer is latency, not an error
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        setupRequest: (request: object) => ({ ...request, body: JSON.stringify({ query: load.query, variables: load.variables(i++) }) }),
        onResponse: (status: number, body: string) => {
          if (status !== 200 || body.includes('"errors"')) errors++;
        },
      },
    ],
  });
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: errors + result.non2xx + result.errors };
}

async function peer(shared: SharedJilin): Promise<void> {
  const federation = await shared.federation();
  const running = await shared.running();
  const hive = await startPeer(running, federation);
  const uncached = await startUncachedGateway(running, federation);
  try {
    const { counties } = await post<{ counties: { code: string }[] }>(federation.gatewayUrl, `{ counties { code } }`);
    // Both gateways must say the same before they are compared.
    for (const [query, variables] of [[contract('CountyProfile'), { code: JILIN_COUNTY, year: 2017 }], [contract('ProvinceScorecard'), { year: 2017, asOf: '2017-12-31' }]] as const) {
      const [a, b] = await Promise.all([post(federation.gatewayUrl, query, variables), post(hive.url, query, variables)]);
      if (JSON.stringify(a) !== JSON.stringify(b)) throw new Error(`Hive Gateway and Fuhua's gateway answer differently: ${JSON.stringify(b).slice(0, 300)}`);
    }
    // Uncached: every request asks something no request of the run asked before (a new asOf; for the
    // county page, which has no date, a new year and the next county). Repeat: one question throughout.
    let serial = 0;
    const loads: Load[] = [
      { label: 'CountyProfile uncached', query: contract('CountyProfile'), variables: () => ((n) => ({ code: counties[n % counties.length].code, year: 1000 + n }))(serial++) },
      { label: 'CountyProfile repeat', query: contract('CountyProfile'), variables: () => ({ code: JILIN_COUNTY, year: 2017 }) },
      { label: 'ProvinceScorecard uncached', query: contract('ProvinceScorecard'), variables: () => ({ year: 2017, asOf: new Date(Date.UTC(1950, 0, 1 + serial++)).toISOString().slice(0, 10) }) },
      { label: 'ProvinceScorecard repeat', query: contract('ProvinceScorecard'), variables: () => ({ year: 2017, asOf: '2017-12-31' }) },
    ];
    const gateways: [string, string][] = [['Fuhua', federation.gatewayUrl], ['Fuhua, no response cache', uncached.url], ['Hive', hive.url]];
    const results = new Map<string, { rps: number[]; p50: number[]; p99: number[]; errors: number }>();
    const loadBefore = loadLine();
    for (let round = 0; round < PEER_ROUNDS; round++) {
      for (const load of loads) {
        for (const connections of CONNECTIONS) {
          // Alternate which gateway goes first, so neither always follows the other's load.
          const order = round % 2 ? [...gateways].reverse() : gateways;
          for (const [name, url] of order) {
            const r = await cannon(url, load, connections);
            const key = `${load.label}|${connections}|${name}`;
            const acc = results.get(key) ?? { rps: [], p50: [], p99: [], errors: 0 };
            acc.rps.push(r.rps);
            acc.p50.push(r.p50);
            acc.p99.push(r.p99);
            acc.errors += r.errors;
            results.set(key, acc);
          }
        }
      }
    }
    console.log(`autocannon, ${PEER_SECONDS} s a run, ${PEER_ROUNDS} interleaved rounds (medians of rounds); ${loadBefore} before, ${loadLine()} after\n`);
    const rows: string[][] = [];
    for (const load of loads) {
      for (const connections of CONNECTIONS) {
        const [f, n, h] = gateways.map(([name]) => results.get(`${load.label}|${connections}|${name}`)!);
        const rps = (r: typeof f) => medianOf(r.rps);
        const ms = (r: typeof f) => `${medianOf(r.p50).toFixed(0)}/${medianOf(r.p99).toFixed(0)}`;
        rows.push([
          `${load.label}, ${connections} conn.`,
          rps(f).toFixed(1),
          rps(n).toFixed(1),
          rps(h).toFixed(1),
          (rps(f) / rps(h)).toFixed(2) + '×',
          (rps(f) / rps(n)).toFixed(2) + '×',
          `${ms(f)} ${ms(n)} ${ms(h)}`,
          `${f.errors}/${n.errors}/${h.errors}`,
        ]);
      }
    }
    table(['load', 'Fuhua req/s', 'no cache req/s', 'Hive req/s', 'Fuhua / Hive', 'cache / no cache', 'p50/p99 ms F N H', 'errors F/N/H'], rows);
  } finally {
    await Promise.all([hive.stop(), uncached.stop()]);
  }
}

// ---------------------------------------------------------------------------------------------------
// national

const SCOPE_SCORECARD = `query($year: Int!, $scope: ID!, $asOf: Date) { nation { milestone(year: $year) { progress(scope: $scope, asOf: $asOf) {
  countiesTotal countiesMet counties { met county { code } checks { rule actual met } } } } } }`;

/** The nation, Jilin, and Guangdong (issue 14's example of another province answering for itself). */
const NATIONAL_SCOPES: [string, string][] = [['000000', 'nation'], ['220000', 'Jilin'], ['440000', 'Guangdong']];

async function national(shared: SharedJilin): Promise<void> {
  // Seeding the nation takes minutes: allow up to an hour unless FUHUA_READY_TIMEOUT_S says more.
  const readyTimeoutS = Math.max(startConfig().readyTimeoutMs / 1000, 3600);
  const kept = argValue('--national-data');
  const started = Date.now();
  const elapsed = () => ((Date.now() - started) / 1000).toFixed(0);
  console.log(kept ? `starting a federation on the national data kept in ${kept}…` : `starting a federation seeded with FUHUA_SEED=national (up to ${readyTimeoutS} s)…`);
  const running = await startQuiet('national', {
    readyTimeoutS,
    progress: (lastLine) => console.log(`  … ${elapsed()} s${lastLine ? `  (last: ${lastLine.slice(0, 100)})` : ''}`),
  });
  try {
    const seconds = (Date.now() - started) / 1000;
    console.log(kept ? `started in ${seconds.toFixed(1)} s (data kept: not a seed time)\n` : `seeded all 31 provinces and started in ${seconds.toFixed(1)} s = ${(seconds / 60).toFixed(2)} min; ${loadLine()}\n`);
    const rows: string[][] = [];
    for (const [scope, name] of NATIONAL_SCOPES) {
      for (const year of [2015, 2017, 2020]) {
        const { result, counts: c } = await countOnce<NationScorecard>(running.federation, SCOPE_SCORECARD, { year, scope });
        const p = result.nation.milestone.progress;
        rows.push(countsRow(`${name} (${scope}) scorecard ${year}`, `${p.countiesMet}/${p.countiesTotal} met`, c));
      }
    }
    rows.push(...(await statisticsRows(running.federation, 'national seed: ')));
    console.log('on the national seed; compare Jilin with counts (b) and (d) on the Jilin seed\n');
    table(COUNTS_HEADER, rows);
    await nationalTimes(shared, running.federation);
  } finally {
    await running.stop();
  }
}

/**
 * Uncached medians on national data against Jilin data, in interleaved rounds (each request a date no
 * request asked before): the nation's scorecard (every county of the country) and the dashboard's
 * ProvinceScorecard on national data and on a Jilin-only federation running beside it.
 */
async function nationalTimes(shared: SharedJilin, nation: Federation): Promise<void> {
  const jilin = await shared.federation(); // started after the seed, so the seed had the CPU to itself
  const scorecard = contract('ProvinceScorecard');
  const rounds = Math.min(ROUNDS, 30);
  const dates = distinctDates(2017, rounds + 3);
  // Equal before timed: Jilin's scorecard on national data is Jilin's on Jilin data.
  const [a, b] = await Promise.all([post(jilin.gatewayUrl, scorecard, { year: 2017, asOf: '2017-12-31' }), post(nation.gatewayUrl, scorecard, { year: 2017, asOf: '2017-12-31' })]);
  if (JSON.stringify(a) !== JSON.stringify(b)) throw new Error(`Jilin's scorecard differs on national data: ${JSON.stringify(b).slice(0, 300)}`);
  const samples = { nation: [] as number[], jilinOnNational: [] as number[], jilinOnJilin: [] as number[] };
  for (let i = 0; i < dates.length; i++) {
    const asOf = dates[i];
    let t = process.hrtime.bigint();
    await post(nation.gatewayUrl, SCOPE_SCORECARD, { year: 2017, scope: '000000', asOf });
    const nationMs = msSince(t);
    // Alternate which data goes first, so neither always follows the nation's request.
    const order: [keyof typeof samples, string][] = i % 2 ? [['jilinOnJilin', jilin.gatewayUrl], ['jilinOnNational', nation.gatewayUrl]] : [['jilinOnNational', nation.gatewayUrl], ['jilinOnJilin', jilin.gatewayUrl]];
    const times: Partial<Record<keyof typeof samples, number>> = { nation: nationMs };
    for (const [name, url] of order) {
      t = process.hrtime.bigint();
      await post(url, scorecard, { year: 2017, asOf });
      times[name] = msSince(t);
    }
    if (i < 3) continue; // warm-up
    for (const name of Object.keys(samples) as (keyof typeof samples)[]) samples[name].push(times[name]!);
  }
  const jilinMedian = medianOf(samples.jilinOnJilin);
  console.log(`\nuncached scorecards 2017 (a new asOf every request), ${rounds} interleaved rounds after 3 warm-up; ${loadLine()}\n`);
  table(
    ['request', 'median ms', 'p90 ms', '× Jilin on Jilin data'],
    (
      [
        ['the nation (000000, every county of the country), national data', samples.nation],
        ['ProvinceScorecard (Jilin), national data', samples.jilinOnNational],
        ['ProvinceScorecard (Jilin), Jilin data', samples.jilinOnJilin],
      ] as [string, number[]][]
    ).map(([label, xs]) => {
      const sorted = [...xs].sort((x, y) => x - y);
      return [label, percentile(sorted, 50).toFixed(1), percentile(sorted, 90).toFixed(1), (percentile(sorted, 50) / jilinMedian).toFixed(2) + '×'];
    }),
  );
}

// ---------------------------------------------------------------------------------------------------
// tools: how fast the processes and the command line answer (no database needed)

/** ms from spawning `args` until `ready()` says yes (or the process prints, when `ready` is omitted). */
function timeUntil(args: string[], env: NodeJS.ProcessEnv, ready?: () => Promise<boolean>): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const ms = () => Number(process.hrtime.bigint() - started) / 1e6;
    const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let done = false;
    const finish = (value: number | Error) => {
      if (done) return;
      done = true;
      if (child.exitCode === null) child.kill('SIGTERM');
      if (value instanceof Error) reject(value);
      else resolve(value);
    };
    if (!ready) child.stdout!.once('data', () => finish(ms()));
    else
      void (async () => {
        while (!done && child.exitCode === null) {
          if (await ready().catch(() => false)) return finish(ms());
          await new Promise((r) => setTimeout(r, 10));
        }
      })();
    child.once('exit', (code) => finish(new Error(`${args.join(' ')} exited with ${code} before it answered`)));
  });
}

async function tools(): Promise<void> {
  const at = process.argv.indexOf('--baseline');
  const baseline = process.argv.find((a) => a.startsWith('--baseline='))?.slice(11) ?? (at > 0 ? process.argv[at + 1] : undefined);
  const secret = 'b'.repeat(32);
  const builds: [string, string][] = [['this checkout', ROOT], ...(baseline ? [['baseline', baseline] as [string, string]] : [])];
  const rounds = 10;
  const withoutFuhua = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('FUHUA_')));
  const samples: Record<string, number[]> = {};
  const add = (name: string, ms: number) => (samples[name] ??= []).push(ms);
  for (let round = 0; round < rounds; round++) {
    for (const [label, dir] of builds) {
      const port = await freePort();
      // The caller's environment without Fuhua's own settings, so each build runs on its defaults.
      const env = { ...withoutFuhua, PORT: String(port), FUHUA_JWT_SECRET: secret, FUHUA_GATEWAY_SECRET: secret };
      const health = async () => (await fetch(`http://127.0.0.1:${port}/health`)).ok;
      add(`${label}: gateway spawn → /health`, await timeUntil([join(dir, 'dist', 'gateway', 'main.js')], env, health));
      // The command each checkout documents for a token: `fuhua token` here, dist/scripts/token.js before.
      const fuhua = join(dir, 'scripts', 'fuhua.js');
      const token = existsSync(fuhua) ? [fuhua, 'token', '--role', 'admin'] : [join(dir, 'dist', 'scripts', 'token.js'), '--role', 'admin'];
      add(`${label}: token → first output`, await timeUntil(token, env));
    }
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  console.log(`${rounds} interleaved rounds; load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}\n`);
  table(['what', 'median ms', 'min ms', 'max ms'], Object.entries(samples).map(([name, xs]) => [name, median(xs).toFixed(0), Math.min(...xs).toFixed(0), Math.max(...xs).toFixed(0)]));
}

// ---------------------------------------------------------------------------------------------------
// Output and main

/** Prints rows under a header, columns padded; numbers right-aligned. */
function table(header: string[], rows: string[][]): void {
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...all.map((row) => (row[i] ?? '').length)));
  const numeric = (i: number) => rows.every((row) => /^[\d.×-]+$/.test(row[i] ?? ''));
  const line = (row: string[]) =>
    row.map((cell, i) => (i > 0 && numeric(i) ? cell.padStart(widths[i]) : cell.padEnd(widths[i]))).join('  ').trimEnd();
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of rows) console.log(line(row));
}

// ---------------------------------------------------------------------------------------------------
// dashboard

/** Built files a file names (Vite's hashed chunk names), followed transitively from `roots`. */
function reachable(dir: string, roots: string[]): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file) || !existsSync(join(dir, file))) return;
    seen.add(file);
    if (!file.endsWith('.js')) return;
    for (const match of readFileSync(join(dir, file), 'utf8').matchAll(/[\w.-]+-[\w-]{8}\.js/g)) visit(match[0]);
  };
  roots.forEach(visit);
  return seen;
}

const gzipKb = (dir: string, files: Iterable<string>) => [...files].reduce((sum, file) => sum + gzipSync(readFileSync(join(dir, file)), { level: 9 }).length, 0) / 1024;
const rawKb = (dir: string, files: Iterable<string>) => [...files].reduce((sum, file) => sum + readFileSync(join(dir, file)).length, 0) / 1024;

/** The dashboard's JavaScript (at load, and loaded on demand) and GraphiQL's apart; then time in Chromium from navigation to a filled league table. */
async function dashboard(shared: SharedJilin): Promise<void> {
  const out = join(ROOT, 'dist', 'dashboard');
  const assets = join(out, 'assets');
  const scripts = (html: string) => [...readFileSync(join(out, html), 'utf8').matchAll(/(?:src|href)="\/assets\/([^"]+\.js)"/g)].map((m) => m[1]);
  const atLoad = scripts('index.html');
  const dashboardAll = reachable(assets, atLoad);
  const onDemand = [...dashboardAll].filter((file) => !atLoad.includes(file) && !/^preload-helper/.test(file));
  const graphiql = [...reachable(assets, scripts(join('graphiql', 'index.html')))];
  const row = (name: string, files: string[]) => [name, String(files.length), rawKb(assets, files).toFixed(0), gzipKb(assets, files).toFixed(0)];
  table(['JavaScript', 'files', 'kB', 'kB gzip'], [
    row('dashboard at load', atLoad),
    // Loaded when first needed: ECharts with the first chart, exceljs with the first XLSX export.
    ...onDemand.map((file) => row(`dashboard on demand: ${file.replace(/-[\w-]{8}\.js$/, '')}`, [file])),
    row('workbench (GraphiQL, apart)', graphiql),
  ]);
  console.log(`geometry (dist/dashboard/geo, fetched with the map): ${gzipKb(out, ['geo/jilin-counties.json']).toFixed(0)} kB gzip\n`);

  const federation = await shared.federation();
  const base = federation.gatewayUrl.replace(/\/graphql$/, '');
  const { chromium } = await import('playwright-core');
  const profile = mkdtempSync(join(tmpdir(), 'fuhua-bench-chromium-'));
  const browser = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const url = `${base}/?view=table&year=2017`;
    // Milliseconds from the start of navigation (the page's own clock) until the table has its 60 rows.
    const once = async () => {
      const page = await browser.newPage();
      await page.goto(url, { waitUntil: 'commit' });
      await page.locator('[data-testid="league"] tbody tr[data-county]').nth(59).waitFor({ timeout: 60_000 });
      const ms = await page.evaluate(() => performance.now());
      await page.close();
      return ms;
    };
    const first = await once();
    const warm: number[] = [];
    for (let i = 0; i < 10; i++) warm.push(await once());
    warm.sort((a, b) => a - b);
    table(['navigation → league table filled (60 rows, T2017, today)', 'ms'], [
      ['first load (empty cache)', first.toFixed(0)],
      ['median of 10 (assets cached)', warm[5].toFixed(0)],
      ['slowest of 10', warm[9].toFixed(0)],
    ]);
  } finally {
    await browser.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

const SECTIONS = {
  coldstart: () => coldstart(),
  start: () => coldstart(),
  latency: (shared: SharedJilin) => latency(shared),
  counts: (shared: SharedJilin) => counts(shared),
  statistics: (shared: SharedJilin) => statistics(shared),
  floor: (shared: SharedJilin) => floorSection(shared),
  peer: (shared: SharedJilin) => peer(shared),
  memory: async (shared: SharedJilin) => void (await memorySection(await shared.federation(), table)),
  national: (shared: SharedJilin) => national(shared),
  tools: () => tools(),
  dashboard: (shared: SharedJilin) => dashboard(shared),
  multihost: () => multihostBench(),
} as const;
type SectionName = keyof typeof SECTIONS;
const ORDER = Object.keys(SECTIONS) as SectionName[];
const DEFAULT: SectionName[] = ['latency', 'counts'];

async function main(): Promise<void> {
  const asked = process.argv.slice(2).filter((arg, i, all) => !arg.startsWith('--') && !['--baseline', '--data', '--national-data', '--rounds', '--peer-rounds'].includes(all[i - 1]));
  const unknown = asked.filter((name) => !ORDER.includes(name as SectionName));
  if (unknown.length) {
    console.error(`unknown section(s): ${unknown.join(', ')}; choose from ${ORDER.join(', ')} (default: ${DEFAULT.join(' ')})`);
    process.exit(2);
  }
  const selected = ORDER.filter((name) => (asked.length ? asked : DEFAULT).includes(name));
  const shared = new SharedJilin();
  try {
    for (const name of selected) {
      // The national federation brings its own cluster; do not leave Jilin's running beside it.
      if (name === 'national') await shared.stop();
      console.log(`\n== ${name} ${'='.repeat(Math.max(0, 60 - name.length))}\n`);
      await SECTIONS[name](shared);
    }
  } finally {
    await shared.stop();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(`bench failed: ${(error as Error).stack ?? error}`);
    process.exit(1);
  },
);
