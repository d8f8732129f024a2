// The incubation process as a county system records it (R1–R6, C1–C4), through the gateway's contract
// mutations, against the seeded Jilin federation. 德惠市 (220183) has no center in the demo: the tests
// open one and work there, so no demo fact they compare against is touched.
import { contract } from './support/contract';
import { data, request } from './support/client';
import { fingerprint, withDatabase } from './support/database';
import { admitted, errorCode, openCenter, throughNotice, validApplication } from './support/lifecycle';

const COUNTY = '220183';
let hostId: string;

beforeAll(async () => {
  hostId = (await openCenter(COUNTY)).id;
});

describe('R1 apply: conditions C1–C4', () => {
  it('files an application that meets every condition as SUBMITTED', async () => {
    const { submitApplication } = await data(contract('SubmitApplication'), { input: validApplication(hostId) });
    expect(submitApplication.status).toBe('SUBMITTED');
  });

  it.each([
    ['C1', { compliesWithRegulations: false }],
    ['C2', { grassRootsDirectService: false }],
    ['C3', { needsIncubationServices: false }],
    ['C4', { fullTimeStaff: 0 }],
  ])('rejects an applicant failing %s, naming it, and stores nothing', async (condition, override) => {
    const before = await fingerprint('organizations');
    const { code, message } = await errorCode('SubmitApplication', { input: validApplication(hostId, override) });
    expect(code).toBe('BAD_USER_INPUT');
    expect(message).toMatch(new RegExp(`^${condition}:`));
    expect(await fingerprint('organizations')).toEqual(before);
  });

  it('rejects an application to a host that does not exist, with NOT_FOUND', async () => {
    const { code, message } = await errorCode('SubmitApplication', { input: validApplication('00000000-0000-4000-8000-000000000000') });
    expect(code).toBe('NOT_FOUND');
    expect(message).toMatch(/No incubation center or station/);
  });

  it('rejects an application dated before its host opened', async () => {
    const { code, message } = await errorCode('SubmitApplication', { input: validApplication(hostId, { submittedOn: '2023-12-01' }) });
    expect(code).toBe('BAD_USER_INPUT');
    expect(message).toMatch(/was not open on 2023-12-01/);
  });

  it('accepts a station as host: the owning subgraph answers for it', async () => {
    const { county } = await data(`{ county(code: "220122") { stations { id } } }`);
    const { submitApplication } = await data(contract('SubmitApplication'), { input: validApplication(county.stations[0].id, { organizationName: '站点申请测试社' }) });
    const { application } = await data(`query($id: ID!) { application(id: $id) { hostKind hostId } }`, { id: submitApplication.id });
    expect(application).toEqual({ hostKind: 'STATION', hostId: county.stations[0].id });
  });
});

