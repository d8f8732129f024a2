// Lost updates (issue 9, point 2): each mutation that edits a record is raced by parallel callers, and
// afterwards the record's audit trail must be a chain, each entry's `before` the previous entry's
// `after`, with exactly the acknowledged updates in it. Its own federation (register only, no demo), so
// the shared one keeps its thresholds and designations.
import { Client } from 'pg';
import { contract } from './support/contract';
import { data, request, type GraphQLResponse } from './support/client';
import { admitted, openCenter, validApplication } from './support/lifecycle';
import { ownFederation, type TestFederation } from './support/start';

const own = ownFederation();
let federation: TestFederation;
let hostId: string;
let towns: string[];

beforeAll(async () => {
  federation = own();
  hostId = (await openCenter('220102')).id;
  towns = (await data(`{ county(code: "220102") { towns { code } } }`)).county.towns.map((t: { code: string }) => t.code);
});

interface Entry {
  operation: string;
  change: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

/** A record's audit entries, oldest first (by the clock; entries within a millisecond may come in either order). */
async function trail(subgraph: string, entityType: string, entityId: string): Promise<Entry[]> {
  const client = new Client({ connectionString: federation.databaseUrls[subgraph] });
  await client.connect();
  try {
    const { rows } = await client.query(
      `select operation, change::text, before, after from audit_entry where entity_type = $1 and entity_id = $2 order by at`,
      [entityType, entityId],
    );
    return rows;
  } finally {
    await client.end();
  }
}

/** A record as the audit shows it, a related record by its id (the entry that loaded it shows it whole). */
const normal = (record: Record<string, unknown> | null) =>
  record && JSON.stringify(Object.fromEntries(Object.entries(record).map(([k, v]) => [k, v && typeof v === 'object' && 'id' in v ? (v as { id: unknown }).id : v])));

/**
 * Each entry starts from where the one before it left the record, so no update was lost: some order of
 * all the entries is a chain from the first. Entries of one millisecond are tried in every order.
 */
function expectChain(entries: Entry[]) {
  const chained = (start: string | null, left: Entry[]): boolean =>
    left.length === 0 || left.some((entry, i) => normal(entry.before) === start && chained(normal(entry.after), left.filter((_, j) => j !== i)));
  const chain = entries.length === 0 || entries.some((first, i) => chained(normal(first.after), entries.filter((_, j) => j !== i)));
  if (!chain) throw new Error(`the audit trail is not a chain:\n${entries.map((e) => `${normal(e.before)} → ${normal(e.after)}`).join('\n')}`);
}

const day = (month: number, n: number) => `2024-${String(month).padStart(2, '0')}-${String(n).padStart(2, '0')}`;
const acknowledged = (responses: GraphQLResponse[], field: string) => responses.filter((r) => r.data?.[field] && !r.errors);
const codes = (responses: GraphQLResponse[]) => [...new Set(responses.flatMap((r) => (r.errors ?? []).map((e) => e.extensions?.code)))];

describe('races on records a clerk edits', () => {
  it('designateLargeTown: 20 withdrawals on different days keep exactly the one acknowledged', async () => {
    const town = towns[0];
    const designate = `mutation($code: ID!, $isLarge: Boolean!, $on: Date) { designateLargeTown(code: $code, isLarge: $isLarge, on: $on) { code } }`;
    await data(designate, { code: town, isLarge: true, on: '2024-01-01' });
    const responses = await Promise.all(Array.from({ length: 20 }, (_, i) => request(designate, { code: town, isLarge: false, on: day(2, i + 1) })));
    expect(acknowledged(responses, 'designateLargeTown')).toHaveLength(1);
    expect(codes(responses)).toEqual(['CONFLICT']);
    const client = new Client({ connectionString: federation.databaseUrls.stations });
    await client.connect();
    const { rows } = await client.query(`select id, "until"::text from large_town_designation where town_code = $1`, [town]);
    await client.end();
    expect(rows).toHaveLength(1);
    const entries = await trail('stations', 'LargeTownDesignation', rows[0].id);
    expect(entries.map((e) => e.change)).toEqual(['create', 'update']);
    expectChain(entries);
    expect(entries[1].after).toMatchObject({ until: rows[0].until });
  });

  it('designateLargeTown: 20 designations and withdrawals at once leave one history, never two open', async () => {
    const town = towns[1];
    const designate = `mutation($code: ID!, $isLarge: Boolean!, $on: Date) { designateLargeTown(code: $code, isLarge: $isLarge, on: $on) { code } }`;
    const responses = await Promise.all(Array.from({ length: 20 }, (_, i) => request(designate, { code: town, isLarge: i % 2 === 0, on: day(3, i + 1) })));
    expect(codes(responses).filter((c) => c !== 'CONFLICT' && c !== 'BAD_USER_INPUT')).toEqual([]);
    const client = new Client({ connectionString: federation.databaseUrls.stations });
    await client.connect();
    const { rows } = await client.query(`select id from large_town_designation where town_code = $1`, [town]);
    const open = await client.query(`select count(*)::int as n from large_town_designation where town_code = $1 and "until" is null`, [town]);
    await client.end();
    expect(open.rows[0].n).toBeLessThanOrEqual(1);
    for (const { id } of rows) expectChain(await trail('stations', 'LargeTownDesignation', id));
  });

  it('setMilestoneCheck: 20 parallel threshold changes each start from the one before', async () => {
    const set = `mutation($min: Int) { setMilestoneCheck(year: 2017, rule: "center-incubations-per-year", min: $min) { min } }`;
    const responses = await Promise.all(Array.from({ length: 20 }, (_, i) => request(set, { min: i + 1 })));
    expect(acknowledged(responses, 'setMilestoneCheck')).toHaveLength(20);
    const client = new Client({ connectionString: federation.databaseUrls.province });
    await client.connect();
    const { rows } = await client.query(`select c.id, c.min from milestone_check c where c.milestone_year = 2017 and c.rule = 'center-incubations-per-year'`);
    await client.end();
    const entries = await trail('province', 'MilestoneCheck', String(rows[0].id));
    expect(entries).toHaveLength(20);
    expectChain(entries);
    expect(entries[19].after).toMatchObject({ min: rows[0].min });
  });

  it('setMilestoneCountsDevelopmentZones: 20 parallel toggles form one chain', async () => {
    const set = `mutation($counts: Boolean!) { setMilestoneCountsDevelopmentZones(year: 2020, counts: $counts) { countsDevelopmentZones } }`;
    const responses = await Promise.all(Array.from({ length: 20 }, (_, i) => request(set, { counts: i % 2 === 0 })));
    expect(acknowledged(responses, 'setMilestoneCountsDevelopmentZones')).toHaveLength(20);
    expectChain(await trail('province', 'Milestone', '2020'));
    await data(set, { counts: false });
  });

  it('closeIncubationStation: 10 closings on different days, one acknowledged', async () => {
    const { openIncubationStation } = await data(contract('OpenStation'), { input: { townCode: towns[2], name: '竞态测试孵化站', establishedOn: '2023-05-01' } });
    const close = `mutation($id: ID!, $on: Date!) { closeIncubationStation(id: $id, on: $on) { closedOn } }`;
    const responses = await Promise.all(Array.from({ length: 10 }, (_, i) => request(close, { id: openIncubationStation.id, on: day(4, i + 1) })));
    expect(acknowledged(responses, 'closeIncubationStation')).toHaveLength(1);
    expect(codes(responses)).toEqual(['CONFLICT']);
    const entries = await trail('stations', 'IncubationStation', openIncubationStation.id);
    expect(entries.map((e) => e.change)).toEqual(['create', 'update']);
    expectChain(entries);
  });

  it('acceptApplication: 10 acceptances on different days, one acknowledged', async () => {
    const { submitApplication } = await data(contract('SubmitApplication'), { input: validApplication(hostId, { organizationName: '竞态受理测试社', submittedOn: '2024-03-01' }) });
    const responses = await Promise.all(Array.from({ length: 10 }, (_, i) => request(contract('AcceptApplication'), { id: submitApplication.id, acceptedOn: day(3, i + 2) })));
    expect(acknowledged(responses, 'acceptApplication')).toHaveLength(1);
    expect(codes(responses)).toEqual(['CONFLICT']);
    const entries = await trail('organizations', 'Application', submitApplication.id);
    expect(entries.map((e) => e.change)).toEqual(['create', 'update']);
    expectChain(entries);
  });

  it('graduate and exitIncubation: 10 endings at once, one acknowledged', async () => {
    const { incubation } = await admitted(hostId, { organizationName: '竞态出壳测试社' }, '2024-01-10');
    const responses = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        i % 2 ? request(contract('Graduate'), { incubationId: incubation.id, graduatedOn: day(6, i + 1) }) : request(contract('ExitIncubation'), { incubationId: incubation.id, exitedOn: day(6, i + 1), reason: '竞态' }),
      ),
    );
    expect(responses.filter((r) => (r.data?.graduate || r.data?.exitIncubation) && !r.errors)).toHaveLength(1);
    expect(codes(responses)).toEqual(['CONFLICT']);
    const entries = await trail('organizations', 'Incubation', incubation.id);
    expect(entries.map((e) => e.change)).toEqual(['create', 'update']);
    expectChain(entries);
  });
});

