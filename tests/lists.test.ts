// One list convention (issue 11 items 2–3): connections with keyset cursors, refused page sizes, the audit
// trail paged back to its first row, and the county systems' work queues, through the gateway. The queues'
// own rows are written in 吉林高新技术产业开发区 (220272), a development zone the demo leaves empty.
import { loadRegister } from '../subgraphs/kit/register';
import { counted, data, request } from './support/client';
import { contract } from './support/contract';
import { admitted, openCenter, throughNotice, validApplication } from './support/lifecycle';
import { token } from './support/tokens';

const MINE = '220272'; // 吉林高新技术产业开发区, prefecture 220200
const DEMO = '220122'; // 农安县 (prefecture 220100): demo incubations
const county = () => token('--role', 'county', '--region', MINE);

type Page<T> = { totalCount?: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: T[] };

/** Every page of a connection, `first` at a time, until hasNextPage is false. */
async function allPages<T>(ask: (after: string | null) => Promise<Page<T>>): Promise<{ rows: T[]; pages: number; totalCount?: number }> {
  const rows: T[] = [];
  let after: string | null = null;
  let pages = 0;
  let totalCount: number | undefined;
  for (;;) {
    const page: Page<T> = await ask(after);
    pages++;
    rows.push(...page.nodes);
    totalCount = page.totalCount;
    if (!page.pageInfo.hasNextPage) return { rows, pages, totalCount };
    expect(page.pageInfo.endCursor).toBeTruthy();
    after = page.pageInfo.endCursor;
    if (pages > 1000) throw new Error('no end');
  }
}

const codeOf = (response: { errors?: { extensions?: Record<string, unknown> }[] }) => response.errors?.[0]?.extensions?.code;

let notice: Awaited<ReturnType<typeof throughNotice>>;
const submitted: string[] = [];

beforeAll(async () => {
  const center = await openCenter(MINE, '2024-01-10');
  // Six applications waiting for acceptance, two of them on the same day (the id breaks the tie).
  for (const [i, day] of ['2025-01-05', '2025-01-03', '2025-01-03', '2025-01-09', '2025-01-01', '2025-01-07'].entries()) {
    const { submitApplication } = await data(`mutation($input: SubmitApplicationInput!) { submitApplication(input: $input) { id } }`, {
      input: validApplication(center.id, { organizationName: `队列测试社${i}`, submittedOn: day }),
    });
    submitted.push(submitApplication.id);
  }
  notice = await throughNotice(center.id, { organizationName: '队列测试公示社' }, '2025-03-01'); // notice ends 2025-03-22
  await admitted(center.id, { organizationName: '队列测试入驻社甲' }, '2025-02-01');
  await admitted(center.id, { organizationName: '队列测试入驻社乙' }, '2025-02-02');
});

