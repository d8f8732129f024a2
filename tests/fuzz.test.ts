// The fuzz suite: thousands of generated operations, seeded and reproducible, built from the composed
// schema (schema/supergraph.graphql) so new fields are covered without editing this file: malformed
// bodies, wrong types, impossible dates, huge strings, NUL bytes, injection strings in every string
// argument, unknown enums and bad ids, for the public and a county operator. It holds that no answer is
// 5xx, every error carries extensions.code, nothing internal shows (SQL, paths, addresses, stacks), every
// process is still alive, and no database changed except through writes the gateway acknowledged.
// Its own federation: acknowledged writes stay out of the other suites' data.
import { Supergraph } from '@apollo/federation-internals';
import { readFileSync } from 'fs';
import {
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLObjectType,
  type GraphQLSchema,
} from 'graphql';
import { join } from 'path';
import { fingerprint } from './support/database';
import { useFederation } from './support/global-setup';
import { startTestFederation, type TestFederation } from './support/start';
import { random } from '../subgraphs/kit/demo';
import { token } from './support/tokens';

const SEED = 20_141_053; // 吉民发〔2014〕53号; change it to explore, keep it to reproduce
const OPERATIONS = 5_200;
const CONCURRENCY = 6;

/** The demo plan's seedable PRNG (mulberry32), so a run is the same operations in the same order for the same seed. */
function prng(seed: number) {
  const { next, pick } = random(seed);
  return { next, pick, int: (n: number) => Math.floor(next() * n), chance: (p: number) => next() < p };
}
type Rng = ReturnType<typeof prng>;

const INJECTIONS = [
  "' or 1=1 --",
  "'; drop table incubation; --",
  "1); delete from organization where (1=1",
  '\\"; select pg_sleep(5); --',
  "${jndi:ldap://example.invalid/a}",
  '<script>alert(1)</script>',
  '{{7*7}}',
  '../../../../etc/passwd',
  '%00%27',
  "Robert'); truncate audit_entry; --",
  '$where: 1 == 1',
  '__proto__',
  'constructor',
];
const ODD_TEXTS = ['', ' ', '   ', '\t\n', '\u0000', 'a\u0000b', '\ud800', '🙂'.repeat(50), '名'.repeat(300), 'x'.repeat(4_001), 'y'.repeat(20_000), '\u202etxet', 'null', 'undefined', '0'];
const BAD_DATES = ['2017-02-30', '2017-13-01', '20170101', '', '0000-01-01', '1900-01-01', '2017-04-31', '2101-01-01', '17-01-01', '2017-01-01T00:00:00Z', 'today', '2017-02-29', '9999-12-31', '-2017-01-01'];
const GOOD_DATES = ['2015-06-30', '2016-02-29', '2017-03-01', '2017-12-31', '2020-01-15', '2024-01-10'];
const BAD_IDS = ['abc', '1', '-1', '00000000-0000-0000-0000-00000000000g', '{}', 'null', "'", '220102', ' '];

/** Values a caller might send for a named input type: mostly plausible, often hostile. */
class Values {
  constructor(
    private readonly rng: Rng,
    private readonly known: { ids: string[]; codes: string[] },
  ) {}

  hostileFor(type: GraphQLInputType): unknown {
    const named = getNamedType(type);
    const { rng } = this;
    if (rng.chance(0.1)) return rng.pick<unknown>([123, -1, 1.5, true, [], {}, null, [null], { a: 1 }, 'x'.repeat(5)]); // wrong type
    if (isScalarType(named)) {
      switch (named.name) {
        case 'Date':
          return rng.pick(BAD_DATES);
        case 'ID':
          return rng.pick([...BAD_IDS, ...INJECTIONS, ...ODD_TEXTS]);
        case 'Int':
          return rng.pick([2 ** 31, -(2 ** 31) - 1, 1e20, -1, 0, 1.5, '7', Number.MAX_SAFE_INTEGER]);
        case 'Float':
          return rng.pick(['NaN', 1e308, -0, '1']);
        case 'Boolean':
          return rng.pick(['true', 1, 0, 'yes']);
        default:
          return rng.pick([...INJECTIONS, ...ODD_TEXTS]);
      }
    }
    if (isEnumType(named)) return rng.pick(['NOT_A_VALUE', named.getValues()[0].name.toLowerCase(), '', 'NULL', 'DROP']);
    if (isInputObjectType(named)) {
      const value = this.plausible(named) as Record<string, unknown>;
      const fields = Object.values(named.getFields());
      const field = rng.pick(fields);
      if (rng.chance(0.2)) delete value[field.name];
      else if (rng.chance(0.1)) value.notAField = 'x';
      else value[field.name] = this.hostileFor(field.type);
      return value;
    }
    return null;
  }

