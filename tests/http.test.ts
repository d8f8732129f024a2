// The gateway over HTTP as the GraphQL-over-HTTP spec has it (graphql-http's own audit), answers in JSON
// whatever the body, and the processes' operator endpoints and secrets kept to operators.
import { serverAudits } from 'graphql-http';
import { readFileSync } from 'fs';
import { networkInterfaces } from 'os';
import { gzipSync } from 'zlib';
import { gatewayConfig } from '../subgraphs/kit/config';
import { startGateway } from '../gateway/main';
import { freePort } from '../scripts/ports';
import { gatewayUrl, metricsUrls, subgraphUrls } from './support/client';

const post = (body: string, headers: Record<string, string> = {}) =>
  fetch(gatewayUrl(), { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

/** This machine's first address that is not loopback (none in some sandboxes). */
const outsideAddress = () =>
  Object.values(networkInterfaces())
    .flat()
    .find((i) => i && i.family === 'IPv4' && !i.internal)?.address;

describe('GraphQL over HTTP', () => {
  it('passes graphql-http\'s server audit with no errors and no warnings', async () => {
    const results = await Promise.all(serverAudits({ url: gatewayUrl() }).map((audit) => audit.fn()));
    const tally = { ok: 0, notice: 0, warn: 0, error: 0 };
    for (const result of results) tally[result.status]++;
    const failed = results.filter((r) => r.status === 'warn' || r.status === 'error').map((r) => `${r.status} ${r.name}: ${'reason' in r ? r.reason : ''}`);
    console.log(`graphql-http audit: ${JSON.stringify(tally)}`);
    expect(failed).toEqual([]);
    expect(tally.ok).toBeGreaterThan(50);
  });

  it.each([
    ['a syntax error', { query: '{ county(' }, 'GRAPHQL_PARSE_FAILED'],
    ['an unknown operation name', { query: 'query A { __typename }', operationName: 'B' }, 'OPERATION_RESOLUTION_FAILURE'],
    ['a subscription', { query: 'subscription { x }' }, 'BAD_REQUEST'],
    ['an over-long query', { query: `{ ${Array.from({ length: 5000 }, (_, i) => `a${i}: __typename`).join(' ')} }` }, 'GRAPHQL_PARSE_FAILED'],
  ])('answers %s with 400 for graphql-response+json and 200 for json, never 500', async (_name, body, code) => {
    // A malformed request (BAD_REQUEST) is 400 either way; a GraphQL failure is 200 for legacy application/json.
    for (const [accept, status] of [['application/graphql-response+json', 400], ['application/json', code === 'BAD_REQUEST' ? 400 : 200]] as const) {
      const response = await post(JSON.stringify(body), { accept });
      expect(response.status).toBe(status);
      expect(((await response.json()) as any).errors[0].extensions.code).toBe(code);
    }
  });

  it.each([
    ['malformed JSON', '{"query":', {}, 400],
    ['a latin1 body', JSON.stringify({ query: '{ __typename }' }), { 'content-type': 'application/json; charset=latin1' }, 415],
    ['a fake gzip body', 'not gzip at all', { 'content-encoding': 'gzip' }, 400],
  ])('answers %s with a JSON GraphQL error, not an HTML page', async (_name, body, headers, status) => {
    const response = await post(body, headers as Record<string, string>);
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toMatch(/application\/json/);
    const text = await response.text();
    expect(text).not.toMatch(/<html|node_modules|at \w+ \(/i);
    expect(JSON.parse(text).errors[0].extensions.code).toBe('BAD_REQUEST');
  });

  it('reads a real gzip body', async () => {
    const response = await post(gzipSync(JSON.stringify({ query: '{ county(code: "220102") { name } }' })) as unknown as string, { 'content-encoding': 'gzip' });
    expect(((await response.json()) as any).data.county.name).toBe('南关区');
  });

  it('keeps Apollo\'s CSRF prevention: a simple request without a preflight header is refused', async () => {
    const response = await fetch(`${gatewayUrl()}?query=${encodeURIComponent('{ __typename }')}`);
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/CSRF|preflight/i);
  });
});

describe('operator endpoints and secrets', () => {
  it('keeps FUHUA_JWT_SECRET out of the subgraphs\' environment (only the gateway verifies callers)', async () => {
    for (const url of Object.values(subgraphUrls())) {
      const { pid } = (await (await fetch(url.replace(/graphql$/, 'health'))).json()) as { pid: number };
      const environment = readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0');
      expect(environment.some((line) => line.startsWith('FUHUA_GATEWAY_SECRET='))).toBe(true);
      expect(environment.some((line) => line.startsWith('FUHUA_JWT_SECRET='))).toBe(false);
    }
  });

  it('serves /metrics on each process\'s operator address, never on its public port', async () => {
    for (const [name, url] of Object.entries({ gateway: gatewayUrl(), ...subgraphUrls() })) {
      expect((await fetch(url.replace(/graphql$/, 'metrics'))).status).toBe(404);
      const metrics = await fetch(metricsUrls()[name]);
      expect(metrics.status).toBe(200);
      expect(await metrics.text()).toMatch(/^# TYPE fuhua_graphql_operation_duration_seconds histogram$/m);
    }
  });

  const address = outsideAddress();
  (address ? it : it.skip)('listens on loopback only by default, and keeps /metrics and the pid from callers elsewhere', async () => {
    // A subgraph of the test federation (default FUHUA_HOST) cannot be reached from outside the machine.
    const port = new URL(subgraphUrls().province).port;
    await expect(fetch(`http://${address}:${port}/health`)).rejects.toThrow();

    // A gateway told to listen everywhere answers /health from outside, but not its pid; its metrics
    // stay on their own address (loopback by default), out of reach from elsewhere.
    const metricsPort = await freePort();
    const env = { FUHUA_JWT_SECRET: process.env.FUHUA_TEST_JWT_SECRET, FUHUA_GATEWAY_SECRET: process.env.FUHUA_TEST_GATEWAY_SECRET, PORT: String(await freePort()) };
    const operatorToken = 'o'.repeat(40);
    const shell = await startGateway(gatewayConfig({ ...env, FUHUA_HOST: '0.0.0.0', FUHUA_OPERATOR_TOKEN: operatorToken, FUHUA_METRICS_PORT: String(metricsPort) }));
    try {
      const outside = `http://${address}:${shell.port}`;
      expect(await (await fetch(`${outside}/health`)).json()).toEqual({ name: 'gateway', ok: true });
      expect((await fetch(`${outside}/metrics`, { headers: { authorization: `Bearer ${operatorToken}` } })).status).toBe(404);
      await expect(fetch(`http://${address}:${metricsPort}/metrics`)).rejects.toThrow();
      expect(shell.metricsUrl).toBe(`http://127.0.0.1:${metricsPort}/metrics`);
      expect((await fetch(shell.metricsUrl!)).status).toBe(200);
      // An operator elsewhere holds the token for the pid; a caller on this machine needs none.
      expect(((await (await fetch(`${outside}/health`, { headers: { authorization: `Bearer ${operatorToken}` } })).json()) as any).pid).toBe(process.pid);
      expect(((await (await fetch(`http://127.0.0.1:${shell.port}/health`)).json()) as any).pid).toBe(process.pid);
    } finally {
      await shell.stop();
    }
  });
});