describe('work queues', () => {
  // The served operations (schema/operations/county.graphql), as county systems send them.
  const applications = contract('ApplicationQueue');

  it('pages the applications under review to the end, oldest submission first, none twice and none missed', async () => {
    const whole = (await data(applications, { code: MINE, first: 500 })).applicationQueue;
    expect(whole.pageInfo.hasNextPage).toBe(false);
    expect(whole.totalCount).toBe(7); // six submitted, one in notice; the admitted ones wait for nothing
    const paged = await allPages(async (after) => (await data(applications, { code: MINE, first: 2, after })).applicationQueue);
    expect(paged.pages).toBe(4);
    expect(paged.rows.map((a: any) => a.id)).toEqual(whole.nodes.map((a: any) => a.id));
    expect(new Set(paged.rows.map((a: any) => a.id)).size).toBe(7);
    expect(paged.rows.map((a: any) => a.id)).toEqual(expect.arrayContaining([...submitted, notice.id]));
    const days = paged.rows.map((a: any) => a.submittedOn);
    expect(days).toEqual([...days].sort());
    expect(paged.totalCount).toBe(7);
  });

  it('filters by status, and finds the applications ready to admit on a day (notice over, no objection undecided)', async () => {
    const inNotice = (await data(applications, { code: MINE, status: ['IN_NOTICE'] })).applicationQueue.nodes;
    expect(inNotice.map((a: any) => a.id)).toEqual([notice.id]);
    const ready = async (day: string) => (await data(applications, { code: MINE, readyToAdmitOn: day })).applicationQueue.nodes.map((a: any) => a.id);
    expect(await ready('2025-03-22')).toEqual([]); // the notice's last day
    expect(await ready('2025-03-23')).toEqual([notice.id]);
    const { recordObjection } = await data(`mutation($id: ID!) { recordObjection(applicationId: $id, on: "2025-03-20", text: "队列测试异议") { id } }`, { id: notice.id });
    expect(await ready('2025-03-23')).toEqual([]);
    await data(`mutation($id: ID!) { decideObjection(id: $id, upheld: false, on: "2025-03-22") { id } }`, { id: recordObjection.id });
    expect(await ready('2025-03-23')).toEqual([notice.id]);
    const desk = await data(contract('CountyQueues'), { code: MINE, on: '2025-03-23', plannedEndBy: '2026-12-31' }, { token: county() });
    expect(desk.readyToAdmit.nodes.map((a: any) => a.id)).toEqual([notice.id]);
    expect(desk.incubationQueue.totalCount).toBe(2);
  });

  it('lists incubations by planned end, soonest first', async () => {
    const query = contract('IncubationQueue');
    const { incubationQueue } = await data(query, { code: MINE });
    expect(incubationQueue.nodes.map((i: any) => i.organization.name).sort()).toEqual(['队列测试入驻社乙', '队列测试入驻社甲']);
    expect(incubationQueue.totalCount).toBe(2);
    expect((await data(query, { code: MINE, plannedEndBy: '2026-06-29' })).incubationQueue.nodes).toEqual([]);
    expect((await data(query, { code: MINE, plannedEndBy: '2026-06-30' })).incubationQueue.nodes).toHaveLength(2);
  });

  it('pages the evaluations due to the end, as the older plain list gives them', async () => {
    const plain = (await data(`{ overdueEvaluations(countyCode: "${DEMO}", asOf: "2025-08-01", first: 1000) { period incubation { id } } }`)).overdueEvaluations;
    expect(plain.length).toBeGreaterThan(7);
    const paged = await allPages(
      async (after) =>
        (await data(contract('EvaluationsDue'), { code: DEMO, asOf: '2025-08-01', first: 7, after })).evaluationsDue,
    );
    expect(paged.rows.map((r: any) => `${r.incubation.id} ${r.period}`)).toEqual(plain.map((r: any) => `${r.incubation.id} ${r.period}`));
    expect(paged.totalCount).toBe(plain.length);
    const ends = paged.rows.map((r: any) => r.periodEnd);
    expect(ends).toEqual([...ends].sort());
  });

  it('is scoped like every read of details: a county its own, a prefecture its counties, the public nothing', async () => {
    const own = (await data(applications, {}, { token: county() })).applicationQueue.nodes;
    expect(own.length).toBe(7);
    expect(new Set(own.map((a: any) => a.county.code))).toEqual(new Set([MINE]));
    const prefecture = (await data(applications, { first: 500 }, { token: token('--role', 'prefecture', '--region', '220200') })).applicationQueue.nodes;
    expect(prefecture.map((a: any) => a.id)).toEqual(expect.arrayContaining(own.map((a: any) => a.id)));
    expect(prefecture.every((a: any) => a.county.code.startsWith('2202'))).toBe(true);
    for (const [who, asked] of [
      [county(), DEMO],
      [token('--role', 'prefecture', '--region', '220200'), DEMO],
      [token('--role', 'county', '--region', DEMO), MINE],
    ] as const) {
      for (const queue of ['applicationQueue', 'incubationQueue', 'evaluationsDue']) {
        const refused = await request(`query($c: ID) { ${queue}(countyCode: $c) { nodes { __typename } } }`, { c: asked }, { token: who });
        expect([queue, codeOf(refused)]).toEqual([queue, 'FORBIDDEN']);
      }
    }
    for (const queue of ['applicationQueue', 'incubationQueue', 'evaluationsDue']) {
      const anonymous = await request(`{ ${queue} { totalCount nodes { __typename } } }`, {}, { token: null });
      expect([queue, codeOf(anonymous), anonymous.data?.[queue] ?? null]).toEqual([queue, 'FORBIDDEN', null]);
    }
  });
});

