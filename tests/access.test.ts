// Each tier writes only its own data (issue: authentication, region-scoped authorization, limits,
// audit trail). A table-driven matrix through the gateway: caller × target × every mutation. A refused
// cell answers FORBIDDEN / UNAUTHENTICATED and changes nothing (the databases' fingerprints before and
// after every refused cell); an allowed cell is set up by the province administrator so that it can
// succeed — a fresh application at the right step, a county without an open center — and must answer
// without any error. The matrix plays in two development zones the demo leaves empty, so its writes
// touch no county another test reads; the other sections read the demo's 农安县 and 朝阳区.
import { createHmac } from 'crypto';
import { addDays } from '../subgraphs/kit/demo';
import { loadRegister } from '../subgraphs/kit/register';
import { counted, data, request, subgraphUrls } from './support/client';
import { fingerprint } from './support/database';
import { admitted, throughNotice, validApplication } from './support/lifecycle';
import { token, tokenFor } from './support/tokens';

const OWN = '220122'; // 农安县: a center and stations in the demo
const OTHER = '220104'; // 朝阳区: likewise, another county

// The matrix's counties: 长春汽车经济技术开发区 (the callers' own) and 长春高新技术产业开发区 (another's).
const MINE = '220174';
const THEIRS = '220173';
const towns = (county: string) => loadRegister('jilin').towns.filter((t) => t.countyCode === county).map((t) => t.code);
/** Per county: the town of its fixed station, a scratch town for stations opened and closed, towns to designate. */
const TOWNS = Object.fromEntries([MINE, THEIRS].map((c) => { const [station, scratch, ...designate] = towns(c); return [c, { station, scratch, designate }]; }));

/** Opening and closing days, one after another, so each host's dates follow the last's. */
let days = 0;
const nextDay = () => addDays('2016-01-01', days++);

const ask = async (query: string, variables: Record<string, unknown> = {}) => data(query, variables);
async function openCenterIn(county: string): Promise<string> {
  const { openIncubationCenter } = await ask(
    `mutation($c: ID!, $on: Date!) { openIncubationCenter(input: { countyCode: $c, name: "矩阵测试孵化中心", establishedOn: $on, constructionMode: OTHER, operationMode: PURCHASED_SERVICE, operator: "矩阵测试运营方" }) { id } }`,
    { c: county, on: nextDay() },
  );
  return openIncubationCenter.id;
}
async function openStationIn(town: string): Promise<string> {
  const { openIncubationStation } = await ask(`mutation($t: ID!, $on: Date!) { openIncubationStation(input: { townCode: $t, name: "矩阵测试孵化站", establishedOn: $on }) { id } }`, { t: town, on: nextDay() });
  return openIncubationStation.id;
}
/** What is open in a county today: its center, and its stations by town. */
async function openNow(county: string): Promise<{ center?: string; stations: Record<string, string> }> {
  const { county: c } = await ask(`query($c: ID!) { county(code: $c) { incubationCenter { id } stations { id town { code } } } }`, { c: county });
  return { center: c.incubationCenter?.id, stations: Object.fromEntries(c.stations.map((s: any) => [s.town.code, s.id])) };
}
const currentCenter = async (county: string) => (await openNow(county)).center ?? openCenterIn(county);

type Target = 'ownCounty' | 'otherCounty' | 'ownCenter' | 'ownStation' | 'otherCenter';
const COUNTY_TARGETS: Target[] = ['ownCounty', 'otherCounty'];
const HOST_TARGETS: Target[] = ['ownCenter', 'ownStation', 'otherCenter'];
const countyOf = (target: Target) => (target === 'otherCounty' || target === 'otherCenter' ? THEIRS : MINE);

/** Existing records to aim refused writes at (they must be refused before anything is looked at twice). */
interface Probe {
  countyCode: string;
  hostId: string;
  centerId: string;
  stationId: string;
  townCode: string;
  applicationId: string;
  objectionId: string;
  incubationId: string;
  /** An item of the catalogue its host published. */
  itemId: string;
}
const probes = {} as Record<Target, Probe>;
let station: string; // the callers' station operator runs this one, in MINE