  plausible(type: GraphQLInputType): unknown {
    const nullable = getNullableType(type);
    const { rng } = this;
    if (isListType(nullable)) return Array.from({ length: rng.int(3) }, () => this.plausible(nullable.ofType));
    const named = getNamedType(type);
    if (isScalarType(named)) {
      switch (named.name) {
        case 'Date':
          return rng.pick(GOOD_DATES);
        case 'ID':
          return rng.pick([...this.known.ids, ...this.known.codes, randomUuid(rng)]);
        case 'Int':
          return rng.pick([0, 1, 2, 10, 50, 2017, 2020, 80]);
        case 'Float':
          return 1.5;
        case 'Boolean':
          return rng.chance(0.5);
        default:
          return rng.pick(['测试', '长春市社会组织孵化站', '2017H1', 'note', '100.00', ...INJECTIONS]);
      }
    }
    if (isEnumType(named)) return rng.pick(named.getValues()).name;
    if (isInputObjectType(named)) {
      return Object.fromEntries(
        Object.values(named.getFields())
          .filter((field) => isNonNullType(field.type) || rng.chance(0.5))
          .map((field) => [field.name, this.plausible(field.type)]),
      );
    }
    return null;
  }
}

/** A random UUID from the PRNG (crypto's would not be reproducible). */
const randomUuid = (rng: Rng) => {
  const hex = Array.from({ length: 32 }, () => rng.int(16).toString(16)).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20)}`;
};

/** A value written into the document as a GraphQL literal (enums bare when they look like names). */
function literal(value: unknown, type: GraphQLInputType): string {
  const named = getNamedType(type);
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map((v) => literal(v, isListType(getNullableType(type)) ? (getNullableType(type) as any).ofType : type)).join(', ')}]`;
  if (typeof value === 'object') {
    const fields = isInputObjectType(named) ? named.getFields() : {};
    return `{ ${Object.entries(value)
      .filter(([key]) => /^[_A-Za-z][_0-9A-Za-z]*$/.test(key))
      .map(([key, v]) => `${key}: ${literal(v, (fields[key]?.type ?? named) as GraphQLInputType)}`)
      .join(', ')} }`;
  }
  if (isEnumType(named) && typeof value === 'string' && /^[_A-Za-z][_0-9A-Za-z]*$/.test(value) && !['true', 'false', 'null'].includes(value)) return value;
  return JSON.stringify(value);
}

/** Leaf fields to select (and one level below), skipping fields whose arguments are required. */
function selection(type: GraphQLObjectType, rng: Rng, depth = 0): string {
  const fields = Object.values(type.getFields()).filter((f) => f.args.every((a) => !isNonNullType(a.type) || a.defaultValue !== undefined));
  const leaves = fields.filter((f) => isLeafType(getNamedType(f.type)));
  const objects = fields.filter((f) => isObjectType(getNamedType(f.type)));
  const chosen = Array.from({ length: 1 + rng.int(3) }, () => rng.pick(leaves)).filter(Boolean).map((f) => f!.name);
  if (depth < 1 && objects.length && rng.chance(0.5)) {
    const child = rng.pick(objects);
    chosen.push(`${child.name} { ${selection(getNamedType(child.type) as GraphQLObjectType, rng, depth + 1)} }`);
  }
  return [...new Set(['__typename', ...chosen])].join(' ');
}

const printType = (type: GraphQLInputType): string => type.toString();

