// Counters every process exposes on GET /metrics (Prometheus text format, via prom-client). Tests and
// benchmarks read them before and after a request to count SQL statements and subgraph fetches.
import { Counter, Registry, collectDefaultMetrics } from 'prom-client';

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