let n = 0;
const fresh = () => `矩阵测试社${++n}`;
/** A fresh application at `host`, made by the province administrator and taken to `step`. */
async function application(host: string, step: 'submitted' | 'accepted' | 'preliminary' | 'reviewed') {
  const { submitApplication } = await ask(`mutation($input: SubmitApplicationInput!) { submitApplication(input: $input) { id } }`, {
    input: validApplication(host, { organizationName: fresh() }),
  });
  const id = submitApplication.id as string;
  if (step === 'submitted') return id;
  await ask(`mutation($id: ID!) { acceptApplication(id: $id, on: "2025-03-03") { id } }`, { id });
  if (step === 'accepted') return id;
  await ask(`mutation($id: ID!) { passPreliminaryReview(id: $id, on: "2025-03-08") { id } }`, { id });
  if (step === 'preliminary') return id;
  await ask(`mutation($id: ID!) { recordExpertReview(id: $id, input: { reviewedOn: "2025-03-15", publicBenefit: 80, feasibility: 80, team: 80, potential: 80 }) { id } }`, { id });
  return id;
}
const incubation = async (host: string) => (await admitted(host, { organizationName: fresh() })).incubation.id;
const underNotice = async (host: string) => (await throughNotice(host, { organizationName: fresh() })).id;
/** An item of the catalogue 信息发布 published by the administrator for `publisher` (regionCode or hostId). */
const publishedItem = async (publisher: { regionCode: string } | { hostId: string }) =>
  (await ask(`mutation($input: PublishItemInput!) { publishItem(input: $input) { id } }`, { input: { ...publisher, kind: 'ACTIVITY', title: fresh(), body: '矩阵测试', publishedOn: '2025-03-01' } })).publishItem.id as string;

beforeAll(async () => {
  const centers = { [MINE]: await openCenterIn(MINE), [THEIRS]: await openCenterIn(THEIRS) };
  const stations = { [MINE]: await openStationIn(TOWNS[MINE].station), [THEIRS]: await openStationIn(TOWNS[THEIRS].station) };
  station = stations[MINE];
  const hosts: Record<Target, string> = { ownCounty: centers[MINE], otherCounty: centers[THEIRS], ownCenter: centers[MINE], ownStation: station, otherCenter: centers[THEIRS] };
  for (const target of [...COUNTY_TARGETS, ...HOST_TARGETS]) {
    const county = countyOf(target);
    const applicationId = await underNotice(hosts[target]);
    const { recordObjection } = await ask(`mutation($id: ID!) { recordObjection(applicationId: $id, on: "2025-03-17", text: "测试异议") { id } }`, { id: applicationId });
    probes[target] = {
      countyCode: county, hostId: hosts[target], centerId: centers[county], stationId: stations[county], townCode: TOWNS[county].designate[0],
      applicationId, objectionId: recordObjection.id, incubationId: await incubation(hosts[target]), itemId: await publishedItem({ hostId: hosts[target] }),
    };
  }
}, 120_000);

interface Mutation {
  name: string;
  /** A host's business (a station operator may do it at its own station), or the county's. */
  host: boolean;
  query: string;
  /** Variables aimed at existing records, for a refused cell. */
  refused: (p: Probe) => Record<string, unknown>;
  /** Sets up what an allowed cell needs to succeed (as the administrator) and returns its variables. */
  allowed: (county: string, host: () => Promise<string>) => Promise<Record<string, unknown>>;
}