interface Operation {
  kind: 'graphql' | 'raw';
  caller: 'public' | 'county';
  body: string;
  headers: Record<string, string>;
  method?: string;
  /** Strings sent, removed from the answer before looking for leaks (an echo of the caller's input is not a leak). */
  sent: string[];
  mutation?: string;
}

function operation(rng: Rng, schema: GraphQLSchema, values: Values): Operation {
  const caller = rng.chance(0.5) ? 'public' : 'county';
  if (rng.chance(0.08)) return rawBody(rng, caller);
  const mutation = rng.chance(0.35) && schema.getMutationType();
  const root = (mutation || schema.getQueryType())!;
  const field = rng.pick(Object.values(root.getFields())) as GraphQLField<unknown, unknown>;
  const inline = rng.chance(0.4);
  const hostile = rng.chance(0.8);
  const sent: string[] = [];
  const definitions: string[] = [];
  const args: string[] = [];
  const variables: Record<string, unknown> = {};
  field.args.forEach((arg: GraphQLArgument, i) => {
    if (!isNonNullType(arg.type) && rng.chance(0.5)) return;
    const value = hostile && (rng.chance(0.5) || isStringy(arg.type)) ? values.hostileFor(arg.type) : values.plausible(arg.type);
    collectStrings(value, sent);
    if (inline) args.push(`${arg.name}: ${literal(value, arg.type)}`);
    else {
      definitions.push(`$a${i}: ${printType(arg.type)}`);
      args.push(`${arg.name}: $a${i}`);
      variables[`a${i}`] = value;
    }
  });
  const named = getNamedType(field.type);
  const select = isObjectType(named) ? ` { ${selection(named, rng)} }` : '';
  const query = `${mutation ? 'mutation' : 'query'} Fuzz${definitions.length ? `(${definitions.join(', ')})` : ''} { ${field.name}${args.length ? `(${args.join(', ')})` : ''}${select} }`;
  return { kind: 'graphql', caller, body: JSON.stringify({ query, variables, operationName: 'Fuzz' }), headers: {}, sent, mutation: mutation ? field.name : undefined };
}

const isStringy = (type: GraphQLInputType) => ['String', 'ID', 'Date'].includes(getNamedType(type).name);
function collectStrings(value: unknown, into: string[]): void {
  if (typeof value === 'string') into.push(value);
  else if (value && typeof value === 'object') Object.values(value).forEach((v) => collectStrings(v, into));
}

function rawBody(rng: Rng, caller: Operation['caller']): Operation {
  const bodies: [string, Record<string, string>, string?][] = [
    ['{"query":', {}],
    ['[]', {}],
    ['[{"query":"{ __typename }"},{"query":"{ __typename }"}]', {}],
    ['{"query": 5}', {}],
    ['{"query": "{ __typename }", "variables": "x"}', {}],
    ['{"query": "{ __typename }", "operationName": 7}', {}],
    ['{"query": "query A { __typename } query B { __typename }"}', {}],
    ['{"query": "{ __typename }", "extensions": {"persistedQuery": {"version": 1, "sha256Hash": "abc"}}}', {}],
    ['{"query":"{ __typename }"}', { 'content-type': 'application/json; charset=latin1' }],
    ['{"query":"{ __typename }"}', { 'content-type': 'text/plain' }],
    ['{"query":"{ __typename }"}', { 'content-type': 'application/x-www-form-urlencoded' }],
    ['not gzip', { 'content-encoding': 'gzip' }],
    ['not deflate', { 'content-encoding': 'deflate' }],
    ['{"query":"{ __typename }"}', { 'content-encoding': 'br' }],
    ['\u0000\u0001\u0002', {}],
    [`{"query":"${'{ a '.repeat(3000)}"}`, {}],
    [`{"query":"{ ${'county(code: \\"220102\\") { prefecture { province { prefectures { counties { name } } } } } '.repeat(1)}"}`, {}],
    ['{"query":"subscription { x }"}', {}],
    ['{"query":"{ __schema { types { name } } }"}', {}],
    ['', {}, 'GET'],
    ['', { accept: 'text/html' }, 'GET'],
    ['{"query":"{ __typename }"}', { accept: 'application/xml' }],
    ['{"query":"{ __typename }"}', { authorization: 'Bearer not.a.token' }],
    ['{"query":"{ __typename }"}', { authorization: 'Basic abc' }],
  ];
  const [body, headers, method] = rng.pick(bodies);
  return { kind: 'raw', caller, body, headers, method, sent: [] };
}

