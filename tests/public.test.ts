// The public information service (F5 信息发布) as anyone reads it, without a token: applications in
// their public notice 公示 on a day (and nothing personal about them), and the published catalogue with
// its publish and withdraw mutations, scoped like every write. Works in 蛟河市 (220281) with its demo
// center, and uses 桦甸市's (220282) as another county's; it opens no center, so no scorecard moves.
import { randomUUID } from 'crypto';
import { contract } from './support/contract';
import { data, request } from './support/client';
import { fingerprint, withDatabase } from './support/database';
import { throughNotice } from './support/lifecycle';
import { token } from './support/tokens';

const COUNTY = '220281';
const PREFECTURE = '220200';
const FOUNDER = '赵公示测试人';
const anonymous = { token: null };
const clerk = () => token('--role', 'county', '--region', COUNTY);

let hostId: string;
let otherCenter: string;
/** An application in notice 2025-05-16 … 2025-05-22 (submitted 2025-05-01). */
let inNotice: string;
/** One whose notice 2025-05-16 … 2025-05-22 ended on 2025-05-19 with an upheld objection. */
let objected: string;

async function hostOf(code: string): Promise<string> {
  const { county } = await data(`query($code: ID!) { county(code: $code) { incubationCenter { id } } }`, { code });
  if (!county.incubationCenter) throw new Error(`the demo has no center in ${code}`);
  return county.incubationCenter.id;
}

beforeAll(async () => {
  hostId = await hostOf(COUNTY);
  otherCenter = await hostOf('220282');
  inNotice = (await throughNotice(hostId, { organizationName: '公示测试互助社', founderName: FOUNDER }, '2025-05-01')).id;
  objected = (await throughNotice(hostId, { organizationName: '异议成立测试社', founderName: FOUNDER }, '2025-05-01')).id;
  const { recordObjection } = await data(`mutation($id: ID!) { recordObjection(applicationId: $id, on: "2025-05-18", text: "测试异议") { id } }`, { id: objected });
  await data(`mutation($id: ID!) { decideObjection(id: $id, upheld: true, on: "2025-05-19") { id } }`, { id: recordObjection.id });
});

const notices = (scope: string, asOf: string, extra: Record<string, unknown> = {}) =>
  request(contract('PublicNotices'), { scope, asOf, ...extra }, anonymous);

/** What the organizations database says was in notice on `day` in a region: the rule, in SQL. */
const inNoticeOn = (prefix: string, day: string) =>
  withDatabase('organizations', async (db) => {
    const { rows } = await db.query<{ id: string }>(
      `select id from application where county_code like $1 and notice_from <= $2 and notice_to >= $2 and (status <> 'REJECTED' or decided_on > $2)`,
      [`${prefix}%`, day],
    );
    return rows.map((r) => r.id).sort();
  });

