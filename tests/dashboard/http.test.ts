// What the gateway serves around /graphql: the two pages from dist/dashboard (same-origin assets only),
// compressed responses, CORS only for the origins FUHUA_CORS_ORIGINS lists, and Apollo's CSRF
// prevention as it was.
import { readFileSync } from 'fs';
import { join } from 'path';
import { startGateway } from '../../gateway/main';
import { ConfigError, gatewayConfig } from '../../subgraphs/kit/config';
import { freePort } from '../../scripts/ports';
import { gatewayUrl, subgraphUrls } from '../support/client';

const base = () => gatewayUrl().replace(/\/graphql$/, '');
const SCORECARD = `query($year: Int!) { province(code: "220000") { milestone(year: $year) { progress { counties { county { code name } checks { rule actual } } } } } }`;

describe('the pages', () => {
  it('serves the dashboard at / and the workbench at /graphiql, with same-origin assets and a strict CSP', async () => {
    for (const path of ['/', '/graphiql']) {
      const response = await fetch(base() + path);
      expect([path, response.status]).toEqual([path, 200]);
      expect(response.headers.get('content-type')).toMatch(/text\/html/);
      expect(response.headers.get('content-security-policy')).toMatch(/default-src 'self'.*connect-src 'self'/);
      const html = await response.text();
      const urls = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
      expect(urls.filter((url) => !url.startsWith('/assets/') && !url.startsWith('data:'))).toEqual([]);
      for (const url of urls.filter((u) => u.startsWith('/assets/'))) expect([url, (await fetch(base() + url)).status]).toEqual([url, 200]);
    }
  });

  it('sends a browser that opens /graphql to the workbench, and executes nothing for it', async () => {
    const response = await fetch(`${gatewayUrl()}`, { headers: { accept: 'text/html' }, redirect: 'manual' });
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/graphiql');
  });
});

describe('around /graphql', () => {
  it('compresses answers for clients that accept it', async () => {
    const response = await fetch(gatewayUrl(), {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'accept-encoding': 'gzip' },
      body: JSON.stringify({ query: SCORECARD, variables: { year: 2020 } }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-encoding')).toBe('gzip');
    expect(((await response.json()) as any).data.province.milestone.progress.counties).toHaveLength(60);
  });

  it('keeps CSRF prevention: a simple cross-site request is refused before anything runs', async () => {
    const get = await fetch(`${gatewayUrl()}?query=${encodeURIComponent('{ __typename }')}`);
    expect(get.status).toBe(400);
    expect(await get.text()).toMatch(/CSRF/);
    const form = await fetch(gatewayUrl(), { method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ query: '{ __typename }' }) });
    expect(form.status).toBe(400);
  });

  it('answers a preflight from an origin not listed without CORS headers (none are listed by default)', async () => {
    const preflight = await fetch(gatewayUrl(), {
      method: 'OPTIONS',
      headers: { origin: 'https://elsewhere.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,authorization' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('allows the origins FUHUA_CORS_ORIGINS lists, and refuses a value that is not a list of origins', async () => {
    expect(() => gatewayConfig({ FUHUA_JWT_SECRET: 'x'.repeat(32), FUHUA_GATEWAY_SECRET: 'x'.repeat(32), FUHUA_CORS_ORIGINS: 'dash.example.gov.cn' })).toThrow(ConfigError);
    expect(() => gatewayConfig({ FUHUA_JWT_SECRET: 'x'.repeat(32), FUHUA_GATEWAY_SECRET: 'x'.repeat(32), FUHUA_CORS_ORIGINS: 'dash.example.gov.cn' })).toThrow(/FUHUA_CORS_ORIGINS/);
    const urls = subgraphUrls();
    const gateway = await startGateway(
      gatewayConfig({
        PORT: String(await freePort()),
        FUHUA_JWT_SECRET: process.env.FUHUA_TEST_JWT_SECRET,
        FUHUA_GATEWAY_SECRET: process.env.FUHUA_TEST_GATEWAY_SECRET,
        FUHUA_CORS_ORIGINS: 'https://dash.example.gov.cn, http://localhost:5173',
        FUHUA_PROVINCE_URL: urls.province,
        FUHUA_CENTERS_URL: urls.centers,
        FUHUA_STATIONS_URL: urls.stations,
        FUHUA_ORGANIZATIONS_URL: urls.organizations,
      }),
    );
    try {
      const preflight = await fetch(gateway.url, {
        method: 'OPTIONS',
        headers: { origin: 'https://dash.example.gov.cn', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,authorization' },
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get('access-control-allow-origin')).toBe('https://dash.example.gov.cn');
      expect(preflight.headers.get('access-control-allow-headers')).toMatch(/authorization/);
      const post = await fetch(gateway.url, {
        method: 'POST',
        headers: { origin: 'http://localhost:5173', 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ province(code: "220000") { name } }' }),
      });
      expect(post.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
      expect(((await post.json()) as any).data.province.name).toBe('吉林省');
      const other = await fetch(gateway.url, { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } });
      expect(other.headers.get('access-control-allow-origin')).toBeNull();
    } finally {
      await gateway.stop();
    }
  });
});

describe('the build', () => {
  it('keeps GraphiQL out of the dashboard: its entry loads no editor code', () => {
    const html = readFileSync(join(__dirname, '..', '..', 'dist', 'dashboard', 'index.html'), 'utf8');
    const entry = /src="\/assets\/([^"]+\.js)"/.exec(html)![1];
    const code = readFileSync(join(__dirname, '..', '..', 'dist', 'dashboard', 'assets', entry), 'utf8');
    expect(code).not.toMatch(/monaco/i);
    expect(code).not.toMatch(/graphiql-[\w-]{8}\.js/); // nor a GraphiQL chunk
  });
});
