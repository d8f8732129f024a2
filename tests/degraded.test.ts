// A dashboard page still renders when one subgraph is down: the gateway answers with what the other
// tiers own and an error naming the part it could not get. On a federation of its own, since this
// test stops one of its subgraphs.
import { contract } from './support/contract';
import { request } from './support/client';
import { useFederation } from './support/global-setup';
import { startTestFederation, type TestFederation } from './support/start';

let federation: TestFederation;
const saved = { ...process.env };

beforeAll(async () => {
  federation = await startTestFederation({ seed: 'jilin', env: { FUHUA_DEMO: '0' } });
  useFederation(federation);
}, 120_000);

afterAll(async () => {
  Object.assign(process.env, saved);
  await federation?.stop();
});

it('renders a county page without its stations when the stations subgraph is down', async () => {
  const health = (await (await fetch(federation.subgraphUrls.stations.replace(/graphql$/, 'health'))).json()) as { pid: number };
  process.kill(health.pid, 'SIGTERM');
  await new Promise((resolve) => setTimeout(resolve, 500));

  const response = await request(contract('CountyProfile'), { code: '220122', year: 2017 });
  // What the province and centers tiers own is there ...
  expect(response.data?.county).toMatchObject({ code: '220122', name: '农安县', kind: 'COUNTY', prefecture: { code: '220100', name: '长春市' } });
  expect(response.data?.county.incubationCenter).toBeNull(); // no demo data: no center, but an answer
  // ... and what the stations tier owns is reported missing, not invented.
  expect(response.errors?.length).toBeGreaterThan(0);
  expect(JSON.stringify(response.errors)).toMatch(/stations/);
});
