// 公示栏, the dashboard's notice board, in real Chromium and without a token: it shows the notices the API
// returns for the region and day, and the published catalogue, and never a founder's name.
import { contract } from '../support/contract';
import { data, gatewayUrl } from '../support/client';
import { withDatabase } from '../support/database';
import { throughNotice } from '../support/lifecycle';
import { token } from '../support/tokens';
import { axeViolations, baseUrl, launch, screenshot, type Browser } from './browser';

const COUNTY = '220282'; // 桦甸市: a center in the demo
const AS_OF = '2025-08-18';
const FOUNDER = '钱公示栏测试人';

let browser: Browser;
let base: string;
let noticeId: string;
let itemTitle: string;

beforeAll(async () => {
  browser = await launch();
  base = baseUrl(gatewayUrl());
  const { county } = await data(`query($code: ID!) { county(code: $code) { incubationCenter { id } } }`, { code: COUNTY });
  noticeId = (await throughNotice(county.incubationCenter.id, { organizationName: '公示栏浏览器测试社', founderName: FOUNDER }, '2025-08-01')).id;
  itemTitle = `桦甸市社会组织孵化中心入驻结果公示 ${Date.now() % 100000}`;
  await data(
    contract('PublishItem'),
    { input: { hostId: county.incubationCenter.id, kind: 'RESULT', title: itemTitle, body: '本期入驻名单见附件。', publishedOn: '2025-08-25' } },
    { token: token('--role', 'county', '--region', COUNTY) },
  );
});
afterAll(() => browser?.close());

afterEach(() => {
  const errors = browser.errors.splice(0);
  expect(errors).toEqual([]);
});

describe('公示栏 the notice board', () => {
  it("shows anyone the notices the API returns for the region and day, the catalogue, and no founder's name", async () => {
    const api = (await data(contract('PublicNotices'), { scope: COUNTY, asOf: AS_OF, first: 500 }, { token: null })).publicNotices;
    expect(api.nodes.map((n: { id: string }) => n.id)).toContain(noticeId);

    const page = await browser.open(`${base}/?view=notices&scope=${COUNTY}&asOf=${AS_OF}`);
    const row = page.locator(`[data-testid="notice"][data-id="${noticeId}"]`);
    await row.waitFor();
    await expect(row.innerText()).resolves.toContain('公示栏浏览器测试社');
    await expect(row.innerText()).resolves.toContain('2025-08-16');
    await expect(row.innerText()).resolves.toContain('桦甸市');
    const shown = await page.locator('[data-testid="notice"]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-id')));
    expect(shown.sort()).toEqual(api.nodes.map((n: { id: string }) => n.id).sort());
    await expect(page.getByTestId('publicNotices-total').innerText()).resolves.toContain(String(api.totalCount));

    const item = page.locator('[data-testid="item"]', { hasText: itemTitle });
    await item.waitFor();
    await expect(item.innerText()).resolves.toContain('结果公示');

    // No founder of any notice on the page, nor any founder of the county, anywhere in the page.
    const founders = await withDatabase('organizations', async (db) =>
      (await db.query(`select distinct o.founder_name from application a join organization o on o.id = a.organization_id where a.county_code = $1`, [COUNTY])).rows.map(
        (r: { founder_name: string }) => r.founder_name,
      ),
    );
    expect(founders).toContain(FOUNDER);
    const text = await page.locator('body').innerText();
    expect(founders.filter((name) => text.includes(name))).toEqual([]);

    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'notices');

    // Another day: the notice is over, and the board follows the API.
    await page.getByTestId('asOf').fill('2025-08-23');
    await page.waitForURL(/asOf=2025-08-23/);
    await page.getByTestId('publicNotices-total').waitFor();
    const later = (await data(contract('PublicNotices'), { scope: COUNTY, asOf: '2025-08-23', first: 500 }, { token: null })).publicNotices;
    await page.waitForFunction(
      (n) => (globalThis as any).document.querySelectorAll('[data-testid="notice"]').length === n,
      later.nodes.length,
    );
    await expect(page.locator(`[data-testid="notice"][data-id="${noticeId}"]`).count()).resolves.toBe(0);
  });
});