describe('R2 admit: steps in order', () => {
  it('walks 受理 → 初审 → 评审 → 公示 → 入驻 and opens an incubation', async () => {
    const { id, admitOn } = await throughNotice(hostId, { organizationName: '顺序测试服务社' });
    const { admit } = await data(contract('Admit'), { applicationId: id, admittedOn: admitOn, plannedEndOn: '2026-06-30' });
    expect(admit).toMatchObject({ status: 'INCUBATING', admittedOn: admitOn, organization: { name: '顺序测试服务社' } });
    const { application } = await data(`query($id: ID!) { application(id: $id) { status totalScore acceptedOn noticeTo decidedOn } }`, { id });
    expect(application).toEqual({ status: 'ADMITTED', totalScore: 310, acceptedOn: '2025-03-03', noticeTo: '2025-03-22', decidedOn: admitOn });
  });

  it('refuses every step out of order with CONFLICT and changes nothing', async () => {
    const { submitApplication } = await data(contract('SubmitApplication'), { input: validApplication(hostId, { organizationName: '乱序测试社' }) });
    const id = submitApplication.id;
    const before = await fingerprint('organizations');
    const outOfOrder: [string, Record<string, unknown>][] = [
      ['PassPreliminaryReview', { id, preliminaryReviewedOn: '2025-03-05' }],
      ['RecordExpertReview', { id, input: { expertReviewedOn: '2025-03-10', publicBenefit: 90, feasibility: 90, team: 90, potential: 90 } }],
      ['PublishNotice', { id, noticeFrom: '2025-03-11', noticeTo: '2025-03-20' }],
      ['Admit', { applicationId: id, admittedOn: '2025-04-01', plannedEndOn: '2026-04-01' }],
    ];
    for (const [operation, variables] of outOfOrder) {
      const { code, message } = await errorCode(operation, variables);
      expect([operation, code]).toEqual([operation, 'CONFLICT']);
      expect(message).toMatch(/the application is SUBMITTED/);
    }
    await data(contract('AcceptApplication'), { id, acceptedOn: '2025-03-02' });
    expect((await errorCode('AcceptApplication', { id, acceptedOn: '2025-03-03' })).code).toBe('CONFLICT');
    const after = await fingerprint('organizations');
    // The acceptance itself was recorded, with one audit entry; the refused steps left no trace.
    expect(after.application).not.toEqual(before.application);
    expect(Number(after.audit_entry.split(':')[0])).toBe(Number(before.audit_entry.split(':')[0]) + 1);
    expect({ ...after, application: '', audit_entry: '' }).toEqual({ ...before, application: '', audit_entry: '' });
  });

  it('refuses admission before the public notice has ended', async () => {
    const { id, day } = await throughNotice(hostId, { organizationName: '公示未满测试社' });
    const { code, message } = await errorCode('Admit', { applicationId: id, admittedOn: day(21), plannedEndOn: '2026-06-30' });
    expect(code).toBe('CONFLICT');
    expect(message).toMatch(/notice runs until 2025-03-22/);
  });

  it('refuses a notice shorter than the configured minimum', async () => {
    const { submitApplication } = await data(contract('SubmitApplication'), { input: validApplication(hostId, { organizationName: '短公示测试社' }) });
    const id = submitApplication.id;
    await data(contract('AcceptApplication'), { id, acceptedOn: '2025-03-02' });
    await data(contract('PassPreliminaryReview'), { id, preliminaryReviewedOn: '2025-03-03' });
    await data(contract('RecordExpertReview'), { id, input: { expertReviewedOn: '2025-03-04', publicBenefit: 80, feasibility: 80, team: 80, potential: 80 } });
    const { code, message } = await errorCode('PublishNotice', { id, noticeFrom: '2025-03-05', noticeTo: '2025-03-07' });
    expect(code).toBe('BAD_USER_INPUT');
    expect(message).toMatch(/at least 7 days/);
  });

  it('ends an application whose expert total is below the pass mark, with the reason', async () => {
    const { submitApplication } = await data(contract('SubmitApplication'), { input: validApplication(hostId, { organizationName: '低分测试社' }) });
    const id = submitApplication.id;
    await data(contract('AcceptApplication'), { id, acceptedOn: '2025-03-02' });
    await data(contract('PassPreliminaryReview'), { id, preliminaryReviewedOn: '2025-03-03' });
    const { recordExpertReview } = await data(contract('RecordExpertReview'), { id, input: { expertReviewedOn: '2025-03-04', publicBenefit: 50, feasibility: 60, team: 55, potential: 50 } });
    expect(recordExpertReview.status).toBe('REJECTED');
    const { application } = await data(`query($id: ID!) { application(id: $id) { rejectionReason } }`, { id });
    expect(application.rejectionReason).toMatch(/215 is below the pass mark 240/);
    expect((await errorCode('PublishNotice', { id, noticeFrom: '2025-03-05', noticeTo: '2025-03-20' })).code).toBe('CONFLICT');
  });

  it('refuses admission after an upheld objection', async () => {
    const { id, day } = await throughNotice(hostId, { organizationName: '异议测试社' });
    const { recordObjection } = await data(`mutation($id: ID!, $on: Date!) { recordObjection(applicationId: $id, on: $on, text: "发起人不符合条件") { id } }`, { id, on: day(16) });
    await data(`mutation($id: ID!, $on: Date!) { decideObjection(id: $id, upheld: true, on: $on) { upheld } }`, { id: recordObjection.id, on: day(20) });
    const { code } = await errorCode('Admit', { applicationId: id, admittedOn: day(22), plannedEndOn: '2026-06-30' });
    expect(code).toBe('CONFLICT');
    const { application } = await data(`query($id: ID!) { application(id: $id) { status rejectionReason } }`, { id });
    expect(application).toEqual({ status: 'REJECTED', rejectionReason: 'objection upheld: 发起人不符合条件' });
  });

  it('refuses a second admission of an organization that is already incubating', async () => {
    const first = await admitted(hostId, { organizationName: '二次入驻测试社' });
    const organizationId = first.incubation.organization.id;
    const { code } = await errorCode('SubmitApplication', { input: validApplication(hostId, { organizationId, organizationName: '二次入驻测试社' }) });
    // The organization has no pending application, so it may apply; admission is what must fail.
    expect(code).toBeUndefined();
    const { organization } = await data(contract('Organization'), { id: organizationId });
    const pending = organization.applications.find((a: any) => a.status === 'SUBMITTED');
    await data(contract('AcceptApplication'), { id: pending.id, acceptedOn: '2025-04-01' });
    await data(contract('PassPreliminaryReview'), { id: pending.id, preliminaryReviewedOn: '2025-04-02' });
    await data(contract('RecordExpertReview'), { id: pending.id, input: { expertReviewedOn: '2025-04-03', publicBenefit: 80, feasibility: 80, team: 80, potential: 80 } });
    await data(contract('PublishNotice'), { id: pending.id, noticeFrom: '2025-04-04', noticeTo: '2025-04-10' });
    const before = await fingerprint('organizations');
    const second = await errorCode('Admit', { applicationId: pending.id, admittedOn: '2025-04-11', plannedEndOn: '2026-04-11' });
    expect(second.code).toBe('CONFLICT');
    expect(second.message).toMatch(/already being incubated/);
    expect(await fingerprint('organizations')).toEqual(before);
  });
});

