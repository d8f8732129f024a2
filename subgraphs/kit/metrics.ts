// What every process exposes on GET /metrics (Prometheus text format, via prom-client), served on an
// operator address of its own (serveMetrics), never on the public port. Tests and benchmarks read the
// counters before and after a request to count SQL statements and subgraph fetches.
import { createServer } from 'http';
import type { AddressInfo } from 'net';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export const registry = new Registry();
collectDefaultMetrics({ register: registry });

export const sqlStatements = new Counter({
  name: 'fuhua_sql_statements_total',
  help: 'SQL statements this subgraph sent to its database',
  registers: [registry],
});

export const graphqlRequests = new Counter({
  name: 'fuhua_graphql_requests_total',
  help: 'GraphQL requests this process executed (for a subgraph: fetches from the gateway)',
  labelNames: ['operation'],
  registers: [registry],
});

/** Reads one counter's total from a /metrics text. */
export function readCounter(metricsText: string, name: string): number {
  let total = 0;
  for (const line of metricsText.split('\n')) {
    if (line.startsWith(name + ' ') || line.startsWith(name + '{')) total += Number(line.split(' ').pop());
  }
  return total;
}

// Histograms that answer operators' questions: which operation is slow, which subgraph, which SQL.
// Buckets from 5 ms to 10 s: a county page takes tens of milliseconds, the national scorecard seconds.
const SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export const operationDuration = new Histogram({
  name: 'fuhua_graphql_operation_duration_seconds',
  help: 'GraphQL operations from start to response, by operation name (for a subgraph: the gateway\'s fetches)',
  labelNames: ['operation'],
  buckets: SECONDS,
  registers: [registry],
});

export const subgraphFetchDuration = new Histogram({
  name: 'fuhua_subgraph_fetch_duration_seconds',
  help: 'The gateway\'s fetches to each subgraph, from sending to the whole answer',
  labelNames: ['subgraph'],
  buckets: SECONDS,
  registers: [registry],
});

export const sqlDuration = new Histogram({
  name: 'fuhua_sql_duration_seconds',
  help: 'SQL statements this subgraph sent to its database, by kind (select, insert, update, delete, other)',
  labelNames: ['statement'],
  buckets: SECONDS,
  registers: [registry],
});

export const graphqlErrors = new Counter({
  name: 'fuhua_graphql_errors_total',
  help: 'Errors in GraphQL responses, by extensions.code as the caller received it',
  labelNames: ['code'],
  registers: [registry],
});

/** Operation names are the caller's to choose: the first 200 seen are labels, the rest count as "other". */
const MAX_OPERATION_LABELS = 200;
const operationLabels = new Set<string>();
export function operationLabel(name: string | null | undefined): string {
  const label = name || 'anonymous';
  if (operationLabels.has(label)) return label;
  if (operationLabels.size >= MAX_OPERATION_LABELS) return 'other';
  operationLabels.add(label);
  return label;
}

/** The kind of an SQL statement, as a bounded label. */
export const statementKind = (sql: string) => /^\s*(select|insert|update|delete|with|begin|commit|rollback|savepoint|release)\b/i.exec(sql)?.[1].toLowerCase() ?? 'other';

/**
 * Serves /metrics on its own address (FUHUA_METRICS_HOST:FUHUA_METRICS_PORT), apart from the public
 * listener: operators choose who reaches it (loopback by default). Resolves once listening.
 */
export async function serveMetrics(host: string, port: number): Promise<{ url: string; stop(): Promise<void> }> {
  const server = createServer((req, res) => {
    if (req.method !== 'GET' || (req.url ?? '').split('?')[0] !== '/metrics') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Only /metrics is served here.\n');
      return;
    }
    registry.metrics().then(
      (text) => res.writeHead(200, { 'content-type': registry.contentType }).end(text),
      (error: Error) => res.writeHead(500, { 'content-type': 'text/plain' }).end(`metrics failed: ${error.message}\n`),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const actual = (server.address() as AddressInfo).port;
  const shown = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shown}:${actual}/metrics`,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
