// A gateway in production mode (NODE_ENV=production), a second gateway process over the test
// federation's subgraphs: anonymous callers cannot introspect, and a dashboard page still renders when
// one subgraph is down — the gateway answers with what the other tiers own and names the part it could
// not get. "Down" is the stations subgraph's address with nothing listening, as a stopped process leaves it.
import { contract } from './support/contract';
import { request, subgraphUrls } from './support/client';
import { startGateway, unreachable, type TestProcess } from './support/processes';
import { token } from './support/tokens';

let production: TestProcess;
let stationsDown: TestProcess;

beforeAll(async () => {
  production = await startGateway({ NODE_ENV: 'production' });
  stationsDown = await startGateway({ NODE_ENV: 'production' }, { ...subgraphUrls(), stations: await unreachable() });
}, 120_000);

afterAll(async () => {
  await production?.stop();
  await stationsDown?.stop();
});

it('describes the schema to signed-in callers only', async () => {
  const introspect = `{ __schema { queryType { name } } }`;
  const anonymous = await request(introspect, {}, { url: production.url, token: null });
  expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  expect(anonymous.data ?? null).toBeNull();
  const signedIn = await request(introspect, {}, { url: production.url, token: token('--role', 'analyst') });
  expect(signedIn.data?.__schema.queryType.name).toBe('Query');
  // Reading published data needs no token, in production too.
  expect((await request(`{ county(code: "220122") { name } }`, {}, { url: production.url, token: null })).data?.county.name).toBe('农安县');
});

it('renders a county page without its stations when the stations subgraph is down', async () => {
  const response = await request(contract('CountyProfile'), { code: '220122', year: 2017 }, { url: stationsDown.url });
  // What the province and centers tiers own is there ...
  expect(response.data?.county).toMatchObject({ code: '220122', name: '农安县', kind: 'COUNTY', prefecture: { code: '220100', name: '长春市' } });
  expect(response.data?.county.incubationCenter).toMatchObject({ name: '农安县社会组织孵化中心' }); // the centers tier answers
  // ... and what the stations tier owns is reported missing, not invented.
  expect(response.errors?.length).toBeGreaterThan(0);
  expect(JSON.stringify(response.errors)).toMatch(/stations/);
});