describe('concurrency and integrity', () => {
  it('admits once when two admissions of the same application race', async () => {
    const { id, admitOn } = await throughNotice(hostId, { organizationName: '并发入驻测试社' });
    const variables = { applicationId: id, admittedOn: admitOn, plannedEndOn: '2026-06-30' };
    const results = await Promise.all([request(contract('Admit'), variables), request(contract('Admit'), variables)]);
    const failed = results.filter((r) => r.errors);
    expect(results.filter((r) => r.data?.admit)).toHaveLength(1);
    expect(failed).toHaveLength(1);
    expect(failed[0].errors![0].extensions?.code).toBe('CONFLICT');
    const count = await withDatabase('organizations', (c) =>
      c.query(`select count(*)::int as n from incubation i join application a on a.id = i.application_id where a.id = $1`, [id]),
    );
    expect(count.rows[0].n).toBe(1);
  });

  it('records one evaluation when two of the same half-year race', async () => {
    const { incubation } = await admitted(hostId, { organizationName: '并发评估测试社' }, '2024-03-01');
    const variables = { incubationId: incubation.id, period: '2024H2', score: 80 };
    const results = await Promise.all([request(contract('RecordEvaluation'), variables), request(contract('RecordEvaluation'), { ...variables, score: 81 })]);
    expect(results.filter((r) => r.data?.recordEvaluation)).toHaveLength(1);
    expect(results.find((r) => r.errors)!.errors![0].extensions?.code).toBe('CONFLICT');
    const { organization } = await data(contract('Organization'), { id: incubation.organization.id });
    expect(organization.incubations[0].evaluations.map((e: any) => e.period)).toEqual(['2024H2']);
  });

  it('decides an objection once when two decisions race, and the application follows the winner', async () => {
    const { id, day } = await throughNotice(hostId, { organizationName: '并发异议测试社' });
    const { recordObjection } = await data(`mutation($id: ID!, $on: Date!) { recordObjection(applicationId: $id, on: $on, text: "并发") { id } }`, { id, on: day(16) });
    const decide = (upheld: boolean) =>
      request(`mutation($id: ID!, $u: Boolean!, $on: Date!) { decideObjection(id: $id, upheld: $u, on: $on) { upheld } }`, { id: recordObjection.id, u: upheld, on: day(18) });
    const results = await Promise.all([decide(true), decide(false)]);
    const won = results.filter((r) => r.data?.decideObjection);
    expect(won).toHaveLength(1);
    expect(results.find((r) => r.errors)!.errors![0].extensions?.code).toBe('CONFLICT');
    const { application } = await data(`query($id: ID!) { application(id: $id) { status objections { upheld } } }`, { id });
    const upheld = won[0].data.decideObjection.upheld;
    expect(application).toEqual({ status: upheld ? 'REJECTED' : 'IN_NOTICE', objections: [{ upheld }] });
  });

  it('holds "one application under review per organization" in the database itself', async () => {
    const { submitApplication } = await data(contract('SubmitApplication'), { input: validApplication(hostId, { organizationName: '重复申请测试社' }) });
    const violation = await withDatabase('organizations', (c) =>
      c
        .query(
          `insert into application (id, organization_id, host_id, host_kind, county_code, status, submitted_on)
           select gen_random_uuid(), organization_id, host_id, host_kind, county_code, 'SUBMITTED', submitted_on from application where id = $1`,
          [submitApplication.id],
        )
        .then(() => null, (error: { constraint?: string }) => error.constraint),
    );
    expect(violation).toBe('application_one_pending_per_organization');
  });

  it('holds "one open incubation per organization" in the database itself', async () => {
    const { incubation } = await admitted(hostId, { organizationName: '约束测试社' }, '2024-05-01');
    const violation = await withDatabase('organizations', (c) =>
      c
        .query(
          `insert into incubation (id, organization_id, application_id, host_id, host_kind, county_code, status, admitted_on, planned_end_on)
           select gen_random_uuid(), organization_id, (select id from application where organization_id = i.organization_id limit 1), host_id, host_kind, county_code, 'INCUBATING', admitted_on, planned_end_on
           from incubation i where id = $1`,
          [incubation.id],
        )
        .then(() => null, (error: { constraint?: string }) => error.constraint),
    );
    expect(violation).toMatch(/incubation_one_(open_per_organization|per_application)/);
  });
});