const designated: Record<string, number> = {};
const MUTATIONS: Mutation[] = [
  {
    name: 'openIncubationCenter', host: false,
    query: `mutation($c: ID!, $on: Date!) { openIncubationCenter(input: { countyCode: $c, name: "再开一个", establishedOn: $on, constructionMode: OTHER, operationMode: PURCHASED_SERVICE, operator: "x" }) { id } }`,
    refused: (p) => ({ c: p.countyCode, on: '2020-01-01' }),
    allowed: async (county) => {
      const { center } = await openNow(county);
      if (center) await ask(`mutation($id: ID!, $on: Date!) { closeIncubationCenter(id: $id, on: $on) { id } }`, { id: center, on: nextDay() });
      return { c: county, on: nextDay() };
    },
  },
  {
    name: 'closeIncubationCenter', host: false,
    query: `mutation($id: ID!, $on: Date!) { closeIncubationCenter(id: $id, on: $on) { id } }`,
    refused: (p) => ({ id: p.centerId, on: '2024-01-01' }),
    allowed: async (county) => ({ id: await currentCenter(county), on: nextDay() }),
  },
  {
    name: 'designateLargeTown', host: false,
    query: `mutation($t: ID!, $on: Date!) { designateLargeTown(code: $t, isLarge: true, on: $on) { code } }`,
    refused: (p) => ({ t: p.townCode, on: '2024-01-01' }),
    allowed: async (county) => ({ t: TOWNS[county].designate[(designated[county] = (designated[county] ?? 0) + 1)], on: '2024-03-01' }),
  },
  {
    name: 'openIncubationStation', host: false,
    query: `mutation($t: ID!, $on: Date!) { openIncubationStation(input: { townCode: $t, name: "再开一站", establishedOn: $on }) { id } }`,
    refused: (p) => ({ t: TOWNS[p.countyCode].scratch, on: '2020-01-01' }),
    allowed: async (county) => {
      const open = (await openNow(county)).stations[TOWNS[county].scratch];
      if (open) await ask(`mutation($id: ID!, $on: Date!) { closeIncubationStation(id: $id, on: $on) { id } }`, { id: open, on: nextDay() });
      return { t: TOWNS[county].scratch, on: nextDay() };
    },
  },
  {
    name: 'closeIncubationStation', host: false,
    query: `mutation($id: ID!, $on: Date!) { closeIncubationStation(id: $id, on: $on) { id } }`,
    refused: (p) => ({ id: p.stationId, on: '2024-01-01' }),
    allowed: async (county) => ({ id: (await openNow(county)).stations[TOWNS[county].scratch] ?? (await openStationIn(TOWNS[county].scratch)), on: nextDay() }),
  },
  {
    name: 'submitApplication', host: true,
    query: `mutation($input: SubmitApplicationInput!) { submitApplication(input: $input) { id } }`,
    refused: (p) => ({ input: validApplication(p.hostId, { organizationName: '矩阵测试' }) }),
    allowed: async (_county, host) => ({ input: validApplication(await host(), { organizationName: fresh() }) }),
  },
  {
    name: 'acceptApplication', host: true,
    query: `mutation($id: ID!) { acceptApplication(id: $id, on: "2025-03-03") { id } }`,
    refused: (p) => ({ id: p.applicationId }),
    allowed: async (_county, host) => ({ id: await application(await host(), 'submitted') }),
  },
  {
    name: 'passPreliminaryReview', host: true,
    query: `mutation($id: ID!) { passPreliminaryReview(id: $id, on: "2025-03-08") { id } }`,
    refused: (p) => ({ id: p.applicationId }),
    allowed: async (_county, host) => ({ id: await application(await host(), 'accepted') }),
  },
  {
    name: 'recordExpertReview', host: true,
    query: `mutation($id: ID!) { recordExpertReview(id: $id, input: { reviewedOn: "2025-03-15", publicBenefit: 80, feasibility: 80, team: 80, potential: 80 }) { id } }`,
    refused: (p) => ({ id: p.applicationId }),
    allowed: async (_county, host) => ({ id: await application(await host(), 'preliminary') }),
  },
  {
    name: 'publishNotice', host: true,
    query: `mutation($id: ID!) { publishNotice(id: $id, from: "2025-03-16", to: "2025-03-22") { id } }`,
    refused: (p) => ({ id: p.applicationId }),
    allowed: async (_county, host) => ({ id: await application(await host(), 'reviewed') }),
  },
  {
    name: 'rejectApplication', host: true,
    query: `mutation($id: ID!) { rejectApplication(id: $id, on: "2025-03-05", reason: "材料不全") { id } }`,
    refused: (p) => ({ id: p.applicationId }),
    allowed: async (_county, host) => ({ id: await application(await host(), 'submitted') }),
  },
  {
    name: 'recordObjection', host: true,
    query: `mutation($id: ID!) { recordObjection(applicationId: $id, on: "2025-03-17", text: "异议") { id } }`,
    refused: (p) => ({ id: p.applicationId }),
    allowed: async (_county, host) => ({ id: await underNotice(await host()) }),
  },
  {
    name: 'decideObjection', host: true,
    query: `mutation($id: ID!) { decideObjection(id: $id, upheld: false, on: "2025-03-20") { id } }`,
    refused: (p) => ({ id: p.objectionId }),
    allowed: async (_county, host) => {
      const { recordObjection } = await ask(`mutation($id: ID!) { recordObjection(applicationId: $id, on: "2025-03-17", text: "异议") { id } }`, { id: await underNotice(await host()) });
      return { id: recordObjection.id };
    },
  },
  {
    name: 'admit', host: true,
    query: `mutation($id: ID!) { admit(applicationId: $id, admittedOn: "2025-03-23", plannedEndOn: "2026-06-30") { id } }`,
    refused: (p) => ({ id: p.applicationId }),
    allowed: async (_county, host) => ({ id: await underNotice(await host()) }),
  },
  {
    name: 'recordEvaluation', host: true,
    query: `mutation($id: ID!) { recordEvaluation(incubationId: $id, period: "2025H1", score: 80) { id } }`,
    refused: (p) => ({ id: p.incubationId }),
    allowed: async (_county, host) => ({ id: await incubation(await host()) }),
  },
  {
    name: 'graduate', host: true,
    query: `mutation($id: ID!) { graduate(incubationId: $id, on: "2025-09-01") { id } }`,
    refused: (p) => ({ id: p.incubationId }),
    allowed: async (_county, host) => ({ id: await incubation(await host()) }),
  },
  {
    name: 'exitIncubation', host: true,
    query: `mutation($id: ID!) { exitIncubation(incubationId: $id, on: "2025-06-01", reason: "主动申请退出") { id } }`,
    refused: (p) => ({ id: p.incubationId }),
    allowed: async (_county, host) => ({ id: await incubation(await host()) }),
  },
  {
    name: 'recordService', host: true,
    query: `mutation($id: ID!) { recordService(incubationId: $id, kind: CAPACITY_TRAINING, on: "2025-04-01") { id } }`,
    refused: (p) => ({ id: p.incubationId }),
    allowed: async (_county, host) => ({ id: await incubation(await host()) }),
  },
  {
    name: 'recordMicroGrant', host: true,
    query: `mutation($id: ID!) { recordMicroGrant(incubationId: $id, amount: "100.00", on: "2025-04-01", source: DONATION) { id } }`,
    refused: (p) => ({ id: p.incubationId }),
    allowed: async (_county, host) => ({ id: await incubation(await host()) }),
  },
  {
    name: 'recordFollowUp', host: true,
    query: `mutation($id: ID!) { recordFollowUp(incubationId: $id, kind: GROWTH_EVALUATION, on: "2025-10-01") { id } }`,
    refused: (p) => ({ id: p.incubationId }),
    allowed: async (_county, host) => {
      const id = await incubation(await host());
      await ask(`mutation($id: ID!) { graduate(incubationId: $id, on: "2025-09-01") { id } }`, { id });
      return { id };
    },
  },
  {
    // The catalogue 信息发布 in the county's own name…
    name: 'publishItem', host: false,
    query: `mutation($r: ID!) { publishItem(input: { regionCode: $r, kind: POLICY, title: "矩阵测试政策", body: "正文", publishedOn: "2025-03-01" }) { id } }`,
    refused: (p) => ({ r: p.countyCode }),
    allowed: async (county) => ({ r: county }),
  },
  {
    // …and in a center's or station's.
    name: 'publishItem', host: true,
    query: `mutation($h: ID!) { publishItem(input: { hostId: $h, kind: ACTIVITY, title: "矩阵测试活动", body: "正文", publishedOn: "2025-03-01" }) { id } }`,
    refused: (p) => ({ h: p.hostId }),
    allowed: async (_county, host) => ({ h: await host() }),
  },
  {
    name: 'withdrawItem', host: true,
    query: `mutation($id: ID!) { withdrawItem(id: $id, on: "2025-03-02", reason: "矩阵测试撤回") { id } }`,
    refused: (p) => ({ id: p.itemId }),
    allowed: async (_county, host) => ({ id: await publishedItem({ hostId: await host() }) }),
  },
];

