// Degraded, never blank: with the stations subgraph down, the pages show what the other tiers answer
// and a banner naming the missing tier. "Down" is a second gateway over the test federation whose
// stations address has nothing listening, as a stopped process leaves it; the shared federation is untouched.
import { subgraphUrls } from '../support/client';
import { startGateway, unreachable, type TestProcess } from '../support/processes';
import { axeViolations, baseUrl, launch, screenshot, type Browser } from './browser';

let stationsDown: TestProcess;
let browser: Browser;

beforeAll(async () => {
  stationsDown = await startGateway({}, { ...subgraphUrls(), stations: await unreachable() });
  browser = await launch();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await stationsDown?.stop();
});

it('names the stations tier in a banner and still shows the rest of the county page', async () => {
  const page = await browser.open(`${baseUrl(stationsDown.url)}/?view=county&county=220122`);
  const banner = page.getByTestId('degraded');
  await banner.waitFor();
  expect(await banner.getAttribute('data-tiers')).toBe('stations');
  await expect(banner.innerText()).resolves.toMatch(/孵化站层（stations）/);
  // What the province, centers and organizations tiers answer is still there.
  await expect(page.locator('#county-title').innerText()).resolves.toMatch(/农安县/);
  await expect(page.getByTestId('center').innerText()).resolves.toMatch(/农安县社会组织孵化中心/); // the centers tier answers
  await page.getByTestId('trend-incubations').waitFor();
  expect(await page.getByTestId('trend-stations').count()).toBe(0);
  expect(await axeViolations(page)).toEqual([]);
  await screenshot(page, 'degraded');

  // The overview keeps each milestone's card (year, binding word, deadline) without the figures.
  await page.goto(`${baseUrl(stationsDown.url)}/`);
  await page.getByTestId('degraded').waitFor();
  await expect(page.getByTestId('card-2017').innerText()).resolves.toMatch(/T2017[\s\S]*都要[\s\S]*2017-12-31/);
  expect(browser.errors.filter((e) => !/status of 200|Failed to load resource/.test(e))).toEqual([]);
});
