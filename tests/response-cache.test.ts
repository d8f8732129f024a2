// The gateway's response cache (gateway/response-cache.ts): a repeated read is answered without a
// subgraph fetch, a read after an acknowledged write shows the write, and one caller's answer is never
// served to a caller who may see less. Its own federation with the cache on (the shared one runs
// without, so that its fetch and statement counts stay per request).
import { contract } from './support/contract';
import { INTERNAL_HEADER } from '../subgraphs/kit/identity';
import { readCounter } from '../subgraphs/kit/metrics';
import { counted, data, gatewayUrl, request, subgraphUrls } from './support/client';
import { openCenter } from './support/lifecycle';
import { startGateway } from './support/processes';
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

  it('answers a repeat before Apollo runs with what Apollo answered: the same JSON, in the media type and encoding asked for', async () => {
    const body = JSON.stringify({ query: PAGE, variables: { code: '220113', year: 2024 } });
    const ask = (headers: Record<string, string> = {}) => fetch(gatewayUrl(), { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
    const first = await ask();
    const text = await first.text();
    expect(JSON.parse(text).data.county.name).toBeTruthy();
    const hits = await counted(async () => {
      const answers: { type: string | null; encoding: string | null; text: string }[] = [];
      for (const headers of [{}, { accept: 'application/graphql-response+json' }, { 'accept-encoding': 'identity' }] as Record<string, string>[]) {
        const response = await ask(headers);
        answers.push({ type: response.headers.get('content-type'), encoding: response.headers.get('content-encoding'), text: await response.text() });
      }
      return answers;
    });
    expect(hits.counts.subgraphFetches).toBe(0);
    expect(hits.result.map((a) => a.text)).toEqual([text, text, text]);
    expect(hits.result.map((a) => a.type)).toEqual([first.headers.get('content-type'), 'application/graphql-response+json; charset=utf-8', first.headers.get('content-type')]);
    expect(hits.result.map((a) => a.encoding)).toEqual([first.headers.get('content-encoding'), 'gzip', null]);
    // A token that does not verify is refused on a repeat as on a first read.
    const forged = await ask({ authorization: 'Bearer not.a.token' });
    expect(forged.status).toBe(401);
    expect((await forged.json()).errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('shows a read through one gateway replica a write acknowledged through another, and its rate limit still counts repeats', async () => {
    const replica = await startGateway({ FUHUA_RESPONSE_CACHE: '100', FUHUA_RATE_LIMIT_PUBLIC: '4' });
    try {
      const read = () => request(PAGE, { code: '220112', year: 2024 }, { token: null, url: replica.url });
      const hits = async () => readCounter(await (await fetch(replica.metricsUrl)).text(), 'fuhua_response_cache_total{result="hit"}');
      expect((await read()).data.county.incubationCenter).toBeNull();
      expect((await read()).data.county.incubationCenter).toBeNull();
      expect(await hits()).toBe(1);
      await openCenter('220112'); // through the other gateway
      expect((await read()).data.county.incubationCenter?.name).toBe('测试孵化中心220112');
      expect((await read()).data.county.incubationCenter?.name).toBe('测试孵化中心220112');
      expect(await hits()).toBe(2);
      // The fifth read in the window would be a hit; the caller is over its rate first.
      expect((await read()).errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    } finally {
      await replica.stop();
    }
  });

  it('holds at most FUHUA_RESPONSE_CACHE_MB of answers, dropping the least recently used first', async () => {
    const replica = await startGateway({ FUHUA_RESPONSE_CACHE: '1000', FUHUA_RESPONSE_CACHE_MB: '1' });
    try {
      const scorecard = contract('ProvinceScorecard');
      const asOf = (day: number) => new Date(Date.UTC(2017, 2, day)).toISOString().slice(0, 10);
      const read = (day: number) => request(scorecard, { year: 2017, asOf: asOf(day) }, { token: null, url: replica.url });
      const metric = async (name: string) => readCounter(await (await fetch(replica.metricsUrl)).text(), name);
      const hits = () => metric('fuhua_response_cache_total{result="hit"}');
      // Sixty counties' checks a day, some 20–40 KB of JSON: 80 different days are well past a megabyte.
      const DAYS = 80;
      for (let day = 1; day <= DAYS; day++) expect((await read(day)).errors).toBeUndefined();
      const bytes = await metric('fuhua_response_cache_bytes');
      expect(bytes).toBeGreaterThan(512 * 1024);
      expect(bytes).toBeLessThanOrEqual(1024 * 1024);
      expect(await metric('fuhua_response_cache_entries')).toBeLessThan(DAYS);
      await read(DAYS); // the newest is still held
      expect(await hits()).toBe(1);
      await read(1); // the oldest was dropped: worked out again
      expect(await hits()).toBe(1);
    } finally {
      await replica.stop();
    }
  });

  it("keeps each subgraph's /generation to the gateway: no credentials or forged ones are refused", async () => {
    for (const url of Object.values(subgraphUrls())) {
      const generation = url.replace(/\/graphql$/, '/generation');
      expect((await fetch(generation)).status).toBe(401);
      expect((await fetch(generation, { headers: { [INTERNAL_HEADER]: 'not.a.token' } })).status).toBe(401);
    }
  });
});