type Who = 'admin' | 'prefecture' | 'county' | 'station' | 'analyst' | 'anonymous';
/** The matrix's callers: a county operator of MINE, the station operator of its station. */
const callers: Record<Who, () => Promise<string> | null> = {
  admin: () => token('--role', 'admin'),
  prefecture: () => token('--role', 'prefecture', '--region', '220100'),
  county: () => token('--role', 'county', '--region', MINE),
  station: () => token('--role', 'station', '--region', MINE, '--station', station),
  analyst: () => token('--role', 'analyst'),
  anonymous: () => null,
};
/** The demo sections' callers, in 农安县. */
const tokens: Record<Who, () => Promise<string> | null> = {
  ...callers,
  county: () => token('--role', 'county', '--region', OWN),
  station: () => token('--role', 'station', '--region', OWN, '--station', demo.stationId),
};

function expected(who: Who, target: Target, host: boolean): 'allowed' | 'FORBIDDEN' | 'UNAUTHENTICATED' {
  if (who === 'anonymous') return 'UNAUTHENTICATED';
  if (who === 'admin') return 'allowed';
  if (who === 'county') return countyOf(target) === MINE ? 'allowed' : 'FORBIDDEN';
  if (who === 'station') return host && target === 'ownStation' ? 'allowed' : 'FORBIDDEN';
  return 'FORBIDDEN';
}