describe('public notices 公示', () => {
  it('shows anyone the applications in notice on the day, with host, county, days and how to object', async () => {
    const response = await notices(COUNTY, '2025-05-18');
    expect(response.errors).toBeUndefined();
    const found = response.data.publicNotices.nodes.find((n: { id: string }) => n.id === inNotice);
    expect(found).toMatchObject({
      organizationName: '公示测试互助社',
      hostKind: 'CENTER',
      center: { name: expect.any(String) },
      station: null,
      county: { code: COUNTY, name: '蛟河市' },
      noticeFrom: '2025-05-16',
      noticeTo: '2025-05-22',
    });
    expect(found.howToObject).toMatch(/民政局/);
    expect(found.howToObject).toMatch(/2025-05-22/);
  });

  it.each([
    ['the first day', '2025-05-16', true],
    ['the last day', '2025-05-22', true],
    ['the day before', '2025-05-15', false],
    ['the day after', '2025-05-23', false],
  ])('counts the notice on %s: %s', async (_label, day, shown) => {
    const ids = (await notices(COUNTY, day)).data.publicNotices.nodes.map((n: { id: string }) => n.id);
    expect(ids.includes(inNotice)).toBe(shown);
  });

  it('drops a notice ended by an upheld objection from the day of the decision, not before', async () => {
    const on = async (day: string) => (await notices(COUNTY, day)).data.publicNotices.nodes.map((n: { id: string }) => n.id);
    expect(await on('2025-05-18')).toContain(objected);
    expect(await on('2025-05-19')).not.toContain(objected);
  });

  it.each([
    ['the county', COUNTY, '2025-05-18'],
    ['the prefecture', PREFECTURE, '2025-05-18'],
    ['the province', '220000', '2019-04-15'],
    ['the nation', '000000', '2017-09-01'],
  ])('lists exactly what the database holds in notice for %s on a day', async (_label, scope, day) => {
    const response = await notices(scope, day, { first: 500 });
    const ids = response.data.publicNotices.nodes.map((n: { id: string }) => n.id).sort();
    expect(ids).toEqual(await inNoticeOn(scope.replace(/(00)+$/, ''), day));
    expect(response.data.publicNotices.totalCount).toBe(ids.length);
  });

  it("never carries a founder's name or a private field, anywhere in the answer", async () => {
    const day = '2025-05-18';
    const response = await notices(PREFECTURE, day, { first: 500 });
    const text = JSON.stringify(response);
    const founders = await withDatabase('organizations', async (db) => {
      const { rows } = await db.query<{ founder_name: string }>(
        `select distinct o.founder_name from application a join organization o on o.id = a.organization_id where a.id = any($1)`,
        [response.data.publicNotices.nodes.map((n: { id: string }) => n.id)],
      );
      return rows.map((r) => r.founder_name);
    });
    expect(founders).toContain(FOUNDER);
    for (const founder of founders) expect(text).not.toContain(founder);
    // The type has no field for them: asking is a validation error, not a null.
    for (const field of ['founderName', 'organization', 'totalScore', 'publicBenefit', 'status', 'objections']) {
      const asked = await request(`{ publicNotices(first: 1) { nodes { ${field} } } }`, {}, anonymous);
      expect(asked.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    }
  });

  it('keeps the private reads private: the application, its founder and the applicant stay hidden from the public', async () => {
    const application = await request(`query($id: ID!) { application(id: $id) { id } }`, { id: inNotice }, anonymous);
    expect(application.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const { organizations } = await data(`{ organizations(countyCode: "${COUNTY}", first: 500) { nodes { name founderName } } }`, {}, anonymous);
    expect(organizations.nodes.map((o: { name: string }) => o.name)).not.toContain('公示测试互助社');
    expect(JSON.stringify(organizations)).not.toContain(FOUNDER);
  });

  it('pages with keyset cursors: no repeats, the same rows as one page, and a page past the cap refused', async () => {
    const day = '2017-09-01';
    const whole = (await notices('000000', day, { first: 500 })).data.publicNotices;
    expect(whole.totalCount).toBeGreaterThan(3);
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const { publicNotices }: any = (await notices('000000', day, { first: 2, after })).data;
      seen.push(...publicNotices.nodes.map((n: { id: string }) => n.id));
      if (!publicNotices.pageInfo.hasNextPage) break;
      after = publicNotices.pageInfo.endCursor;
    }
    expect(seen).toEqual(whole.nodes.map((n: { id: string }) => n.id));
    expect((await notices('000000', day, { first: 501 })).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect((await notices('000000', day, { after: 'not-a-cursor' })).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect((await notices('2202', day)).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('the published catalogue 信息发布', () => {
  const item = (overrides: Record<string, unknown> = {}) => ({
    regionCode: COUNTY,
    kind: 'SERVICE_PURCHASE',
    title: '蛟河市2025年政府购买社会组织服务项目公告',
    body: '面向本县社会组织征集服务项目，申报截止日期见原文。',
    link: 'https://example.gov.cn/notice/1',
    publishedOn: '2025-06-01',
    ...overrides,
  });
  const publish = (input: Record<string, unknown>, who: Promise<string | null> | null = clerk(), headers: Record<string, string> = {}) =>
    request(contract('PublishItem'), { input }, { token: who, headers });
  const listed = async (scope: string, kind?: string) =>
    (await request(contract('PublishedItems'), { scope, kind, first: 500 }, anonymous)).data.publishedItems.nodes.map((n: { id: string }) => n.id);

  it('lets a county publish for itself and its center, and anyone read both in the county, prefecture and province', async () => {
    const own = await publish(item());
    const center = await publish(item({ regionCode: undefined, hostId, kind: 'ACTIVITY', title: '孵化中心开放日活动安排' }));
    expect(own.errors).toBeUndefined();
    expect(center.errors).toBeUndefined();
    expect(own.data.publishItem).toMatchObject({ publisherLevel: 'COUNTY', regionCode: COUNTY, kind: 'SERVICE_PURCHASE' });
    expect(center.data.publishItem).toMatchObject({ publisherLevel: 'CENTER', regionCode: COUNTY });
    for (const scope of [COUNTY, PREFECTURE, '220000', '000000']) {
      expect(await listed(scope)).toEqual(expect.arrayContaining([own.data.publishItem.id, center.data.publishItem.id]));
    }
    expect(await listed('220102')).not.toContain(own.data.publishItem.id);
    expect(await listed(COUNTY, 'ACTIVITY')).toEqual(expect.arrayContaining([center.data.publishItem.id]));
    expect(await listed(COUNTY, 'ACTIVITY')).not.toContain(own.data.publishItem.id);
    const { publishedItems } = await data(contract('PublishedItems'), { scope: COUNTY, kind: 'ACTIVITY' }, anonymous);
    const shown = publishedItems.nodes.find((n: { id: string }) => n.id === center.data.publishItem.id);
    expect(shown).toMatchObject({ county: { name: '蛟河市' }, center: { name: expect.any(String) }, station: null });
  });

  it('lets the province administrators publish for the province and a prefecture', async () => {
    const anonymousWrite = await publish(item({ regionCode: '220000', kind: 'POLICY', title: '匿名发布' }), null);
    expect(anonymousWrite.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    // request() calls as the province administrator unless told otherwise.
    const admin = await request(contract('PublishItem'), { input: item({ regionCode: '220000', kind: 'POLICY', title: '省级政策' }) });
    const prefecture = await request(contract('PublishItem'), { input: item({ regionCode: PREFECTURE, kind: 'RESULT', title: '市级结果公示' }) });
    expect(admin.data.publishItem).toMatchObject({ publisherLevel: 'PROVINCE', regionCode: '220000' });
    expect(prefecture.data.publishItem).toMatchObject({ publisherLevel: 'PREFECTURE', regionCode: PREFECTURE });
    expect(await listed('220000', 'POLICY')).toContain(admin.data.publishItem.id);
    expect(await listed(COUNTY)).not.toContain(admin.data.publishItem.id);
    // A county's board with what its prefecture and province published around it; not a neighbour's.
    const around = async (scope: string) =>
      (await data(contract('PublishedItems'), { scope, enclosing: true, first: 500 }, anonymous)).publishedItems.nodes.map((n: { id: string }) => n.id);
    expect(await around(COUNTY)).toEqual(expect.arrayContaining([admin.data.publishItem.id, prefecture.data.publishItem.id]));
    expect(await around('220102')).toContain(admin.data.publishItem.id);
    expect(await around('220102')).not.toContain(prefecture.data.publishItem.id);
  });

  it.each([
    ['another county', () => item({ regionCode: '220102' }), 'FORBIDDEN'],
    ['its prefecture', () => item({ regionCode: PREFECTURE }), 'FORBIDDEN'],
    ['the province', () => item({ regionCode: '220000' }), 'FORBIDDEN'],
    ["another county's center", () => item({ regionCode: undefined, hostId: otherCenter }), 'FORBIDDEN'],
    ['a title past 200 characters', () => item({ title: '长'.repeat(201) }), 'BAD_USER_INPUT'],
    ['a blank title', () => item({ title: '   ' }), 'BAD_USER_INPUT'],
    ['a body past 4,000 characters', () => item({ body: '长'.repeat(4001) }), 'BAD_USER_INPUT'],
    ['a link that is not http(s)', () => item({ link: 'javascript:alert(1)' }), 'BAD_USER_INPUT'],
    ['both a region and a host', () => item({ hostId }), 'BAD_USER_INPUT'],
    ['neither a region nor a host', () => item({ regionCode: undefined }), 'BAD_USER_INPUT'],
    ['the nation as publisher', () => item({ regionCode: '000000' }), 'BAD_USER_INPUT'],
    ['a future day', () => item({ publishedOn: '2099-01-01' }), 'BAD_USER_INPUT'],
  ])("refuses a county clerk's item for %s, changing nothing", async (_label, input, code) => {
    const before = await fingerprint('organizations');
    const response = await publish(input());
    expect(response.errors?.[0]?.extensions?.code).toBe(code);
    expect(response.errors?.[0]?.message).toMatch(/\w/);
    expect(await fingerprint('organizations')).toEqual(before);
  });

  it('withdraws an item: gone from the public list, kept in the audit trail with both writes; a second withdrawal is CONFLICT', async () => {
    const { publishItem } = await data(contract('PublishItem'), { input: item({ title: '将撤回的公告' }) }, { token: clerk() });
    expect(await listed(COUNTY)).toContain(publishItem.id);
    const foreign = await request(contract('WithdrawItem'), { id: publishItem.id, on: '2025-06-02', reason: '测试' }, { token: token('--role', 'county', '--region', '220102') });
    expect(foreign.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const { withdrawItem } = await data(contract('WithdrawItem'), { id: publishItem.id, on: '2025-06-02', reason: '信息有误' }, { token: clerk() });
    expect(withdrawItem).toEqual({ id: publishItem.id, withdrawnOn: '2025-06-02', withdrawalReason: '信息有误' });
    expect(await listed(COUNTY)).not.toContain(publishItem.id);
    const again = await request(contract('WithdrawItem'), { id: publishItem.id, on: '2025-06-03', reason: '再次' }, { token: clerk() });
    expect(again.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const audit = await withDatabase('organizations', async (db) =>
      (await db.query(`select operation, county_code, actor, after from audit_entry where entity_type = 'PublishedItem' and entity_id = $1 order by at`, [publishItem.id])).rows,
    );
    expect(audit.map((a) => [a.operation, a.county_code])).toEqual([['publishItem', COUNTY], ['withdrawItem', COUNTY]]);
    expect(audit[1].after).toMatchObject({ title: '将撤回的公告', withdrawnOn: '2025-06-02' });
  });

  it('publishes once under an Idempotency-Key, however often the request is sent', async () => {
    const key = randomUUID();
    const input = item({ title: `幂等测试 ${key}` });
    const first = await publish(input, clerk(), { 'idempotency-key': key });
    const second = await publish(input, clerk(), { 'idempotency-key': key });
    expect(second.data.publishItem.id).toBe(first.data.publishItem.id);
    const count = await withDatabase('organizations', async (db) => (await db.query(`select count(*)::int as n from published_item where title = $1`, [input.title])).rows[0].n);
    expect(count).toBe(1);
  });

  it('pages the catalogue with cursors and refuses a page past the cap', async () => {
    for (let i = 0; i < 3; i++) await publish(item({ title: `分页测试 ${i}`, publishedOn: `2025-07-0${i + 1}` }));
    const whole = await listed(COUNTY);
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const { publishedItems }: any = await data(contract('PublishedItems'), { scope: COUNTY, first: 2, after }, anonymous);
      seen.push(...publishedItems.nodes.map((n: { id: string }) => n.id));
      after = publishedItems.pageInfo.hasNextPage ? publishedItems.pageInfo.endCursor : null;
    } while (after);
    expect(seen).toEqual(whole);
    const refused = await request(contract('PublishedItems'), { scope: COUNTY, first: 501 }, anonymous);
    expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
