// A scorecard when a tier contributing facts is down: its figures are null with an error naming the
// tier, and everything else in the request still answers. "Down" is a second gateway over the test
// federation whose stations address has nothing listening, as a stopped process leaves it (npm start's
// supervisor would restart a stopped subgraph of the shared federation).
import { request, subgraphUrls } from './support/client';
import { startGateway, unreachable, type TestProcess } from './support/processes';

let stationsDown: TestProcess;

beforeAll(async () => {
  stationsDown = await startGateway({}, { ...subgraphUrls(), stations: await unreachable() });
}, 120_000);

afterAll(async () => {
  await stationsDown?.stop();
});

const PAGE = `{
  county(code: "640104") { code name }
  province(code: "640000") { name milestone(year: 2017) { year deadline progress { scope asOf countiesTotal countiesMet counties { met } } } }
}`;

it('answers the scorecard while every tier is up', async () => {
  const response = await request(PAGE);
  expect(response.errors).toBeUndefined();
  expect(response.data?.province.milestone.progress).toMatchObject({ scope: '640000', countiesTotal: 22 });
  expect(response.data?.province.milestone.progress.counties).toHaveLength(22);
});

it('nulls only the scorecard figures, naming the stations tier, when the stations subgraph is down', async () => {
  const response = await request(PAGE, {}, { url: stationsDown.url });
  expect(response.data?.county).toEqual({ code: '640104', name: '兴庆区' });
  expect(response.data?.province).toEqual({
    name: '宁夏回族自治区',
    milestone: { year: 2017, deadline: '2017-12-31', progress: { scope: '640000', asOf: '2017-12-31', countiesTotal: null, countiesMet: null, counties: null } },
  });
  expect(response.errors?.length).toBeGreaterThan(0);
  expect(JSON.stringify(response.errors)).toMatch(/stations/);
});

it('nulls the national ranking, naming the stations tier, and keeps the rest of the answer', async () => {
  const response = await request(`{ nation { code ranking(year: 2020) { year provincesRanked standings { rank } } } }`, {}, { url: stationsDown.url });
  expect(response.data?.nation).toEqual({ code: '000000', ranking: { year: 2020, provincesRanked: null, standings: null } });
  expect(JSON.stringify(response.errors)).toMatch(/stations/);
});