describe('evaluations belong to half-years that are over and inside the incubation (issue 9, point 7)', () => {
  it('refuses a half-year that has not ended, and an ending before an evaluated half-year began', async () => {
    const { incubation } = await admitted(hostId, { organizationName: '评估期测试社' }, '2024-01-20');
    const now = new Date().toISOString().slice(0, 10);
    const current = `${now.slice(0, 4)}H${now.slice(5, 7) <= '06' ? 1 : 2}`;
    const early = await request(contract('RecordEvaluation'), { incubationId: incubation.id, period: current, score: 80 });
    expect(early.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(early.errors?.[0]?.message).toMatch(/not over yet/);
    await data(contract('RecordEvaluation'), { incubationId: incubation.id, period: '2024H2', score: 80 });
    const graduate = await request(contract('Graduate'), { incubationId: incubation.id, graduatedOn: '2024-05-01' });
    expect(graduate.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(graduate.errors?.[0]?.message).toMatch(/2024H2 is evaluated already/);
    const exit = await request(contract('ExitIncubation'), { incubationId: incubation.id, exitedOn: '2024-06-30', reason: '提前退出' });
    expect(exit.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect((await data(contract('Graduate'), { incubationId: incubation.id, graduatedOn: '2024-07-01' })).graduate.status).toBe('GRADUATED');
  });
});