describe('R3–R6: incubate, evaluate, graduate or exit', () => {
  it('keeps dates consistent and records a whole lifecycle', async () => {
    const { incubation, admitOn } = await admitted(hostId, { organizationName: '全流程测试社', category: 'ELDERLY_CARE', fullTimeStaff: 2 }, '2024-01-15');
    const id = incubation.id;
    // Evaluations: a half-year before admission, a malformed period, a score out of range.
    expect((await errorCode('RecordEvaluation', { incubationId: id, period: '2023H2', score: 80 })).code).toBe('BAD_USER_INPUT');
    expect((await errorCode('RecordEvaluation', { incubationId: id, period: '2024Q1', score: 80 })).code).toBe('BAD_USER_INPUT');
    expect((await errorCode('RecordEvaluation', { incubationId: id, period: '2024H1', score: 101 })).code).toBe('BAD_USER_INPUT');
    await data(contract('RecordEvaluation'), { incubationId: id, period: '2024H1', score: 78 });
    await data(contract('RecordEvaluation'), { incubationId: id, period: '2024H2', score: 85 });
    await data(`mutation($id: ID!) { recordService(incubationId: $id, kind: CAPACITY_TRAINING, deliveredOn: "2024-05-10", note: "财务培训") { id } }`, { id });
    const grant = await data(`mutation($id: ID!) { recordMicroGrant(incubationId: $id, amountYuan: "5000.50", grantedOn: "2024-06-01", source: PUBLIC_FINANCE) { amountYuan grantedOn source } }`, { id });
    expect(grant.recordMicroGrant).toEqual({ amountYuan: '5000.50', grantedOn: '2024-06-01', source: 'PUBLIC_FINANCE' });
    // Graduation before admission is refused; then it graduates, and cannot exit afterwards.
    expect((await errorCode('Graduate', { incubationId: id, graduatedOn: '2024-01-01' })).code).toBe('BAD_USER_INPUT');
    const { graduate } = await data(contract('Graduate'), { incubationId: id, graduatedOn: '2025-02-20' });
    expect(graduate).toEqual({ id, status: 'GRADUATED', graduatedOn: '2025-02-20' });
    expect((await errorCode('ExitIncubation', { incubationId: id, exitedOn: '2025-03-01', reason: '迟到的退出' })).code).toBe('CONFLICT');
    expect((await errorCode('RecordEvaluation', { incubationId: id, period: '2025H2', score: 80 })).code).toBe('BAD_USER_INPUT');
    await data(`mutation($id: ID!) { recordFollowUp(incubationId: $id, kind: PROJECT_RECOMMENDATION, followedUpOn: "2025-05-01") { kind followedUpOn } }`, { id });

    const { organization } = await data(contract('Organization'), { id: incubation.organization.id });
    expect(organization).toMatchObject({ name: '全流程测试社', category: 'ELDERLY_CARE', fullTimeStaff: 2 });
    expect(organization.applications).toEqual([{ id: expect.any(String), status: 'ADMITTED', submittedOn: '2024-01-15' }]);
    expect(organization.incubations).toEqual([
      {
        id,
        status: 'GRADUATED',
        admittedOn: admitOn,
        graduatedOn: '2025-02-20',
        exitedOn: null,
        evaluations: [{ period: '2024H1', score: 78 }, { period: '2024H2', score: 85 }],
      },
    ]);
  });

  it('exits an incubation with its reason (R6)', async () => {
    const { incubation } = await admitted(hostId, { organizationName: '退出测试社' }, '2024-02-01');
    expect((await errorCode('ExitIncubation', { incubationId: incubation.id, exitedOn: '2024-06-01', reason: '  ' })).code).toBe('BAD_USER_INPUT');
    const { exitIncubation } = await data(contract('ExitIncubation'), { incubationId: incubation.id, exitedOn: '2024-06-01', reason: '核心成员离开' });
    expect(exitIncubation).toEqual({ id: incubation.id, status: 'EXITED', exitedOn: '2024-06-01' });
  });

  it('lists incubations whose half-yearly evaluation is overdue', async () => {
    const { incubation } = await admitted(hostId, { organizationName: '逾期评估测试社' }, '2024-08-01');
    await data(contract('RecordEvaluation'), { incubationId: incubation.id, period: '2025H1', score: 70 });
    const { overdueEvaluations } = await data(
      `query($host: ID!) { overdueEvaluations(hostId: $host, asOf: "2025-08-01", first: 1000) { period incubation { id } } }`,
      { host: hostId },
    );
    const mine = overdueEvaluations.filter((o: any) => o.incubation.id === incubation.id).map((o: any) => o.period);
    expect(mine).toEqual(['2024H2']); // 2025H1 was evaluated; 2025H2 has not ended on 2025-08-01
    const byCounty = await data(`{ overdueEvaluations(countyCode: "${COUNTY}", asOf: "2025-08-01", first: 1000) { incubation { id } } }`);
    expect(byCounty.overdueEvaluations.map((o: any) => o.incubation.id)).toContain(incubation.id);
  });
});

