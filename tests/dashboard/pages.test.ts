// The dashboard and the workbench in real Chromium against the federation the suite starts: what the
// pages show must be what the API answers, for the same milestone, scope and day.
import ExcelJS from 'exceljs';
import { readFileSync } from 'fs';
import type { Page } from 'playwright-core';
import { exportScorecard } from '../../scripts/export';
import { data, gatewayUrl } from '../support/client';
import { token } from '../support/tokens';
import { axeViolations, baseUrl, launch, screenshot, type Browser } from './browser';

const YEAR = 2017;
const AS_OF = '2017-12-31';
const COUNTY = '220122'; // 农安县: a center, towns and stations in the demo

let browser: Browser;
let base: string;

beforeAll(async () => {
  browser = await launch();
  base = baseUrl(gatewayUrl());
});
afterAll(() => browser?.close());

/** After each test: no console error on any page it opened. */
afterEach(() => {
  const errors = browser.errors.splice(0);
  expect(errors).toEqual([]);
});

const progressOf = async (year: number, asOf: string, scope = '220000') =>
  (
    await data(
      `query($year: Int!, $asOf: Date, $scope: ID!) { province(code: "220000") { milestone(year: $year) { progress(asOf: $asOf, scope: $scope) {
        countiesTotal countiesMet counties { met county { code } checks { rule actual } } } } } }`,
      { year, asOf, scope },
      { token: null },
    )
  ).province.milestone.progress;

async function cards(page: Page) {
  const result: Record<number, { met: number; total: number }> = {};
  for (const year of [2015, 2017, 2020]) {
    const card = page.getByTestId(`card-${year}`);
    await card.getByTestId('met').waitFor();
    result[year] = { met: Number(await card.getByTestId('met').innerText()), total: Number(await card.getByTestId('total').innerText()) };
  }
  return result;
}

async function expectAccessible(page: Page, exclude: string[] = []) {
  expect(await axeViolations(page, exclude)).toEqual([]);
}

describe('全省概览 the overview', () => {
  it("shows each milestone's counties met of the total as the API does, and follows the asOf picker", async () => {
    const page = await browser.open(`${base}/?asOf=2016-06-30`);
    const api = async (asOf: string) =>
      Object.fromEntries(await Promise.all([2015, 2017, 2020].map(async (year) => [year, await progressOf(year, asOf)] as const)));
    const before = await api('2016-06-30');
    expect(await cards(page)).toEqual(Object.fromEntries(Object.entries(before).map(([year, p]) => [year, { met: p.countiesMet, total: p.countiesTotal }])));
    await expect(page.getByTestId('card-2015').innerText()).resolves.toMatch(/力争/);
    await expect(page.getByTestId('card-2017').innerText()).resolves.toMatch(/都要/);
    await expectAccessible(page);
    await screenshot(page, 'overview');

    // Time travel: the picker moves the page to another day, and the URL with it.
    await page.getByTestId('asOf').fill('2018-03-31');
    await page.waitForURL(/asOf=2018-03-31/);
    const after = await api('2018-03-31');
    expect(Object.values(after).map((p) => p.countiesMet)).not.toEqual(Object.values(before).map((p) => p.countiesMet)); // the days differ
    await page.waitForFunction(
      (met) => (globalThis as any).document.querySelector('[data-testid="card-2015"]')?.getAttribute('data-met') === String(met),
      after[2015].countiesMet,
    );
    expect(await cards(page)).toEqual(Object.fromEntries(Object.entries(after).map(([year, p]) => [year, { met: p.countiesMet, total: p.countiesTotal }])));

    // English on a switch, same figures.
    await page.getByRole('button', { name: 'English' }).click();
    await page.waitForURL(/lang=en/);
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('en');
    await expect(page.getByTestId('card-2017').innerText()).resolves.toMatch(/Must/);
    await expectAccessible(page);
    await screenshot(page, 'overview-en');
    await page.close();
  });
});

