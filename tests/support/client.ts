// What the tests talk to: the gateway over HTTP, and each process's /metrics counters.
import { readCounter } from '../../subgraphs/kit/metrics';
import { adminToken } from './tokens';

export interface GraphQLResponse<T = any> {
  data?: T;
  errors?: { message: string; extensions?: { code?: string } }[];
}

export const gatewayUrl = () => process.env.FUHUA_TEST_GATEWAY!;
export const subgraphUrls = (): Record<string, string> => JSON.parse(process.env.FUHUA_TEST_SUBGRAPHS!);
export const databaseUrls = (): Record<string, string> => JSON.parse(process.env.FUHUA_TEST_DATABASES!);
/** Where each process of the test federation serves /metrics, by name (gateway and subgraphs). */
export const metricsUrls = (): Record<string, string> => JSON.parse(process.env.FUHUA_TEST_METRICS!);
/** One process's metrics text. */
export const scrape = async (name: string) => (await fetch(metricsUrls()[name])).text();

export interface RequestOptions {
  url?: string;
  headers?: Record<string, string>;
  operationName?: string;
  /** The caller's token (or a promise of it); null is anonymous; unset is the province administrator. */
  token?: string | null | Promise<string | null>;
}

export async function request<T = any>(
  query: string,
  variables: Record<string, unknown> = {},
  options: RequestOptions = {},
): Promise<GraphQLResponse<T>> {
  // Tests act as the province administrator unless they say who they are (token: null is anonymous).
  const bearer = await (options.token === undefined ? adminToken() : options.token);
  const response = await fetch(options.url ?? gatewayUrl(), {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(bearer ? { authorization: `Bearer ${bearer}` } : {}), ...options.headers },
    body: JSON.stringify({ query, variables, operationName: options.operationName }),
  });
  return (await response.json()) as GraphQLResponse<T>;
}

/** Runs a query that must succeed and returns its data. */
export async function data<T = any>(query: string, variables: Record<string, unknown> = {}, options: RequestOptions = {}): Promise<T> {
  const response = await request<T>(query, variables, options);
  if (response.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(response.errors)}`);
  return response.data as T;
}

export interface Counts {
  sqlStatements: number;
  subgraphFetches: number;
  perSubgraph: Record<string, { sql: number; fetches: number }>;
}

async function snapshot(): Promise<Counts> {
  const perSubgraph: Counts['perSubgraph'] = {};
  for (const name of Object.keys(subgraphUrls())) {
    const text = await scrape(name);
    perSubgraph[name] = { sql: readCounter(text, 'fuhua_sql_statements_total'), fetches: readCounter(text, 'fuhua_graphql_requests_total') };
  }
  const gatewayText = await scrape('gateway');
  return {
    sqlStatements: Object.values(perSubgraph).reduce((sum, s) => sum + s.sql, 0),
    subgraphFetches: readCounter(gatewayText, 'fuhua_subgraph_fetches_total'),
    perSubgraph,
  };
}

/** SQL statements and subgraph fetches that `work` caused, read from the processes' own counters. */
export async function counted<T>(work: () => Promise<T>): Promise<{ result: T; counts: Counts }> {
  const before = await snapshot();
  const result = await work();
  const after = await snapshot();
  const perSubgraph: Counts['perSubgraph'] = {};
  for (const name of Object.keys(after.perSubgraph)) {
    perSubgraph[name] = {
      sql: after.perSubgraph[name].sql - before.perSubgraph[name].sql,
      fetches: after.perSubgraph[name].fetches - before.perSubgraph[name].fetches,
    };
  }
  return {
    result,
    counts: {
      sqlStatements: after.sqlStatements - before.sqlStatements,
      subgraphFetches: after.subgraphFetches - before.subgraphFetches,
      perSubgraph,
    },
  };
}
