// Each tier writes only its own data (issue: authentication, region-scoped authorization, limits,
// audit trail). A table-driven matrix: role × target (own county's center, own county's station, another
// county's center) × every mutation, through the gateway. Each probe passes the authorization check
// only to fail on a rule checked after it, so an allowed cell answers with that domain error (or
// succeeds without changing anything) and a refused cell answers FORBIDDEN / UNAUTHENTICATED — and in
// no cell does the database change.
import { createHmac } from 'crypto';
import { counted, data, request, subgraphUrls } from './support/client';
import { fingerprint } from './support/database';
import { token, tokenFor } from './support/tokens';

const OWN = '220122'; // 农安县: a center and stations in the demo
const OTHER = '220104'; // 朝阳区: likewise, another prefecture's... and another county
type Target = 'ownCenter' | 'ownStation' | 'otherCenter';

interface Probe {
  /** The host the application and incubation writes aim at. */
  hostId: string;
  countyCode: string;
  /** The county's center, and a station with its town: what the county-level writes aim at. */
  centerId: string;
  stationId: string;
  townCode: string;
  applicationId: string;
  incubationId: string;
  objectionId: string;
}
const probes = {} as Record<Target, Probe>;
let stationId: string;

/** A host's data to aim writes at: an admitted application, its incubation, and an objection under notice. */
async function probeOf(county: any, countyCode: string, host: { id: string }, incubations: any[]): Promise<Probe> {
  const incubation = incubations.find((i: any) => i.organization.applications.some((a: any) => a.status === 'ADMITTED'));
  const application = incubation.organization.applications.find((a: any) => a.status === 'ADMITTED');
  // An application under public notice with an objection, made by the province administrator.
  const { submitApplication } = await data(
    `mutation($input: SubmitApplicationInput!) { submitApplication(input: $input) { id } }`,
    { input: { hostId: host.id, organizationName: `权限测试社${host.id.slice(0, 4)}`, category: 'HEALTH', founderName: '李权限', fullTimeStaff: 1, submittedOn: '2025-05-01', compliesWithRegulations: true, grassRootsDirectService: true, needsIncubationServices: true } },
  );
  const id = submitApplication.id;
  await data(`mutation($id: ID!) { acceptApplication(id: $id, on: "2025-05-02") { id } }`, { id });
  await data(`mutation($id: ID!) { passPreliminaryReview(id: $id, on: "2025-05-03") { id } }`, { id });
  await data(`mutation($id: ID!) { recordExpertReview(id: $id, input: { reviewedOn: "2025-05-04", publicBenefit: 80, feasibility: 80, team: 80, potential: 80 }) { id } }`, { id });
  await data(`mutation($id: ID!) { publishNotice(id: $id, from: "2025-05-05", to: "2025-05-12") { id } }`, { id });
  const { recordObjection } = await data(`mutation($id: ID!) { recordObjection(applicationId: $id, on: "2025-05-06", text: "测试异议") { id } }`, { id });
  const station = county.stations.find((s: any) => s.incubations.length > 0);
  return { hostId: host.id, countyCode, centerId: county.incubationCenter.id, stationId: station.id, townCode: station.town.code, applicationId: application.id, incubationId: incubation.id, objectionId: recordObjection.id };
}

const HOST_DATA = `id incubations { id organization { applications { id status } } }`;

beforeAll(async () => {
  const load = async (code: string) =>
    (await data(`query($c: ID!) { county(code: $c) { incubationCenter { ${HOST_DATA} } stations { town { code } ${HOST_DATA} } } }`, { c: code })).county;
  const own = await load(OWN);
  const other = await load(OTHER);
  const station = own.stations.find((s: any) => s.incubations.length > 0);
  stationId = station.id;
  probes.ownCenter = await probeOf(own, OWN, own.incubationCenter, own.incubationCenter.incubations);
  probes.ownStation = await probeOf(own, OWN, station, station.incubations);
  probes.otherCenter = await probeOf(other, OTHER, other.incubationCenter, other.incubationCenter.incubations);
});