describe('counts for the targets', () => {
  it('counts admissions per host and year in a constant number of SQL statements', async () => {
    const { counted } = await import('./support/client');
    const query = `query($codes: [ID!]) { counties(codes: $codes) { incubationCenter { admitted(year: 2017) } stations { admitted(year: 2017) } } }`;
    const few = await counted(() => data(query, { codes: ['220104', '220105'] }));
    const all = await counted(() => data(query, {}));
    expect(all.result.counties.length).toBe(69 + 22); // Jilin and Ningxia: the test seed
    expect(all.counts.perSubgraph.organizations.sql).toBe(few.counts.perSubgraph.organizations.sql);
    expect(all.counts.subgraphFetches).toBe(few.counts.subgraphFetches);
    console.log(`admitted(year) over every center and station of the test seed: ${JSON.stringify(all.counts)}`);
  });
});

describe('centers open and close on consistent days', () => {
  // 四平市铁东区 (220303) has no center in the demo.
  it('refuses a closing day in the future, and a new center before the last one closed', async () => {
    const { id } = await openCenter('220303', '2023-01-01');
    const close = (on: string) => request(`mutation($id: ID!, $on: Date!) { closeIncubationCenter(id: $id, on: $on) { closedOn } }`, { id, on });
    const future = await close('2099-01-01');
    expect(future.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' }, message: expect.stringMatching(/in the future/) });
    expect((await close('2024-01-01')).data.closeIncubationCenter).toEqual({ closedOn: '2024-01-01' });
    const overlap = await request(contract('OpenCenter'), {
      input: { countyCode: '220303', name: '铁东区新孵化中心', establishedOn: '2023-06-01', constructionMode: 'OTHER', operationMode: 'PURCHASED_SERVICE', operator: '铁东区民政局' },
    });
    expect(overlap.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' }, message: expect.stringMatching(/open until 2024-01-01/) });
    const { county } = await data(`{ county(code: "220303") { incubationCenter(asOf: "2023-06-01") { id } } }`);
    expect(county.incubationCenter).toEqual({ id }); // one center on that day, not two
    expect((await openCenter('220303', '2024-01-01')).id).toBeTruthy(); // from the closing day on, it may
  });

  it('opens one center when two openings in the same county race, and tells the other clerk why', async () => {
    const { county } = await data(`{ county(code: "220303") { incubationCenter { id } } }`);
    await data(`mutation($id: ID!) { closeIncubationCenter(id: $id, on: "2024-06-01") { id } }`, { id: county.incubationCenter.id });
    const open = (name: string) =>
      request(contract('OpenCenter'), {
        input: { countyCode: '220303', name, establishedOn: '2024-06-01', constructionMode: 'OTHER', operationMode: 'PURCHASED_SERVICE', operator: '铁东区民政局' },
      });
    const results = await Promise.all([open('铁东区孵化中心甲'), open('铁东区孵化中心乙')]);
    expect(results.filter((r) => r.data?.openIncubationCenter)).toHaveLength(1);
    const refused = results.find((r) => r.errors)!.errors![0];
    // Whichever check stops it (the open center it finds, or the database's one-open index), it says so.
    expect(refused).toMatchObject({ extensions: { code: 'CONFLICT' }, message: expect.stringMatching(/open incubation center/) });
    const count = await withDatabase('centers', (c) => c.query(`select count(*)::int as n from incubation_center where county_code = '220303' and closed_on is null`));
    expect(count.rows[0].n).toBe(1);
  });
});

describe('renamed dates and amounts: the old names answer for one release', () => {
  const GRANT = `mutation($id: ID!, $amountYuan: String, $amount: String, $grantedOn: Date, $on: Date) {
    recordMicroGrant(incubationId: $id, amountYuan: $amountYuan, amount: $amount, grantedOn: $grantedOn, on: $on, source: DONATION) { amountYuan amount grantedOn }
  }`;

  it('records with the deprecated names and shows the amount under both', async () => {
    const { incubation } = await admitted(hostId, { organizationName: '旧名兼容测试社', category: 'EDUCATION', fullTimeStaff: 1 }, '2024-02-01');
    const { recordMicroGrant } = await data(GRANT, { id: incubation.id, amount: '300.00', on: '2024-03-01' });
    expect(recordMicroGrant).toEqual({ amountYuan: '300.00', amount: '300.00', grantedOn: '2024-03-01' });
    const before = await fingerprint('organizations');
    // Neither name, or both names disagreeing: refused, naming the new one, and nothing stored.
    const missing = await request(GRANT, { id: incubation.id, amountYuan: '10.00' });
    expect(missing.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' }, message: 'grantedOn is required.' });
    const both = await request(GRANT, { id: incubation.id, amountYuan: '10.00', amount: '20.00', grantedOn: '2024-03-02' });
    expect(both.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' }, message: expect.stringMatching(/^Give amountYuan only/) });
    expect(await fingerprint('organizations')).toEqual(before);
  });
});
