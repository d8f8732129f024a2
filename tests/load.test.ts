// Load at the gateway: each caller gets its share (429 with Retry-After beyond it), work beyond the
// in-flight bound is answered 503 at once, the public's cost limit is lower than a signed-in caller's,
// and a caller who goes away takes the gateway's subgraph fetches with it. Gateways with tight limits
// run in this process against the test federation's subgraphs.
import { createServer, type IncomingMessage } from 'http';
import { gatewayConfig } from '../subgraphs/kit/config';
import { startGateway } from '../gateway/main';
import { SUBGRAPHS, envStem } from '../subgraphs/kit/topology';
import { freePort } from '../scripts/ports';
import { subgraphUrls } from './support/client';
import { token } from './support/tokens';

const baseEnv = async (extra: Record<string, string> = {}) => ({
  FUHUA_JWT_SECRET: process.env.FUHUA_TEST_JWT_SECRET,
  FUHUA_GATEWAY_SECRET: process.env.FUHUA_TEST_GATEWAY_SECRET,
  PORT: String(await freePort()),
  // These gateways meet stand-in subgraphs and count work per request: no response cache (global-setup).
  FUHUA_RESPONSE_CACHE: process.env.FUHUA_RESPONSE_CACHE,
  // In-process gateways: their per-operation lines would land in the test report; warnings still show.
  FUHUA_LOG_LEVEL: 'warn',
  ...Object.fromEntries(SUBGRAPHS.map((name) => [`FUHUA_${envStem(name)}_URL`, subgraphUrls()[name]])),
  ...extra,
});

const ask = (url: string, query: string, bearer?: string) =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
    body: JSON.stringify({ query }),
  });

const COUNTY = '{ county(code: "220102") { name stations { name } } }';

it('answers a caller beyond its rate with 429 and Retry-After, each caller counted apart', async () => {
  const shell = await startGateway(gatewayConfig(await baseEnv({ FUHUA_RATE_LIMIT_PUBLIC: '5', FUHUA_RATE_LIMIT_SIGNED_IN: '8', FUHUA_RATE_WINDOW_S: '60' })));
  try {
    const anonymous = [];
    for (let i = 0; i < 7; i++) anonymous.push(await ask(shell.url, COUNTY));
    expect(anonymous.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 429, 429]);
    const refused = anonymous[5];
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await refused.json()) as any).errors[0].extensions.code).toBe('RATE_LIMITED');
    // A signed-in caller from the same address has its own, larger share.
    const analyst = await token('--role', 'analyst');
    const signedIn = [];
    for (let i = 0; i < 9; i++) signedIn.push((await ask(shell.url, COUNTY, analyst)).status);
    expect(signedIn).toEqual([...Array(8).fill(200), 429]);
  } finally {
    await shell.stop();
  }
});

it('answers beyond the in-flight bound with 503 and Retry-After at once, and serves the rest', async () => {
  const shell = await startGateway(gatewayConfig(await baseEnv({ FUHUA_MAX_IN_FLIGHT: '2' })));
  try {
    const responses = await Promise.all(Array.from({ length: 30 }, () => ask(shell.url, COUNTY)));
    const statuses = responses.map((r) => r.status);
    const overloaded = responses.filter((r) => r.status === 503);
    console.log(`in-flight bound 2, 30 at once: ${statuses.filter((s) => s === 200).length} × 200, ${overloaded.length} × 503`);
    expect(statuses.every((s) => s === 200 || s === 503)).toBe(true);
    expect(overloaded.length).toBeGreaterThan(0);
    expect(overloaded[0].headers.get('retry-after')).toBe('1');
    expect(((await overloaded[0].json()) as any).errors[0].extensions.code).toBe('OVERLOADED');
    // The bound frees as requests finish: one at a time is always served.
    expect((await ask(shell.url, COUNTY)).status).toBe(200);
  } finally {
    await shell.stop();
  }
});