describe('达标一览 the league table', () => {
  it("has the API's counties and met count, sorts by a column, and exports the API's rows as CSV and XLSX", async () => {
    const page = await browser.open(`${base}/?view=table&year=${YEAR}&asOf=${AS_OF}`);
    const api = await progressOf(YEAR, AS_OF);
    const rows = page.locator('[data-testid="league"] tbody tr[data-county]');
    await rows.first().waitFor();
    const codes = await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-county')));
    expect([...codes].sort()).toEqual(api.counties.map((c: any) => c.county.code).sort());
    expect(await page.getByTestId('league-summary').getAttribute('data-met')).toBe(String(api.countiesMet));
    expect(await page.locator('[data-testid="league"] tbody tr[data-status="met"]').count()).toBe(api.countiesMet);
    await expectAccessible(page);
    await screenshot(page, 'league-table');

    // Sort by a counted check, ascending then descending.
    const rule = api.counties[0].checks.find((c: any) => c.rule !== 'center')?.rule ?? api.counties[0].checks[0].rule;
    const column = () => page.locator(`[data-testid="league"] tbody td[data-rule="${rule}"]`).evaluateAll((tds) => tds.map((td) => Number(td.getAttribute('data-actual'))));
    await page.locator(`button[data-sort="rule:${rule}"]`).click();
    await page.waitForURL(new RegExp(`sort=rule%3A${rule}`));
    const ascending = await column();
    expect(ascending).toEqual([...ascending].sort((a, b) => a - b));
    await page.locator(`button[data-sort="rule:${rule}"]`).click();
    await page.waitForURL(/dir=desc/);
    const descending = await column();
    expect(descending).toEqual([...ascending].sort((a, b) => b - a));
    expect(new Set(descending).size).toBeGreaterThan(1); // the column is not all one figure

    // The downloads hold what `npx fuhua export` writes for the same milestone and day.
    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
    expect(csv.suggestedFilename()).toBe(`fuhua-T${YEAR}-220000-${AS_OF}.csv`);
    const expected = await exportScorecard(['--year', String(YEAR), '--as-of', AS_OF, '--scope', '220000', '--url', gatewayUrl()]);
    const sortedLines = (text: string) => {
      const [header, ...lines] = text.trimEnd().split('\n');
      return [header, ...lines.sort()];
    };
    expect(sortedLines(readFileSync(await csv.path(), 'utf8'))).toEqual(sortedLines(expected));

    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-xlsx').click()]);
    expect(xlsx.suggestedFilename()).toBe(`fuhua-T${YEAR}-220000-${AS_OF}.xlsx`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(await xlsx.path());
    const sheet = workbook.worksheets[0];
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    const json = JSON.parse(await exportScorecard(['--year', String(YEAR), '--as-of', AS_OF, '--scope', '220000', '--url', gatewayUrl(), '--format', 'json'])) as Record<string, unknown>[];
    expect(header).toEqual(Object.keys(json[0]));
    const cells: string[] = [];
    sheet.eachRow((row, n) => n > 1 && cells.push(header.map((_, i) => String(row.getCell(i + 1).value ?? '')).join('|')));
    expect(cells.sort()).toEqual(json.map((r) => header.map((key) => String(r[key as string] ?? '')).join('|')).sort());
    await page.close();
  });
});

describe('市州汇总 the prefectures', () => {
  it("shows the nine prefectures, and a click on one shows that prefecture's counties", async () => {
    const page = await browser.open(`${base}/?view=prefectures&year=${YEAR}&asOf=${AS_OF}`);
    const table = page.getByTestId('prefecture-table');
    await page.getByTestId('prefecture-chart').waitFor();
    await page.getByText('数据表').click();
    expect(await table.locator('tbody tr').count()).toBe(9);
    const first = table.locator('tbody tr').nth(1);
    const code = (await first.getAttribute('data-prefecture'))!;
    await first.getByRole('button').click();
    await page.waitForURL(new RegExp(`pref=${code}`));
    const api = await progressOf(YEAR, AS_OF, code);
    const rows = page.locator('[data-testid="prefecture-counties"] tbody tr[data-county]');
    await rows.first().waitFor();
    const codes = await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-county')));
    expect([...codes].sort()).toEqual(api.counties.map((c: any) => c.county.code).sort());
    await expectAccessible(page);
    await screenshot(page, 'prefectures');
    await page.close();
  });
});

describe('县区地图 the map', () => {
  it('draws the counties from the offline geometry, coloured by status', async () => {
    const page = await browser.open(`${base}/?view=map&year=${YEAR}&asOf=${AS_OF}`);
    await page.locator('[data-testid="county-map"] svg path').nth(59).waitFor();
    expect(await page.getByText('地图上无边界的县区').count()).toBe(0); // every counted county has a boundary
    await expectAccessible(page);
    await screenshot(page, 'map');
    await page.close();
  });
});

describe('县区详情 a county', () => {
  it("shows its center and a trend chart holding the API's yearly points", async () => {
    const page = await browser.open(`${base}/?view=county&county=${COUNTY}&year=${YEAR}&asOf=${AS_OF}`);
    const { county } = await data(
      `query($c: ID!, $asOf: Date) { county(code: $c) { name incubationCenter(asOf: $asOf) { name } incubationYears { year admittedByCenter admittedByStations graduated } } }`,
      { c: COUNTY, asOf: AS_OF },
      { token: null },
    );
    await expect(page.getByTestId('center-name').innerText()).resolves.toBe(county.incubationCenter.name);
    const points = await page
      .locator('[data-testid="trend-incubations"] tbody tr')
      .evaluateAll((trs) => trs.map((tr) => [...tr.children].map((cell) => Number(cell.textContent))));
    expect(points).toEqual(county.incubationYears.map((y: any) => [y.year, y.admittedByCenter, y.admittedByStations, y.graduated]));
    expect(points.length).toBeGreaterThanOrEqual(4);
    await expectAccessible(page);
    await screenshot(page, 'county');
    await page.close();
  });
});

describe('who reads what', () => {
  it("never shows the public a founder's name, and shows a county operator its own pending applications", async () => {
    const countyToken = await token('--role', 'county', '--region', COUNTY);
    const { county } = await data(`query($c: ID!) { county(code: $c) { incubationCenter { id } } }`, { c: COUNTY });
    const founder = `浏览器测试发起人${Date.now() % 100000}`;
    await data(
      `mutation($input: SubmitApplicationInput!) { submitApplication(input: $input) { id status } }`,
      {
        input: {
          hostId: county.incubationCenter.id,
          organizationName: '浏览器测试互助会',
          category: 'COMMUNITY_SERVICE',
          founderName: founder,
          fullTimeStaff: 1,
          submittedOn: new Date().toISOString().slice(0, 10),
          compliesWithRegulations: true,
          grassRootsDirectService: true,
          needsIncubationServices: true,
        },
      },
      { token: countyToken },
    );
    const { organizations } = await data(`query($c: ID!) { organizations(countyCode: $c, first: 500) { nodes { founderName applications { status } } } }`, { c: COUNTY }, { token: countyToken });
    const founders: string[] = organizations.nodes.map((o: any) => o.founderName).filter(Boolean);
    const pending = organizations.nodes.flatMap((o: any) => o.applications).filter((a: any) => !['ADMITTED', 'REJECTED'].includes(a.status)).length;
    expect(founders).toContain(founder);

    // The public: the county page, without the desk, and no founder anywhere.
    const page = await browser.open(`${base}/?view=county&county=${COUNTY}`);
    await page.getByTestId('center-name').waitFor();
    await expect(page.getByTestId('who').innerText()).resolves.toMatch(/公众/);
    expect(await page.getByTestId('pending-applications').count()).toBe(0);
    const text = await page.locator('body').innerText();
    expect(founders.filter((name) => text.includes(name))).toEqual([]);

    // Signed in as the county's operator: its pending applications, founders included.
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByLabel('粘贴令牌').fill(countyToken);
    await page.locator('form.token button[type="submit"]').click();
    await expect(page.getByTestId('who').innerText()).resolves.toMatch(/县区经办人 · 220122/);
    const desk = page.getByTestId('pending-applications');
    await desk.waitFor();
    expect(await desk.getAttribute('data-count')).toBe(String(pending));
    await expect(desk.innerText()).resolves.toContain(founder);
    // The evaluations due today: the queue's total, a first page of 20, the next page on request.
    const today = new Date().toISOString().slice(0, 10);
    const { evaluationsDue } = await data(`query($c: ID!, $d: Date!) { evaluationsDue(countyCode: $c, asOf: $d, first: 0) { totalCount } }`, { c: COUNTY, d: today }, { token: countyToken });
    expect(evaluationsDue.totalCount).toBeGreaterThan(20); // the demo county has more than a page due
    const due = page.getByTestId('overdue-evaluations');
    await due.waitFor();
    expect(await due.getAttribute('data-count')).toBe(String(evaluationsDue.totalCount));
    expect(await due.locator('li').count()).toBe(20);
    await page.getByTestId('overdue-evaluations-more').click();
    const shown = Math.min(40, evaluationsDue.totalCount);
    await due.locator('li').nth(shown - 1).waitFor();
    expect(await due.locator('li').count()).toBe(shown);
    await page.getByTestId('ending-incubations').waitFor();
    await expectAccessible(page);
    await screenshot(page, 'county-operator');
    await page.getByRole('button', { name: '退出登录' }).click();
    await expect(page.getByTestId('who').innerText()).resolves.toMatch(/公众/);
    await page.close();
  });
});

describe('the workbench', () => {
  it('runs the province scorecard operation from its preloaded tab and shows the result', async () => {
    const page = await browser.open(`${base}/graphiql`);
    const run = page.locator('.graphiql-execute-button');
    await run.waitFor({ timeout: 60_000 });
    await page.locator('.graphiql-query-editor').getByText('ProvinceScorecard').first().waitFor();
    await run.click();
    await page.locator('.graphiql-response').getByText('countiesMet').first().waitFor({ timeout: 60_000 });
    await expect(page.locator('.graphiql-response').innerText()).resolves.toMatch(/吉林省/);
    // GraphiQL's own markup is checked except where the package itself falls short, which no page of
    // ours can fix: Monaco's syntax colours and line numbers (color-contrast), and tabs that are buttons
    // inside tab items (nested-interactive), as of graphiql 5.4.0.
    await expectAccessible(page, ['.monaco-editor', '.graphiql-tabs', '.graphiql-logo']);
    await screenshot(page, 'graphiql');
    await page.close();
  });
});