const WHO: Who[] = ['admin', 'prefecture', 'county', 'station', 'analyst', 'anonymous'];
// County-level writes aim at a county (own or another); a host's writes at a host (own center, own station, another's center).
const cells = WHO.flatMap((who) =>
  MUTATIONS.flatMap((m) => (m.host ? HOST_TARGETS : COUNTY_TARGETS).map((target) => ({ who, target, m, outcome: expected(who, target, m.host) }))),
);
const refusedCells = cells.filter((c) => c.outcome !== 'allowed');
const allowedCells = cells.filter((c) => c.outcome === 'allowed');
const countyWrites = MUTATIONS.filter((m) => !m.host).length;
const hostWrites = MUTATIONS.length - countyWrites;

describe(`the write matrix: ${WHO.length} callers × (${countyWrites} county writes × ${COUNTY_TARGETS.length} counties + ${hostWrites} host writes × ${HOST_TARGETS.length} hosts) = ${cells.length} cells`, () => {
  it('has every cell once', () => {
    expect(cells).toHaveLength(WHO.length * (countyWrites * COUNTY_TARGETS.length + hostWrites * HOST_TARGETS.length));
    expect(new Set(cells.map((c) => `${c.who} ${c.target} ${c.m.name}`)).size).toBe(cells.length);
    expect([refusedCells.length, allowedCells.length]).toEqual([258, 120]);
  });

  describe(`${refusedCells.length} refused cells: FORBIDDEN or UNAUTHENTICATED, and nothing changes`, () => {
    const before: Record<string, Record<string, string>> = {};
    beforeAll(async () => {
      for (const subgraph of ['centers', 'stations', 'organizations']) before[subgraph] = await fingerprint(subgraph);
    });

    it.each(refusedCells.map((c) => [c.who, c.target, c.m.name, c] as const))('%s → %s: %s', async (_who, _target, _name, { who, target, m, outcome }) => {
      const response = await request(m.query, m.refused(probes[target]), { token: callers[who]() });
      expect([m.name, response.errors?.[0]?.extensions?.code]).toEqual([m.name, outcome]);
      if (outcome === 'FORBIDDEN') expect(response.errors![0].message).toMatch(/may not .*nothing was changed/);
      expect(response.data?.[m.name] ?? null).toBeNull();
    });

    it('changed nothing in any of them, audit trail included', async () => {
      for (const subgraph of ['centers', 'stations', 'organizations']) {
        expect([subgraph, await fingerprint(subgraph)]).toEqual([subgraph, before[subgraph]]);
      }
    });
  });

  describe(`${allowedCells.length} allowed cells: each succeeds, with no error at all`, () => {
    it.each(allowedCells.map((c) => [c.who, c.target, c.m.name, c] as const))('%s → %s: %s', async (_who, _target, _name, { who, target, m }) => {
      const county = countyOf(target);
      const host = () => (target === 'ownStation' ? Promise.resolve(station) : currentCenter(county));
      const variables = await m.allowed(county, host);
      const response = await request(m.query, variables, { token: callers[who]() });
      expect(response.errors).toBeUndefined();
      expect(response.data?.[m.name]).toEqual(expect.objectContaining(m.name === 'designateLargeTown' ? { code: expect.any(String) } : { id: expect.any(String) }));
    });
  });

  it.each(WHO.map((who) => [who]))('province-wide settings: %s', async (who) => {
    const response = await request(`mutation { setMilestoneCheck(year: 2015, rule: "center", min: 1) { min } }`, {}, { token: callers[who]() });
    const code = response.errors?.[0]?.extensions?.code;
    expect(code).toBe(who === 'admin' ? undefined : who === 'anonymous' ? 'UNAUTHENTICATED' : 'FORBIDDEN');
  });
});