it('holds the public to lower limits than signed-in callers: graphql-armor\'s cost and the rows estimate', async () => {
  const shell = await startGateway(gatewayConfig(await baseEnv({ FUHUA_MAX_COST_PUBLIC: '20', FUHUA_MAX_COST: '5000' })));
  try {
    const heavy = `{ counties { code name prefecture { name } incubationCenter { name establishedOn } stations { name town { name } } } }`;
    const anonymous = (await (await ask(shell.url, heavy)).json()) as any;
    expect(anonymous.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(anonymous.errors[0].message).toMatch(/costs \d+ \(limit 20\) for anonymous callers/);
    const signedIn = (await (await ask(shell.url, heavy, await token('--role', 'analyst'))).json()) as any;
    expect(signedIn.errors).toBeUndefined();
    expect(signedIn.data.counties.length).toBeGreaterThan(50);
  } finally {
    await shell.stop();
  }
  // Nested lists multiply: six aliases of counties → incubations → services are refused to the public
  // by their estimated rows, though graphql-armor's cost for them is small.
  const six = `{ ${[1, 2, 3, 4, 5, 6].map((i) => `a${i}: counties { incubationCenter { incubations { evaluations { period score } services { kind deliveredOn } } } }`).join(' ')} }`;
  const defaults = await startGateway(gatewayConfig(await baseEnv()));
  try {
    const refused = (await (await ask(defaults.url, six)).json()) as any;
    expect(refused.errors[0]).toMatchObject({ extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
    expect(refused.errors[0].message).toMatch(/may read about \d+ rows \(limit 20000\) for anonymous callers/);
  } finally {
    await defaults.stop();
  }
});

it('cancels its subgraph fetch when the caller goes away', async () => {
  // A stand-in province subgraph that never answers, and notes when the gateway hangs up on it.
  let received!: () => void;
  let hungUp!: () => void;
  const arrived = new Promise<void>((resolve) => (received = resolve));
  const cancelled = new Promise<void>((resolve) => (hungUp = resolve));
  const stub = createServer((req: IncomingMessage) => {
    received();
    req.socket.once('close', () => hungUp());
  });
  await new Promise<void>((resolve) => stub.listen(0, '127.0.0.1', resolve));
  const port = (stub.address() as { port: number }).port;
  const shell = await startGateway(gatewayConfig(await baseEnv({ FUHUA_PROVINCE_URL: `http://127.0.0.1:${port}/graphql`, FUHUA_SUBGRAPH_TIMEOUT_MS: '600000' })));
  try {
    const caller = new AbortController();
    const pending = fetch(shell.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: COUNTY }), signal: caller.signal }).catch(() => undefined);
    await arrived;
    caller.abort();
    await pending;
    // The gateway's fetch to the subgraph closes although the subgraph never answered (its timeout is ten minutes).
    await cancelled;
  } finally {
    await shell.stop();
    stub.closeAllConnections();
    await new Promise((resolve) => stub.close(resolve));
  }
});

it('passes a subgraph\'s refusal of a variable on as BAD_USER_INPUT with its reason, not "400: Bad Request"', async () => {
  // A stand-in province subgraph that refuses every request as Apollo Server does a variable it cannot coerce.
  const reason = 'Variable "$code" got invalid value "x"; not a county code.';
  const stub = createServer((_req, res) => {
    res.writeHead(400, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ errors: [{ message: reason, extensions: { code: 'BAD_USER_INPUT', stacktrace: ['at /srv/x.js:1:1'] } }] }));
  });
  await new Promise<void>((resolve) => stub.listen(0, '127.0.0.1', resolve));
  const port = (stub.address() as { port: number }).port;
  const shell = await startGateway(gatewayConfig(await baseEnv({ FUHUA_PROVINCE_URL: `http://127.0.0.1:${port}/graphql` })));
  try {
    const response = (await (await ask(shell.url, '{ county(code: "220102") { name } }')).json()) as any;
    expect(response.errors).toHaveLength(1);
    expect(response.errors[0]).toMatchObject({ message: reason, extensions: { code: 'BAD_USER_INPUT' } });
    expect(JSON.stringify(response)).not.toMatch(/stacktrace|\/srv\/|Bad Request/);
  } finally {
    await shell.stop();
    await new Promise((resolve) => stub.close(resolve));
  }
});