describe('pages', () => {
  it('refuses a page past the maximum or below zero, and a cursor it did not give, with BAD_USER_INPUT', async () => {
    for (const query of [
      `{ applicationQueue(first: 501) { nodes { id } } }`,
      `{ organizations(first: -1) { nodes { id } } }`,
      `{ auditTrail(scope: "220000") { stationsConnection(first: 501) { nodes { id } } } }`,
      `{ organizations(first: 1) { nodes { incubationsConnection(first: 501) { nodes { id } } } } }`,
    ]) {
      const refused = await request(query);
      expect([query, codeOf(refused)]).toEqual([query, 'BAD_USER_INPUT']);
      expect(refused.errors?.[0].message).toMatch(/500/);
    }
    const stale = await request(`{ organizations(after: "${Buffer.from('50').toString('base64url')}") { nodes { id } } }`);
    expect(codeOf(stale)).toBe('BAD_USER_INPUT');
    const zero = (await data(`{ organizations(first: 0) { totalCount pageInfo { hasNextPage endCursor } nodes { id } } }`)).organizations;
    expect(zero).toMatchObject({ nodes: [], pageInfo: { hasNextPage: true, endCursor: null } });
    expect(zero.totalCount).toBeGreaterThan(500);
  });

  it('pages every organization to the end by name, none twice', async () => {
    const query = `query($after: String) { organizations(first: 500, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { id name } } }`;
    const paged = await allPages(async (after) => (await data(query, { after })).organizations);
    expect(paged.pages).toBeGreaterThan(1);
    expect(paged.rows.length).toBe(paged.totalCount);
    expect(new Set(paged.rows.map((o: any) => o.id)).size).toBe(paged.rows.length);
  });

  it('pages the audit trail back to its first row, newest first', async () => {
    // The writes of this file's beforeAll are in the organizations tier's trail, so it spans several pages.
    const query = `query($after: String) { auditTrail(scope: "220000") { organizationsConnection(first: 10, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { id at } } } }`;
    const paged = await allPages(async (after) => (await data(query, { after })).auditTrail.organizationsConnection);
    expect(paged.rows.length).toBe(paged.totalCount);
    expect(new Set(paged.rows.map((e: any) => e.id)).size).toBe(paged.rows.length);
    const at = paged.rows.map((e: any) => Date.parse(e.at));
    expect(at).toEqual([...at].sort((a, b) => b - a));
    expect(paged.pages).toBeGreaterThan(2);
  });

  it('costs the same SQL statements and fetches for nested pages under 69 counties as under 9', async () => {
    const query = `query($codes: [ID!]) { counties(codes: $codes) { code incubationCenter {
      incubationsConnection(first: 3) { totalCount pageInfo { hasNextPage } nodes { id
        evaluationsConnection(first: 2) { totalCount nodes { period } } servicesConnection(first: 2) { nodes { kind } }
        organization { applicationsConnection(first: 1) { nodes { status } } } } } } } }`;
    const all = loadRegister('jilin').counties.map((c) => c.code);
    const nine = await counted(() => data(query, { codes: all.slice(0, 9) }));
    const sixtyNine = await counted(() => data(query, { codes: all }));
    const pages = sixtyNine.result.counties.filter((c: any) => c.incubationCenter?.incubationsConnection.nodes.length).length;
    expect(pages).toBeGreaterThan(20);
    expect(sixtyNine.counts.sqlStatements).toBe(nine.counts.sqlStatements);
    expect(sixtyNine.counts.subgraphFetches).toBe(nine.counts.subgraphFetches);
    console.log(`nested pages, 9 counties: ${JSON.stringify(nine.counts)}; 69 counties: ${JSON.stringify(sixtyNine.counts)}`);
  });

  it('keeps the public from nesting large pages (the rows estimate multiplies by first, given as a variable too), and lets small ones through', async () => {
    // graphql-armor's cost sees literals only; the rows estimate also reads variables and defaults.
    const nested = `query($n: Int) { counties { incubationCenter { incubationsConnection(first: $n) { nodes { servicesConnection(first: $n) { nodes { kind } } } } } } }`;
    const refused = await request(nested, { n: 100 }, { token: null });
    expect(refused.errors?.[0]).toMatchObject({ extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
    expect(refused.errors?.[0].message).toMatch(/may read about \d+ rows \(limit 20000\) for anonymous callers/);
    expect((await request(nested, { n: 5 }, { token: null })).errors).toBeUndefined();
  });
});