/** What would betray the internals: SQL as MikroORM writes it, file paths, addresses, stack frames. */
const LEAKS = [
  /insert into \\?"/i,
  /select \\?".*from \\?"/i,
  /\bfrom \\?"[a-z_]+\\?" as/i,
  /node_modules|\/work\/|\/home\/|\/tmp\//,
  /\.(?:ts|js):\d+/,
  /\bat [\w.<>$]+ \(/,
  /\b(?:127\.0\.0\.1|localhost|0\.0\.0\.0):\d+/,
  /ECONNREFUSED|DriverException|MikroORM|stacktrace/,
];

let federation: TestFederation;
const saved = { ...process.env };

beforeAll(async () => {
  federation = await startTestFederation({ seed: 'jilin', env: { FUHUA_RATE_LIMIT_PUBLIC: '1000000', FUHUA_RATE_LIMIT_SIGNED_IN: '1000000' } });
  useFederation(federation);
}, 600_000);

afterAll(async () => {
  Object.assign(process.env, saved);
  await federation?.stop();
});

async function post(query: string, variables: Record<string, unknown>, bearer?: string) {
  const response = await fetch(federation.gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as any;
}

it(`answers ${OPERATIONS} generated operations without a 5xx, an uncoded error or a leak, and changes only what it acknowledged`, async () => {
  const started = Date.now();
  const schema = Supergraph.build(readFileSync(join(__dirname, '..', 'schema', 'supergraph.graphql'), 'utf8')).apiSchema().toGraphQLJSSchema();
  const owners = ownersOfMutations(readFileSync(join(__dirname, '..', 'schema', 'supergraph.graphql'), 'utf8'));
  const admin = await token('--role', 'admin');
  const county = await token('--role', 'county', '--region', '220122');
  // Real ids and codes, so plausible operations reach the resolvers and the database.
  const found = await post(`{ counties(codes: ["220122", "220102"]) { code stations { id town { code } } incubationCenter { id } } organizations(first: 20) { nodes { id applications { id } } } }`, {}, admin);
  const ids = JSON.stringify(found.data ?? {}).match(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g) ?? [];
  const codes = [...new Set([...(JSON.stringify(found.data ?? {}).match(/"(22\d{4}(?:\d{3})?)"/g) ?? []).map((c) => c.slice(1, -1)), '220000', '220100', '220122', '220102001'])];
  const rng = prng(SEED);
  const values = new Values(rng, { ids: ids.slice(0, 30), codes });
  const operations = Array.from({ length: OPERATIONS }, () => operation(rng, schema, values));
  console.log(`fuzz seed ${SEED}: ${operations.length} operations (${operations.filter((o) => o.kind === 'raw').length} raw bodies, ${operations.filter((o) => o.mutation).length} mutations), ${ids.length} known ids`);

  const before = Object.fromEntries(await Promise.all(['province', 'centers', 'stations', 'organizations'].map(async (n) => [n, await fingerprint(n)] as const)));
  const tally = { sent: 0, status5xx: 0, uncoded: 0, leaks: 0, acknowledged: 0, statuses: {} as Record<number, number> };
  const problems: string[] = [];
  const acknowledgedIn = new Set<string>();
  let next = 0;
  const worker = async () => {
    while (next < operations.length) {
      const op = operations[next++];
      const bearer = op.caller === 'county' ? county : undefined;
      const response = await fetch(federation.gatewayUrl, {
        method: op.method ?? 'POST',
        headers: { 'content-type': 'application/json', ...(bearer ? { authorization: `Bearer ${bearer}` } : {}), ...op.headers },
        body: op.method === 'GET' ? undefined : op.body,
        redirect: 'manual',
      });
      const text = await response.text();
      // A browser opening /graphql (GET, asking for HTML, no query) is sent to the workbench: the one answer that is not JSON.
      const toWorkbench = response.status === 302 && response.headers.get('location') === '/graphiql' && op.method === 'GET' && op.headers.accept === 'text/html';
      tally.sent++;
      tally.statuses[response.status] = (tally.statuses[response.status] ?? 0) + 1;
      const note = (what: string) => problems.length < 20 && problems.push(`${what}: ${op.body.slice(0, 300)} → ${response.status} ${text.slice(0, 300)}`);
      if (response.status >= 500) (tally.status5xx++, note('5xx'));
      if (toWorkbench) continue;
      let body: any;
      try {
        body = JSON.parse(text);
      } catch {
        tally.uncoded++;
        note('not JSON');
        continue;
      }
      const errors: any[] = Array.isArray(body?.errors) ? body.errors : [];
      if ((!body?.data && !errors.length) || errors.some((e) => typeof e?.extensions?.code !== 'string')) (tally.uncoded++, note('uncoded'));
      let scrubbed = text;
      for (const s of op.sent.filter((s) => s.length > 2)) for (const form of [s, JSON.stringify(s).slice(1, -1)]) scrubbed = scrubbed.split(form.slice(0, 40)).join('');
      if (LEAKS.some((pattern) => pattern.test(scrubbed))) (tally.leaks++, note('leak'));
      if (op.mutation && body?.data?.[op.mutation] && !errors.length) {
        tally.acknowledged++;
        acknowledgedIn.add(owners[op.mutation]);
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));

  // Every process still answers, under the same pid it had.
  const alive: Record<string, boolean> = {};
  for (const [name, url] of Object.entries({ gateway: federation.gatewayUrl, ...federation.subgraphUrls })) {
    const health = (await (await fetch(url.replace(/graphql$/, 'health'))).json()) as { ok: boolean; pid: number };
    alive[name] = health.ok && isRunning(health.pid);
  }
  const after = Object.fromEntries(await Promise.all(Object.keys(before).map(async (n) => [n, await fingerprint(n)] as const)));
  const changed = Object.keys(before).filter((n) => JSON.stringify(before[n]) !== JSON.stringify(after[n]));
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(
    `fuzz seed ${SEED}: ${tally.sent} sent in ${seconds}s; statuses ${JSON.stringify(tally.statuses)}; 5xx ${tally.status5xx}; uncoded ${tally.uncoded}; leaks ${tally.leaks}; ` +
      `acknowledged writes ${tally.acknowledged} (in ${[...acknowledgedIn].join(', ') || 'none'}); databases changed: ${changed.join(', ') || 'none'}; alive ${JSON.stringify(alive)}`,
  );
  expect(problems).toEqual([]);
  expect(tally).toMatchObject({ sent: OPERATIONS, status5xx: 0, uncoded: 0, leaks: 0 });
  expect(Object.values(alive).every(Boolean)).toBe(true);
  expect(changed.filter((n) => !acknowledgedIn.has(n))).toEqual([]);
}, 900_000);

it('reads audit times as instants (DateTime), not calendar days', async () => {
  const admin = await token('--role', 'admin');
  const write = await post(`mutation { designateLargeTown(code: "220102001", isLarge: true, on: "2017-01-05") { code } }`, {}, admin);
  expect(write.errors).toBeUndefined();
  const trail = await post(`{ auditTrail(scope: "220102") { stations(first: 5) { at operation } } }`, {}, admin);
  expect(trail.errors).toBeUndefined();
  expect(trail.data.auditTrail.stations[0]).toEqual({ at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/), operation: 'designateLargeTown' });
});

/** The subgraph each mutation belongs to, from the supergraph's join__field directives. */
function ownersOfMutations(sdl: string): Record<string, string> {
  const block = /type Mutation[\s\S]*?\n\{([\s\S]*?)\n\}/.exec(sdl)?.[1] ?? '';
  return Object.fromEntries([...block.matchAll(/^\s+(\w+)\([\s\S]*?@join__field\(graph: (\w+)\)/gm)].map(([, name, graph]) => [name, graph.toLowerCase()]));
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}


