// A federation in production mode (NODE_ENV=production), of its own since the last test stops one of
// its subgraphs: anonymous callers cannot introspect, and a dashboard page still renders when one
// subgraph is down — the gateway answers with what the other tiers own and names the part it could not get.
import { contract } from './support/contract';
import { request } from './support/client';
import { useFederation } from './support/global-setup';
import { startTestFederation, type TestFederation } from './support/start';
import { token } from './support/tokens';

let federation: TestFederation;
const saved = { ...process.env };

beforeAll(async () => {
  federation = await startTestFederation({ seed: 'jilin', env: { FUHUA_DEMO: '0', NODE_ENV: 'production' } });
  useFederation(federation);
}, 120_000);

afterAll(async () => {
  Object.assign(process.env, saved);
  await federation?.stop();
});

it('describes the schema to signed-in callers only', async () => {
  const introspect = `{ __schema { queryType { name } } }`;
  const anonymous = await request(introspect, {}, { token: null });
  expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  expect(anonymous.data ?? null).toBeNull();
  const signedIn = await request(introspect, {}, { token: token('--role', 'analyst') });
  expect(signedIn.data?.__schema.queryType.name).toBe('Query');
  // Reading published data needs no token, in production too.
  expect((await request(`{ county(code: "220122") { name } }`, {}, { token: null })).data?.county.name).toBe('农安县');
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