/** Every mutation, as a probe against a target. `host` marks the writes a station operator may make. */
const MUTATIONS: { name: string; host: boolean; run: (p: Probe) => [string, Record<string, unknown>] }[] = [
  { name: 'openIncubationCenter', host: false, run: (p) => [`mutation($c: ID!) { openIncubationCenter(input: { countyCode: $c, name: "再开一个", establishedOn: "2020-01-01", constructionMode: OTHER, operationMode: PURCHASED_SERVICE, operator: "x" }) { id } }`, { c: p.countyCode }] },
  { name: 'closeIncubationCenter', host: false, run: (p) => [`mutation($id: ID!) { closeIncubationCenter(id: $id, on: "2000-01-01") { id } }`, { id: p.centerId }] },
  { name: 'designateLargeTown', host: false, run: (p) => [`mutation($t: ID!) { designateLargeTown(code: $t, isLarge: false, on: "2000-01-01") { code } }`, { t: p.townCode }] },
  { name: 'openIncubationStation', host: false, run: (p) => [`mutation($t: ID!) { openIncubationStation(input: { townCode: $t, name: "再开一站", establishedOn: "2020-01-01" }) { id } }`, { t: p.townCode }] },
  { name: 'closeIncubationStation', host: false, run: (p) => [`mutation($id: ID!) { closeIncubationStation(id: $id, on: "2000-01-01") { id } }`, { id: p.stationId }] },
  { name: 'submitApplication', host: true, run: (p) => [`mutation($h: ID!) { submitApplication(input: { hostId: $h, organizationName: "矩阵测试", category: HEALTH, founderName: "x", fullTimeStaff: 1, submittedOn: "2000-01-01", compliesWithRegulations: true, grassRootsDirectService: true, needsIncubationServices: true }) { id } }`, { h: p.hostId }] },
  { name: 'acceptApplication', host: true, run: (p) => [`mutation($id: ID!) { acceptApplication(id: $id, on: "2025-01-01") { id } }`, { id: p.applicationId }] },
  { name: 'passPreliminaryReview', host: true, run: (p) => [`mutation($id: ID!) { passPreliminaryReview(id: $id, on: "2025-01-01") { id } }`, { id: p.applicationId }] },
  { name: 'recordExpertReview', host: true, run: (p) => [`mutation($id: ID!) { recordExpertReview(id: $id, input: { reviewedOn: "2025-01-01", publicBenefit: 1, feasibility: 1, team: 1, potential: 1 }) { id } }`, { id: p.applicationId }] },
  { name: 'publishNotice', host: true, run: (p) => [`mutation($id: ID!) { publishNotice(id: $id, from: "2025-01-01", to: "2025-01-30") { id } }`, { id: p.applicationId }] },
  { name: 'rejectApplication', host: true, run: (p) => [`mutation($id: ID!) { rejectApplication(id: $id, on: "2025-01-01", reason: "x") { id } }`, { id: p.applicationId }] },
  { name: 'recordObjection', host: true, run: (p) => [`mutation($id: ID!) { recordObjection(applicationId: $id, on: "2025-01-01", text: "x") { id } }`, { id: p.applicationId }] },
  { name: 'decideObjection', host: true, run: (p) => [`mutation($id: ID!) { decideObjection(id: $id, upheld: true, on: "2000-01-01") { id } }`, { id: p.objectionId }] },
  { name: 'admit', host: true, run: (p) => [`mutation($id: ID!) { admit(applicationId: $id, admittedOn: "2025-01-01", plannedEndOn: "2026-01-01") { id } }`, { id: p.applicationId }] },
  { name: 'recordEvaluation', host: true, run: (p) => [`mutation($id: ID!) { recordEvaluation(incubationId: $id, period: "1999H1", score: 50) { id } }`, { id: p.incubationId }] },
  { name: 'graduate', host: true, run: (p) => [`mutation($id: ID!) { graduate(incubationId: $id, on: "2000-01-01") { id } }`, { id: p.incubationId }] },
  { name: 'exitIncubation', host: true, run: (p) => [`mutation($id: ID!) { exitIncubation(incubationId: $id, on: "2000-01-01", reason: "x") { id } }`, { id: p.incubationId }] },
  { name: 'recordService', host: true, run: (p) => [`mutation($id: ID!) { recordService(incubationId: $id, kind: CAPACITY_TRAINING, on: "2000-01-01") { id } }`, { id: p.incubationId }] },
  { name: 'recordMicroGrant', host: true, run: (p) => [`mutation($id: ID!) { recordMicroGrant(incubationId: $id, amount: "100.00", on: "2000-01-01", source: DONATION) { id } }`, { id: p.incubationId }] },
  { name: 'recordFollowUp', host: true, run: (p) => [`mutation($id: ID!) { recordFollowUp(incubationId: $id, kind: GROWTH_EVALUATION, on: "2000-01-01") { id } }`, { id: p.incubationId }] },
];