/** The demo's records the other sections read: 农安县's center, a station, and an admitted application in each county. */
const demo = { centerId: '', otherCenterId: '', stationId: '', applicationId: '', otherApplicationId: '' };
beforeAll(async () => {
  const load = async (code: string) =>
    (await data(`query($c: ID!) { county(code: $c) { incubationCenter { id incubations { organization { applications { id status } } } } stations { id incubations { id } } } }`, { c: code })).county;
  const admittedIn = (county: any) =>
    county.incubationCenter.incubations.flatMap((i: any) => i.organization.applications).find((a: any) => a.status === 'ADMITTED').id;
  const own = await load(OWN);
  const other = await load(OTHER);
  Object.assign(demo, {
    centerId: own.incubationCenter.id,
    otherCenterId: other.incubationCenter.id,
    stationId: own.stations.find((s: any) => s.incubations.length > 0).id,
    applicationId: admittedIn(own),
    otherApplicationId: admittedIn(other),
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
      { h: demo.centerId, o: theirs.id },
      { token: tokens.county() },
    );
    expect(response.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const { organization } = await data(`query($id: ID!) { organization(id: $id) { fullTimeStaff } }`, { id: theirs.id });
    expect(organization.fullTimeStaff).toBe(theirs.fullTimeStaff);
  });

  it('lists applicants never admitted only to those who may read applications', async () => {
    const list = async (who: Who) =>
      (await data(`query($h: ID!) { organizations(hostId: $h, first: 500) { nodes { id incubations { id } } } }`, { h: demo.centerId }, { token: tokens[who]() })).organizations.nodes;
    const everyone = await list('admin');
    const applicants = everyone.filter((o: any) => o.incubations.length === 0);
    expect(applicants.length).toBeGreaterThan(0); // the demo's turned-down applicants and the probes' pending ones
    for (const who of ['anonymous', 'prefecture'] as Who[]) {
      const seen = await list(who);
      if (who === 'anonymous') expect(seen.filter((o: any) => o.incubations.length === 0)).toEqual([]);
      else expect(seen).toHaveLength(everyone.length); // 220122 is in 长春市 (220100): its region
    }
    const other = await data(`query($h: ID!) { organizations(hostId: $h, first: 500) { nodes { incubations { id } } } }`, { h: demo.otherCenterId }, { token: token('--role', 'county', '--region', OWN) });
    // Another county's admitted organizations are published (so the list is not empty); its applicants are not.
    expect(other.organizations.nodes.length).toBeGreaterThan(0);
    expect(other.organizations.nodes.filter((o: any) => o.incubations.length === 0)).toEqual([]);
  });

  it("refuses another county's application to a county operator, and any to the public", async () => {
    const other = await request(`query($id: ID!) { application(id: $id) { id } }`, { id: demo.otherApplicationId }, { token: tokens.county() });
    expect(other.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const anonymous = await request(`query($id: ID!) { application(id: $id) { id } }`, { id: demo.applicationId }, { token: null });
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
      body: JSON.stringify({ query: `mutation { closeIncubationCenter(id: "${demo.centerId}", on: "2024-01-01") { id } }` }),
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

  it('refuses a page past the maximum, naming it, instead of cutting it', async () => {
    const refused = await request(`{ organizations(first: 1000) { nodes { id } totalCount } }`);
    expect(refused.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(refused.errors?.[0].message).toMatch(/at most 500/);
    const { organizations } = await data(`{ organizations(first: 500) { nodes { id } totalCount } }`);
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
    const { submitApplication } = await data(`mutation($h: ID!) { submitApplication(input: { hostId: $h, organizationName: "审计测试社", category: EDUCATION, founderName: "赵审计", fullTimeStaff: 2, submittedOn: "2025-06-01", compliesWithRegulations: true, grassRootsDirectService: true, needsIncubationServices: true }) { id } }`, { h: demo.centerId });
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
