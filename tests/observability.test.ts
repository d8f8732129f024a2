// What operators see of a request: the same request id in the log lines of all five processes, one
// trace from the gateway through the four subgraphs down to their SQL (exported over OTLP/HTTP to a
// receiver in this test), and histograms on each process's metrics address. A federation of the file's
// own (register only), started as `npm start` starts it with an OTLP endpoint; the test reads its output
// (every process's JSON lines, each naming its service).
import { createServer, type Server } from 'http';
import type { AddressInfo } from 'net';
import { writeFileSync } from 'fs';
import { join } from 'path';
import { SUBGRAPHS } from '../subgraphs/kit/topology';
import { contract } from './support/contract';
import { startTestFederation, type TestFederation } from './support/start';
import { tokenFor } from './support/tokens';

interface Span {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  startTimeUnixNano: string;
  endTimeUnixNano: string;
  attributes?: { key: string; value: Record<string, unknown> }[];
  service: string;
}

/** An OTLP/HTTP receiver for JSON traces: every span it is sent, with its service's name. */
async function otlpReceiver() {
  const spans: Span[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      if (req.url === '/v1/traces' && /json/.test(req.headers['content-type'] ?? '')) {
        const sent = JSON.parse(body) as { resourceSpans: { resource: { attributes: Span['attributes'] }; scopeSpans: { spans: Omit<Span, 'service'>[] }[] }[] };
        for (const { resource, scopeSpans } of sent.resourceSpans) {
          const service = String(resource.attributes?.find((a) => a.key === 'service.name')?.value.stringValue);
          for (const scope of scopeSpans) for (const span of scope.spans) spans.push({ ...span, service });
        }
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, spans, stop: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const attribute = (span: Span, key: string) => {
  const value = span.attributes?.find((a) => a.key === key)?.value;
  return value && Object.values(value)[0];
};

/** The span tree of one trace, one line per span: service, name, duration, children indented. */
function spanTree(spans: Span[]): string {
  const byParent = new Map<string | undefined, Span[]>();
  const ids = new Set(spans.map((s) => s.spanId));
  for (const span of spans) {
    const parent = span.parentSpanId && ids.has(span.parentSpanId) ? span.parentSpanId : undefined;
    byParent.set(parent, [...(byParent.get(parent) ?? []), span]);
  }
  const lines: string[] = [];
  const walk = (parent: string | undefined, depth: number) => {
    for (const span of (byParent.get(parent) ?? []).sort((a, b) => (BigInt(a.startTimeUnixNano) < BigInt(b.startTimeUnixNano) ? -1 : 1))) {
      const ms = Number(BigInt(span.endTimeUnixNano) - BigInt(span.startTimeUnixNano)) / 1e6;
      const statement = attribute(span, 'db.statement') ?? attribute(span, 'db.query.text');
      const what = statement ? `  ${String(statement).replace(/\s+/g, ' ').slice(0, 70)}` : '';
      lines.push(`${'  '.repeat(depth)}${span.service}: ${span.name} (${ms.toFixed(1)} ms)${what}`);
      walk(span.spanId, depth + 1);
    }
  };
  walk(undefined, 0);
  return lines.join('\n');
}

const until = async (check: () => boolean, timeoutMs = 15_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!check() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
  return check();
};

/** The JSON lines a process printed. */
const linesOf = (output: string) =>
  output
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, any>);

let receiver: Awaited<ReturnType<typeof otlpReceiver>>;
let federation: TestFederation;
const token = (...args: string[]) => tokenFor(federation.jwtSecret, ...args);
/** The JSON lines one process printed, as `npm start` passed them on. */
const logOf = (service: string) => linesOf(federation.output()).filter((line) => line.service === service);

beforeAll(async () => {
  receiver = await otlpReceiver();
  // Spans leave in batches; a short delay keeps the test quick.
  federation = await startTestFederation({ env: { FUHUA_DEMO: '0', FUHUA_LOG_FORMAT: 'json', OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, OTEL_BSP_SCHEDULE_DELAY: '100' } });
}, 300_000);

afterAll(async () => {
  await federation?.stop();
  await receiver?.stop();
});

async function scorecard(authorization: string, year = 2017) {
  const response = await fetch(federation.gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${authorization}` },
    body: JSON.stringify({ query: contract('ProvinceScorecard'), variables: { year }, operationName: 'ProvinceScorecard' }),
  });
  return { requestId: response.headers.get('x-request-id')!, body: (await response.json()) as { data?: any; errors?: { extensions: { code: string } }[] } };
}

describe('logs', () => {
  it('finds one request in all five logs by the id its caller received, with one line per operation', async () => {
    const county = await token('--role', 'county', '--region', '220102');
    const { requestId, body } = await scorecard(county);
    expect(body.errors).toBeUndefined();
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    const lines = (name: string) => logOf(name).filter((l) => l.requestId === requestId);
    expect(await until(() => ['gateway', ...SUBGRAPHS].every((name) => lines(name).some((l) => l.msg === 'graphql operation')))).toBe(true);

    const [operation] = lines('gateway').filter((l) => l.msg === 'graphql operation');
    expect(operation).toMatchObject({ level: 'info', service: 'gateway', operation: 'ProvinceScorecard', role: 'county_operator', region: '220102' });
    expect(operation.durationMs).toBeGreaterThan(0);
    expect(Object.keys(operation.fetches).sort()).toEqual([...SUBGRAPHS].sort());
    for (const name of SUBGRAPHS) {
      const fetched = lines(name).filter((l) => l.msg === 'graphql operation');
      expect(fetched.length).toBe(operation.fetches[name]);
      // Each subgraph's line says who asked (the gateway passed the caller on) and what SQL it cost.
      expect(fetched[0]).toMatchObject({ service: name, role: 'county_operator', region: '220102' });
      expect(fetched.some((l) => Object.values(l.sql ?? {}).length > 0)).toBe(true);
    }
    // The caller's token never reaches a log; nor do ANSI colour codes.
    expect(federation.output()).not.toContain(county);
    expect(federation.output()).not.toMatch(/\u001b\[/);
  });

  it('logs a refused request with its error codes under its request id', async () => {
    const { requestId, body } = await scorecard(await token('--role', 'analyst'), 1900);
    const code = body.errors?.[0].extensions.code;
    expect(code).toBe('NOT_FOUND');
    const line = () => logOf('gateway').find((l) => l.requestId === requestId && l.msg === 'graphql operation');
    expect(await until(() => line() !== undefined)).toBe(true);
    expect(line()).toMatchObject({ operation: 'ProvinceScorecard', role: 'analyst', errors: [code] });
  });
});

describe('traces', () => {
  it('makes one scorecard request one trace, from the gateway through the four subgraphs down to their SQL', async () => {
    const { requestId, body } = await scorecard(await token('--role', 'admin'));
    expect(body.errors).toBeUndefined();
    // The gateway's root span starts the trace; everyone's spans join it.
    const traceOf = () => {
      const last = [...receiver.spans].reverse().find((s) => s.service === 'gateway' && s.name === 'gateway.request');
      return last ? receiver.spans.filter((s) => s.traceId === last.traceId) : [];
    };
    const complete = () => SUBGRAPHS.every((name) => traceOf().some((s) => s.service === name && attribute(s, 'db.system.name') === 'postgresql'));
    expect(await until(complete)).toBe(true);

    const trace = traceOf();
    const services = new Set(trace.map((s) => s.service));
    expect([...services].sort()).toEqual(['gateway', ...SUBGRAPHS].sort());
    expect(trace.filter((s) => s.name === 'gateway.fetch')).toHaveLength(5);
    for (const name of SUBGRAPHS) {
      const own = trace.filter((s) => s.service === name);
      // A subgraph's server span hangs under one of the gateway's fetch spans, and its SQL under it.
      const server = own.find((s) => s.kind === 2);
      expect(trace.find((s) => s.spanId === server?.parentSpanId)?.name).toBe('gateway.fetch');
      expect(own.some((s) => attribute(s, 'db.system.name') === 'postgresql')).toBe(true);
    }
    // Every span reaches the gateway's root: one tree, no orphans.
    const byId = new Map(trace.map((s) => [s.spanId, s]));
    const rootOf = (span: Span): Span => (span.parentSpanId && byId.get(span.parentSpanId) ? rootOf(byId.get(span.parentSpanId)!) : span);
    expect(new Set(trace.map((s) => rootOf(s).spanId)).size).toBe(1);

    const tree = spanTree(trace);
    // An example for the operators' notes (in dist/, not committed).
    writeFileSync(join(__dirname, '..', 'dist', 'example-trace.txt'), `request ${requestId}\n${tree}\n`);
    expect(tree.split('\n')[0]).toMatch(/^gateway: /);
  });
});

describe('metrics', () => {
  const scrape = async (name: string) => (await fetch(federation.metricsUrls[name])).text();
  const sample = (text: string, metric: string, labels: string) =>
    Number(new RegExp(`^${metric}\\{${labels.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\} (\\S+)$`, 'm').exec(text)?.[1] ?? NaN);

  it('answers how long operations, subgraph fetches and SQL took, and which errors callers got', async () => {
    const admin = await token('--role', 'admin');
    const before = await scrape('gateway');
    for (let i = 0; i < 3; i++) await scorecard(admin);
    await scorecard(admin, 1900);
    const gateway = await scrape('gateway');
    const count = (text: string, metric: string, labels: string) => sample(text, metric, labels) - (sample(before, metric, labels) || 0);
    expect(count(gateway, 'fuhua_graphql_operation_duration_seconds_count', 'operation="ProvinceScorecard"')).toBe(4);
    expect(sample(gateway, 'fuhua_graphql_operation_duration_seconds_bucket', 'le="+Inf",operation="ProvinceScorecard"')).toBeGreaterThanOrEqual(4);
    for (const name of SUBGRAPHS) expect(count(gateway, 'fuhua_subgraph_fetch_duration_seconds_count', `subgraph="${name}"`)).toBeGreaterThanOrEqual(3);
    expect(count(gateway, 'fuhua_graphql_errors_total', 'code="NOT_FOUND"')).toBe(1);
    for (const name of SUBGRAPHS) {
      const text = await scrape(name);
      expect(sample(text, 'fuhua_sql_duration_seconds_count', 'statement="select"')).toBeGreaterThan(0);
      expect(text).toMatch(/^fuhua_graphql_operation_duration_seconds_count\{operation="ProvinceScorecard__\w+__\d+"\} \d+$/m);
    }
    // Not on the public port.
    expect((await fetch(federation.gatewayUrl.replace(/graphql$/, 'metrics'))).status).toBe(404);
  });
});