type Who = 'admin' | 'prefecture' | 'county' | 'station' | 'analyst' | 'anonymous';
const tokens: Record<Who, () => Promise<string> | null> = {
  admin: () => token('--role', 'admin'),
  prefecture: () => token('--role', 'prefecture', '--region', '220100'),
  county: () => token('--role', 'county', '--region', OWN),
  station: () => token('--role', 'station', '--region', OWN, '--station', stationId),
  analyst: () => token('--role', 'analyst'),
  anonymous: () => null,
};

function expected(who: Who, target: Target, host: boolean): 'allowed' | 'FORBIDDEN' | 'UNAUTHENTICATED' {
  if (who === 'anonymous') return 'UNAUTHENTICATED';
  if (who === 'admin') return 'allowed';
  if (who === 'county') return target === 'otherCenter' ? 'FORBIDDEN' : 'allowed';
  if (who === 'station') return host && target === 'ownStation' ? 'allowed' : 'FORBIDDEN';
  return 'FORBIDDEN';
}

const WHO: Who[] = ['admin', 'prefecture', 'county', 'station', 'analyst', 'anonymous'];
const TARGETS: Target[] = ['ownCenter', 'ownStation', 'otherCenter'];
const cells = WHO.flatMap((who) => TARGETS.flatMap((target) => MUTATIONS.map((m) => ({ who, target, m }))));

describe(`the write matrix: ${WHO.length} callers × ${TARGETS.length} targets × ${MUTATIONS.length} mutations = ${cells.length} cells`, () => {
  const before: Record<string, Record<string, string>> = {};
  beforeAll(async () => {
    for (const subgraph of ['centers', 'stations', 'organizations']) before[subgraph] = await fingerprint(subgraph);
  });

  it.each(cells.map((c) => [c.who, c.target, c.m.name, c] as const))('%s → %s: %s', async (_who, _target, _name, { who, target, m }) => {
    const [query, variables] = m.run(probes[target]);
    const response = await request(query, variables, { token: tokens[who]() });
    const code = response.errors?.[0]?.extensions?.code;
    const outcome = expected(who, target, m.host);
    if (outcome === 'allowed') {
      expect([m.name, code]).not.toEqual([m.name, 'FORBIDDEN']);
      expect([m.name, code]).not.toEqual([m.name, 'UNAUTHENTICATED']);
    } else {
      expect([m.name, code]).toEqual([m.name, outcome]);
      if (outcome === 'FORBIDDEN') expect(response.errors![0].message).toMatch(/may not/);
    }
  });

  it('changed nothing in any cell, audit trail included', async () => {
    for (const subgraph of ['centers', 'stations', 'organizations']) {
      expect([subgraph, await fingerprint(subgraph)]).toEqual([subgraph, before[subgraph]]);
    }
  });

  it.each(WHO.map((who) => [who]))('province-wide settings: %s', async (who) => {
    const response = await request(`mutation { setMilestoneCheck(year: 2015, rule: "center", min: 1) { min } }`, {}, { token: tokens[who]() });
    const code = response.errors?.[0]?.extensions?.code;
    expect(code).toBe(who === 'admin' ? undefined : who === 'anonymous' ? 'UNAUTHENTICATED' : 'FORBIDDEN');
  });
});

