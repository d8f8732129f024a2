// A scorecard when a tier contributing facts is down: its figures are null with an error naming the
// tier, and everything else in the request still answers. On a federation of its own (register only),
// since the test stops its stations subgraph.
import { request } from './support/client';
import { useFederation } from './support/global-setup';
import { startTestFederation, type TestFederation } from './support/start';

let federation: TestFederation;
const saved = { ...process.env };

beforeAll(async () => {
  federation = await startTestFederation({ seed: 'test', env: { FUHUA_DEMO: '0' } });
  useFederation(federation);
}, 180_000);

afterAll(async () => {
  Object.assign(process.env, saved);
  await federation?.stop();
});

const PAGE = `{
  county(code: "640104") { code name }
  province(code: "640000") { name milestone(year: 2017) { year deadline progress { scope asOf countiesTotal countiesMet counties { met } } } }
}`;

it('answers the scorecard while every tier is up', async () => {
  const response = await request(PAGE);
  expect(response.errors).toBeUndefined();
  expect(response.data?.province.milestone.progress).toMatchObject({ scope: '640000', countiesTotal: 22, countiesMet: 0 });
});

it('nulls only the scorecard figures, naming the stations tier, when the stations subgraph is down', async () => {
  const health = (await (await fetch(federation.subgraphUrls.stations.replace(/graphql$/, 'health'))).json()) as { pid: number };
  process.kill(health.pid, 'SIGTERM');
  await new Promise((resolve) => setTimeout(resolve, 500));

  const response = await request(PAGE);
  expect(response.data?.county).toEqual({ code: '640104', name: '兴庆区' });
  expect(response.data?.province).toEqual({
    name: '宁夏回族自治区',
    milestone: { year: 2017, deadline: '2017-12-31', progress: { scope: '640000', asOf: '2017-12-31', countiesTotal: null, countiesMet: null, counties: null } },
  });
  expect(response.errors?.length).toBeGreaterThan(0);
  expect(JSON.stringify(response.errors)).toMatch(/stations/);
});
