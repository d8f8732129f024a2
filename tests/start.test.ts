// `npm start` as a newcomer runs it: a second start keeps the data it finds, and SIGTERM (Ctrl-C)
// stops every process and PostgreSQL, leaving no port open.
import { rmSync, mkdtempSync } from 'fs';
import { createConnection } from 'net';
import { tmpdir } from 'os';
import { join } from 'path';
import { request } from './support/client';
import { startTestFederation } from './support/start';
import { tokenFor } from './support/tokens';

const listening = (url: string) =>
  new Promise<boolean>((resolve) => {
    const { hostname, port } = new URL(url);
    const socket = createConnection({ host: hostname, port: Number(port) });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });

async function query(url: string, query: string) {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
  return ((await response.json()) as { data: any }).data;
}

describe('npm start', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'fuhua-restart-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('keeps its data on a second start and stops cleanly on SIGTERM', async () => {
    const count = `{ counties(codes: ["220102"]) { incubationCenter { name } } province(code: "220000") { prefectures { code } } }`;
    const first = await startTestFederation({ dataDir, keepData: true, env: { FUHUA_DEMO: '0' } });
    expect(first.output()).toMatch(/"service":"province"[^\n]*"msg":"seeded: 1 provinces, 9 prefectures, 69 county-level units/);
    const opened = await request(
      `mutation { openIncubationCenter(input: { countyCode: "220102", name: "南关区社会组织孵化中心", establishedOn: "2015-03-01", constructionMode: PUBLIC_PREMISES, operationMode: PURCHASED_SERVICE, operator: "南关区民政局" }) { id } }`,
      {},
      { url: first.gatewayUrl, token: tokenFor(first.jwtSecret, '--role', 'county', '--region', '220102') },
    );
    expect(opened.data.openIncubationCenter.id).toBeTruthy();
    const urls = [first.gatewayUrl, ...Object.values(first.subgraphUrls), first.databaseUrls.province.replace('postgres://postgres:fuhua@', 'http://')];
    await first.stop();
    for (const url of urls) expect([url, await listening(url)]).toEqual([url, false]);

    // The same secrets as the first start, as `npm start` keeps them beside its data folder.
    const second = await startTestFederation({ dataDir, keepData: true, env: { FUHUA_DEMO: '0', FUHUA_JWT_SECRET: first.jwtSecret, FUHUA_GATEWAY_SECRET: first.gatewaySecret } });
    try {
      expect(second.output()).not.toMatch(/"service":"province"[^\n]*"msg":"seeded/);
      const data = await query(second.gatewayUrl, count);
      expect(data.counties[0].incubationCenter).toEqual({ name: '南关区社会组织孵化中心' });
      expect(data.province.prefectures).toHaveLength(9);
    } finally {
      await second.stop();
    }
  });
});
