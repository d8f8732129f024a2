// The gateway's response cache (gateway/response-cache.ts): a repeated read is answered without a
// subgraph fetch, a read after an acknowledged write shows the write, and one caller's answer is never
// served to a caller who may see less. Its own federation with the cache on (the shared one runs
// without, so that its fetch and statement counts stay per request).
import { contract } from './support/contract';
import { counted, data, request } from './support/client';
import { openCenter } from './support/lifecycle';
import { ownFederation } from './support/start';
import { token } from './support/tokens';

ownFederation({ FUHUA_RESPONSE_CACHE: '100' });

const PAGE = contract('CountyProfile');
const county = (code: string) => data(PAGE, { code, year: 2024 }, { token: null });

describe('response cache', () => {
  it('answers a repeated read from memory, and the read after a write shows the write', async () => {
    const first = await counted(() => county('220102'));
    expect(first.result.county.incubationCenter).toBeNull();
    expect(first.counts.subgraphFetches).toBeGreaterThan(0);

    const repeat = await counted(() => county('220102'));
    expect(repeat.result).toEqual(first.result);
    expect(repeat.counts.subgraphFetches).toBe(0); // served from the cache

    // The write goes to the centers tier; the read right after its acknowledgement sees it.
    await openCenter('220102');
    const after = await counted(() => county('220102'));
    expect(after.result.county.incubationCenter?.name).toBe('测试孵化中心220102');
    expect(after.counts.subgraphFetches).toBeGreaterThan(0);
    // A write in one county's tier invalidates other cached answers too (the cache cannot know what a
    // write touched); the next repeat is a hit again.
    expect((await counted(() => county('220102'))).counts.subgraphFetches).toBe(0);
  });

  it('answers identical reads arriving together with one set of subgraph fetches', async () => {
    const single = (await counted(() => county('220104'))).counts.subgraphFetches;
    await openCenter('220105'); // a write: nothing cached before it is served again
    const together = await counted(() => Promise.all(Array.from({ length: 5 }, () => county('220106'))));
    expect(new Set(together.result.map((r) => JSON.stringify(r))).size).toBe(1);
    expect(together.counts.subgraphFetches).toBeLessThan(5 * single);
  });

  it("never serves one caller's answer to a caller with another visibility", async () => {
    const trail = `query($scope: ID!) { auditTrail(scope: $scope) { scope centers { operation } } }`;
    const admin = await data(trail, { scope: '220102' });
    expect(admin.auditTrail.centers.length).toBeGreaterThan(0);
    expect((await counted(() => data(trail, { scope: '220102' }))).counts.subgraphFetches).toBe(0);

    // The same query and variables: the public and another county's operator are refused, as without a cache.
    for (const who of [null, token('--role', 'county', '--region', '220103')]) {
      const refused = await request(trail, { scope: '220102' }, { token: who });
      expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(refused.data?.auditTrail?.centers ?? null).toBeNull();
    }
    // The county itself may read its trail, and gets its own answer (computed for it, then cached for it).
    const own = await data(trail, { scope: '220102' }, { token: token('--role', 'county', '--region', '220102') });
    expect(own.auditTrail.centers).toEqual(admin.auditTrail.centers);
  });
});
