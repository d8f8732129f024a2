// Degraded, never blank: with the stations subgraph stopped, the pages show what the other tiers answer
// and a banner naming the missing tier. A federation of its own (register only, no demo), so stopping a
// subgraph touches no other test file.
import { startTestFederation, type TestFederation } from '../support/start';
import { axeViolations, baseUrl, launch, screenshot, type Browser } from './browser';

let federation: TestFederation;
let browser: Browser;

beforeAll(async () => {
  federation = await startTestFederation({ seed: 'jilin', env: { FUHUA_DEMO: '0' } });
  browser = await launch();
  // Stop the stations subgraph: its /health names its process.
  const stations = federation.subgraphUrls.stations.replace(/\/graphql$/, '/health');
  const { pid } = (await (await fetch(stations)).json()) as { pid: number };
  process.kill(pid, 'SIGTERM');
  for (let i = 0; i < 100; i++) {
    if (await fetch(stations).then(() => false, () => true)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the stations subgraph did not stop');
});
afterAll(async () => {
  await browser?.close();
  await federation?.stop();
});

it('names the stations tier in a banner and still shows the rest of the county page', async () => {
  const page = await browser.open(`${baseUrl(federation.gatewayUrl)}/?view=county&county=220122`);
  const banner = page.getByTestId('degraded');
  await banner.waitFor();
  expect(await banner.getAttribute('data-tiers')).toBe('stations');
  await expect(banner.innerText()).resolves.toMatch(/孵化站层（stations）/);
  // What the province, centers and organizations tiers answer is still there.
  await expect(page.locator('#county-title').innerText()).resolves.toMatch(/农安县/);
  await expect(page.getByTestId('center').innerText()).resolves.toMatch(/尚无孵化中心/);
  await page.getByTestId('trend-incubations').waitFor();
  expect(await page.getByTestId('trend-stations').count()).toBe(0);
  expect(await axeViolations(page)).toEqual([]);
  await screenshot(page, 'degraded');

  // The overview keeps each milestone's card (year, binding word, deadline) without the figures.
  await page.goto(`${baseUrl(federation.gatewayUrl)}/`);
  await page.getByTestId('degraded').waitFor();
  await expect(page.getByTestId('card-2017').innerText()).resolves.toMatch(/T2017[\s\S]*都要[\s\S]*2017-12-31/);
  expect(browser.errors.filter((e) => !/status of 200|Failed to load resource/.test(e))).toEqual([]);
});