describe('sensitive fields', () => {
  const read = async (who: Who, county = OWN) => {
    const { county: c } = await data(
      `query($c: ID!) { county(code: $c) { incubationCenter { incubations { organization { founderName applications { id } } } } } }`,
      { c: county },
      { token: tokens[who]() },
    );
    return c.incubationCenter.incubations[0].organization;
  };

  it.each([
    ['admin', true, true],
    ['prefecture', true, true],
    ['county', true, true],
    ['station', true, true],
    ['analyst', false, true],
    ['anonymous', false, false],
  ] as [Who, boolean, boolean][])("%s: founder's name %s, applications %s (own county)", async (who, founder, applications) => {
    const organization = await read(who);
    expect(organization.founderName === null).toBe(!founder);
    expect(organization.applications.length > 0).toBe(applications);
  });

  it("masks another county's founders and applications from a county operator", async () => {
    const organization = await read('county', OTHER);
    expect(organization.founderName).toBeNull();
    expect(organization.applications).toEqual([]);
  });

  it("refuses a county operator filing again for another county's organization, and changes nothing", async () => {
    const { county } = await data(`query($c: ID!) { county(code: $c) { incubationCenter { incubations { organization { id fullTimeStaff } } } } }`, { c: OTHER });
    const theirs = county.incubationCenter.incubations[0].organization;
    const response = await request(
      `mutation($h: ID!, $o: ID!) { submitApplication(input: { hostId: $h, organizationId: $o, organizationName: "x", category: HEALTH, founderName: "x", fullTimeStaff: 99, submittedOn: "2025-07-01", compliesWithRegulations: true, grassRootsDirectService: true, needsIncubationServices: true }) { id } }`,
      { h: probes.ownCenter.hostId, o: theirs.id },
      { token: tokens.county() },
    );
    expect(response.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const { organization } = await data(`query($id: ID!) { organization(id: $id) { fullTimeStaff } }`, { id: theirs.id });
    expect(organization.fullTimeStaff).toBe(theirs.fullTimeStaff);
  });

  it('lists applicants never admitted only to those who may read applications', async () => {
    const list = async (who: Who) =>
      (await data(`query($h: ID!) { organizations(hostId: $h, first: 500) { nodes { id incubations { id } } } }`, { h: probes.ownCenter.hostId }, { token: tokens[who]() })).organizations.nodes;
    const everyone = await list('admin');
    const applicants = everyone.filter((o: any) => o.incubations.length === 0);
    expect(applicants.length).toBeGreaterThan(0); // the demo's turned-down applicants and the probes' pending ones
    for (const who of ['anonymous', 'prefecture'] as Who[]) {
      const seen = await list(who);
      if (who === 'anonymous') expect(seen.filter((o: any) => o.incubations.length === 0)).toEqual([]);
      else expect(seen).toHaveLength(everyone.length); // 220122 is in 长春市 (220100): its region
    }
    const other = await data(`query($h: ID!) { organizations(hostId: $h, first: 500) { nodes { incubations { id } } } }`, { h: probes.otherCenter.hostId }, { token: token('--role', 'county', '--region', OWN) });
    expect(other.organizations.nodes.every((o: any) => o.incubations.length > 0)).toBe(true);
  });

  it("refuses another county's application to a county operator, and any to the public", async () => {
    const other = await request(`query($id: ID!) { application(id: $id) { id } }`, { id: probes.otherCenter.applicationId }, { token: tokens.county() });
    expect(other.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const anonymous = await request(`query($id: ID!) { application(id: $id) { id } }`, { id: probes.ownCenter.applicationId }, { token: null });
    expect(anonymous.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});

describe('authentication', () => {
  const ask = (bearer: string | Promise<string>) => request(`{ county(code: "${OWN}") { name } }`, {}, { token: bearer });

  it.each([
    ['expired', () => token('--role', 'county', '--region', OWN, '--expires-in=-1h'), /expired/],
    ['wrongly signed', () => tokenFor('an-entirely-different-secret-of-32-chars!', '--role', 'admin'), /could not be verified/],
    ['for another audience', () => token('--role', 'admin', '--audience', 'someone-else'), /not for this service/],
    ['malformed', () => 'not.a.jwt', /could not be verified/],
  ] as [string, () => string | Promise<string>, RegExp][])('refuses a token that is %s with UNAUTHENTICATED', async (_what, make, message) => {
    const response = await ask(make());
    expect(response.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(response.errors?.[0].message).toMatch(message);
    expect(response.data ?? null).toBeNull();
  });

  it('lets anyone read published information without a token', async () => {
    expect((await ask(null as never)).data.county.name).toBe('农安县');
  });

  it('refuses a call straight to a subgraph without the gateway credentials', async () => {
    for (const url of Object.values(subgraphUrls())) {
      const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __typename }' }) });
      const body = (await response.json()) as any;
      expect([url, body.errors?.[0].extensions?.code]).toEqual([url, 'UNAUTHENTICATED']);
    }
  });

  it('refuses a subgraph call with forged gateway credentials', async () => {
    // A JWT-shaped header signed with a guessed secret.
    const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const head = `${b64({ alg: 'HS256' })}.${b64({ sub: 'forger', role: 'province_admin', iss: 'fuhua-gateway', aud: 'fuhua-subgraphs', exp: Math.floor(Date.now() / 1000) + 60 })}`;
    const forged = `${head}.${createHmac('sha256', 'guessed-secret-guessed-secret-guessed').update(head).digest('base64url')}`;
    const response = await fetch(subgraphUrls().centers, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-fuhua-identity': forged },
      body: JSON.stringify({ query: `mutation { closeIncubationCenter(id: "${probes.ownCenter.hostId}", on: "2024-01-01") { id } }` }),
    });
    expect(((await response.json()) as any).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('limits on ad-hoc queries', () => {
  it('rejects a depth bomb before any subgraph is asked', async () => {
    const deep = `{ county(code: "${OWN}") { towns { county { towns { county { towns { county { towns { county { towns { county { towns { code } } } } } } } } } } } } }`;
    const { result, counts } = await counted(() => request(deep));
    expect(result.errors?.[0].message).toMatch(/depth/i);
    expect(counts.subgraphFetches).toBe(0);
  });

  it('rejects a cost bomb before any subgraph is asked', async () => {
    const page = `organizations(first: 500) { nodes { applications { id status } incubations { evaluations { period score } } } }`;
    const fields = Array.from({ length: 5 }, (_, i) => `a${i}: ${page}`).join(' ');
    const { result, counts } = await counted(() => request(`{ ${fields} }`));
    expect(result.errors?.[0].message).toMatch(/Cost limit of \d+ exceeded/);
    expect(counts.subgraphFetches).toBe(0);
  });

  it('caps page sizes', async () => {
    const { organizations } = await data(`{ organizations(first: 1000) { nodes { id } totalCount } }`);
    expect(organizations.nodes).toHaveLength(500);
    expect(organizations.totalCount).toBeGreaterThan(500);
  });
});

describe('the audit trail', () => {
  it('records a write with who, where, before and after; a county reads its own trail only', async () => {
    const town = (await data(`query($c: ID!) { county(code: $c) { towns { code } } }`, { c: OWN })).county.towns.at(-1).code;
    await data(`mutation($t: ID!) { designateLargeTown(code: $t, isLarge: true, on: "2024-03-01") { isLarge } }`, { t: town }, { token: tokens.county() });
    await data(`mutation($t: ID!) { designateLargeTown(code: $t, isLarge: false, on: "2024-06-01") { isLarge } }`, { t: town }, { token: tokens.county() });
    const trail = await data(
      `query($s: ID!) { auditTrail(scope: $s) { stations(first: 5) { actor role region countyCode operation entityType change before after } } }`,
      { s: OWN },
      { token: tokens.county() },
    );
    const [closed, opened] = trail.auditTrail.stations;
    expect(opened).toMatchObject({ role: 'county_operator', region: OWN, countyCode: OWN, operation: 'designateLargeTown', entityType: 'LargeTownDesignation', change: 'create', before: null });
    expect(opened.after).toMatchObject({ townCode: town, from: '2024-03-01', until: null });
    expect(closed).toMatchObject({ change: 'update', before: expect.objectContaining({ until: null }), after: expect.objectContaining({ until: '2024-06-01' }) });

    const foreign = await request(`{ auditTrail(scope: "${OTHER}") { stations { id } } }`, {}, { token: tokens.county() });
    expect(foreign.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const province = await data(`{ auditTrail(scope: "220000") { stations(first: 500) { countyCode } organizations(first: 500) { operation } } }`);
    expect(province.auditTrail.stations.map((e: any) => e.countyCode)).toContain(OWN);
    expect(province.auditTrail.organizations.map((e: any) => e.operation)).toContain('recordObjection');
  });

  it('records the writes of every tier, each with its record before and after', async () => {
    const trail = async () =>
      (await data(`{ auditTrail(scope: "220000") { province(first: 500) { operation entityType change before after }
        centers(first: 500) { operation entityType change countyCode before after }
        organizations(first: 500) { operation entityType entityId change before after } } }`)).auditTrail;
    // province: a threshold changed and changed back
    await data(`mutation { setMilestoneCheck(year: 2020, rule: "graduation-rate", min: 71) { min } }`);
    await data(`mutation { setMilestoneCheck(year: 2020, rule: "graduation-rate", min: 70) { min } }`);
    // centers: a center opened and closed in 图们市 (222402), which has none in the demo
    const { openIncubationCenter } = await data(`mutation { openIncubationCenter(input: { countyCode: "222402", name: "图们市社会组织孵化中心", establishedOn: "2024-05-01", constructionMode: PUBLIC_PREMISES, operationMode: CIVIL_AFFAIRS_OFFICE, operator: "图们市民政局" }) { id } }`);
    await data(`mutation($id: ID!) { closeIncubationCenter(id: $id, on: "2024-09-30") { id } }`, { id: openIncubationCenter.id });
    // organizations: an application filed and accepted
    const { submitApplication } = await data(`mutation($h: ID!) { submitApplication(input: { hostId: $h, organizationName: "审计测试社", category: EDUCATION, founderName: "赵审计", fullTimeStaff: 2, submittedOn: "2025-06-01", compliesWithRegulations: true, grassRootsDirectService: true, needsIncubationServices: true }) { id } }`, { h: probes.ownCenter.hostId });
    await data(`mutation($id: ID!) { acceptApplication(id: $id, on: "2025-06-03") { id } }`, { id: submitApplication.id });

    const { province, centers, organizations } = await trail();
    const [back, changed] = province.filter((e: any) => e.operation === 'setMilestoneCheck');
    expect(changed).toMatchObject({ entityType: 'MilestoneCheck', change: 'update', before: expect.objectContaining({ min: 70 }), after: expect.objectContaining({ min: 71 }) });
    expect(back).toMatchObject({ before: expect.objectContaining({ min: 71 }), after: expect.objectContaining({ min: 70 }) });
    const [closed, opened] = centers.filter((e: any) => e.countyCode === '222402');
    expect(opened).toMatchObject({ operation: 'openIncubationCenter', change: 'create', before: null, after: expect.objectContaining({ name: '图们市社会组织孵化中心', closedOn: null }) });
    expect(closed).toMatchObject({ operation: 'closeIncubationCenter', change: 'update', before: expect.objectContaining({ closedOn: null }), after: expect.objectContaining({ closedOn: '2024-09-30' }) });
    const mine = organizations.filter((e: any) => e.entityId === submitApplication.id);
    expect(mine.map((e: any) => [e.operation, e.change, e.before?.status ?? null, e.after.status])).toEqual([
      ['acceptApplication', 'update', 'SUBMITTED', 'ACCEPTED'],
      ['submitApplication', 'create', null, 'SUBMITTED'],
    ]);
    expect(organizations.some((e: any) => e.operation === 'submitApplication' && e.entityType === 'Organization' && e.after.name === '审计测试社')).toBe(true);
  });
});
