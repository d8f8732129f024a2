// Milestone scorecards (T2015, T2017) on a hand-made fixture: subgraphs on databases of their own
// (on the test federation's PostgreSQL), seeded with Jilin's register and nothing else, to which the tests add centers, stations and admissions through the
// contract's county mutations. Every expected figure below is worked out by hand from that fixture.
import { contract } from './support/contract';
import { counted, data, request } from './support/client';
import { admitted, openCenter } from './support/lifecycle';
import { startFixtureFederation, type FixtureFederation } from './support/processes';

let fixture: FixtureFederation;
const saved = { ...process.env };

beforeAll(async () => {
  fixture = await startFixtureFederation();
  process.env.FUHUA_TEST_GATEWAY = fixture.gatewayUrl;
  process.env.FUHUA_TEST_SUBGRAPHS = JSON.stringify(fixture.subgraphUrls);
  process.env.FUHUA_TEST_DATABASES = JSON.stringify(fixture.databaseUrls);
  // Counted requests read the fixture's own processes' metrics, not the shared federation's.
  process.env.FUHUA_TEST_METRICS = JSON.stringify(fixture.metricsUrls);
}, 180_000);

afterAll(async () => {
  Object.assign(process.env, saved);
  await fixture?.stop();
});

async function scorecard(year: number, asOf?: string) {
  const { province } = await data(contract('ProvinceScorecard'), { year, asOf });
  const progress = province.milestone.progress;
  const byCode = Object.fromEntries(progress.counties.map((c: any) => [c.county.code, c]));
  const check = (code: string, rule: string) => byCode[code]?.checks.find((c: any) => c.rule === rule);
  return { progress, byCode, check };
}

async function towns(countyCode: string): Promise<string[]> {
  const { county } = await data(`query($c: ID!) { county(code: $c) { towns { code } } }`, { c: countyCode });
  return county.towns.map((t: any) => t.code);
}

async function station(townCode: string, establishedOn: string, large: boolean) {
  if (large) await data(contract('DesignateLargeTown').replace('designateLargeTown(code: $code, isLarge: $isLarge)', 'designateLargeTown(code: $code, isLarge: $isLarge, on: "2016-01-05")'), { code: townCode, isLarge: true });
  const { openIncubationStation } = await data(contract('OpenStation'), { input: { townCode, name: `测试孵化站${townCode}`, establishedOn } });
  return openIncubationStation.id as string;
}

/** `n` admissions at a host, on distinct days of `year` (each a new organization, through R1–R2). */
async function admit(hostId: string, year: number, n: number, firstMonth = 3) {
  for (let i = 0; i < n; i++) {
    await admitted(hostId, { organizationName: `测试组织${hostId.slice(0, 4)}-${year}-${i}` }, `${year}-${String(firstMonth + i).padStart(2, '0')}-01`);
  }
}

// The fixture (Changchun's districts; the 2015 and 2017 deadlines are 12-31 of the year):
//   220102 南关区  opens its center in the scenario test below and admits 3 in 2015       → T2015 met
//   220103 宽城区  center opened on 2015-12-31 (the deadline day), no admissions         → center met, incubations missed
//   220104 朝阳区  center opened on 2016-01-01 (the day after the deadline)              → center missed
//   220105 二道区  center 2015-02-01, 2 admissions in 2015; 2 stations in larger towns
//                 (2016), each admitting 2 in 2017                                     → T2015 missed (2 < 3), T2017 met
//   220106 绿园区  center 2015-01-10; 3 stations in larger towns, each admitting 2 in 2017 → T2017 missed (3 > 2)
//   220112 双阳区  center 2015-01-10; 1 station in a town not designated larger           → T2017 missed (0 counted)
//   220113 九台区  center 2015-01-10; 1 station in a larger town admitting 1 in 2017     → T2017 missed (1 < 2)
//   220171 长春经济技术开发区 (a development zone): center 2015-01-10, 3 admissions in 2015 → met, but not counted
describe('milestone scorecards on a hand-made fixture', () => {
  beforeAll(async () => {
    await openCenter('220103', '2015-12-31');
    await openCenter('220104', '2016-01-01');
    const d = (await openCenter('220105', '2015-02-01')).id;
    await admit(d, 2015, 2);
    const [d1, d2] = await towns('220105');
    for (const id of [await station(d1, '2016-03-01', true), await station(d2, '2016-03-01', true)]) await admit(id, 2017, 2);
    await openCenter('220106', '2015-01-10');
    for (const town of (await towns('220106')).slice(0, 3)) await admit(await station(town, '2016-03-01', true), 2017, 2);
    await openCenter('220112', '2015-01-10');
    await admit(await station((await towns('220112'))[0], '2016-03-01', false), 2017, 2);
    await openCenter('220113', '2015-01-10');
    await admit(await station((await towns('220113'))[0], '2016-03-01', true), 2017, 1);
    await admit((await openCenter('220171', '2015-01-10')).id, 2015, 3);
  }, 120_000);

  it('T2015 end to end: a county without a center opens one, admits three in 2015, and flips to met', async () => {
    const before = await scorecard(2015);
    expect(before.byCode['220102'].met).toBe(false);
    expect(before.check('220102', 'center')).toMatchObject({ required: '≥ 1', actual: 0, met: false });

    const center = await openCenter('220102', '2015-03-01');
    const opened = await scorecard(2015);
    expect(opened.check('220102', 'center')).toMatchObject({ actual: 1, met: true });
    expect(opened.check('220102', 'center-incubations-per-year')).toMatchObject({ required: '≥ 3', actual: 0, met: false });

    await admit(center.id, 2015, 3, 4);
    const after = await scorecard(2015);
    expect(after.byCode['220102'].met).toBe(true);
    expect(after.check('220102', 'center-incubations-per-year')).toMatchObject({ actual: 3, met: true });
  });

  it('T2015: each check met and missed, for the reasons the fixture gives', async () => {
    const { progress, byCode, check } = await scorecard(2015);
    expect(progress).toMatchObject({ asOf: '2015-12-31', countiesTotal: 60, countiesMet: 1 });
    expect(Object.keys(byCode).filter((code) => byCode[code].met)).toEqual(['220102']);
    expect(check('220103', 'center')).toMatchObject({ actual: 1, met: true });
    expect(check('220103', 'center-incubations-per-year')).toMatchObject({ actual: 0, met: false });
    expect(check('220104', 'center')).toMatchObject({ actual: 0, met: false });
    expect(check('220105', 'center-incubations-per-year')).toMatchObject({ actual: 2, met: false });
  });

  it('honours asOf at its edges: opened on the deadline counts, the day after does not', async () => {
    expect((await scorecard(2015, '2015-12-30')).check('220103', 'center')).toMatchObject({ actual: 0, met: false });
    expect((await scorecard(2015, '2015-12-31')).check('220103', 'center')).toMatchObject({ actual: 1, met: true });
    expect((await scorecard(2015, '2015-12-31')).check('220104', 'center')).toMatchObject({ actual: 0 });
    const next = await scorecard(2015, '2016-01-01');
    expect(next.progress.asOf).toBe('2016-01-01');
    expect(next.check('220104', 'center')).toMatchObject({ actual: 1, met: true });
  });

  it('T2017: stations in larger towns between 1 and 2, each admitting at least 2 in the year', async () => {
    const { progress, byCode, check } = await scorecard(2017);
    expect(progress.countiesMet).toBe(1);
    expect(byCode['220105'].met).toBe(true);
    expect(check('220105', 'large-town-stations')).toMatchObject({ required: '1–2', actual: 2, met: true });
    expect(check('220105', 'station-incubations-per-year')).toMatchObject({ required: '≥ 2', actual: 2, met: true });
    expect(check('220106', 'large-town-stations')).toMatchObject({ actual: 3, met: false });
    expect(check('220112', 'large-town-stations')).toMatchObject({ actual: 0, met: false });
    expect(check('220112', 'station-incubations-per-year')).toMatchObject({ met: false });
    expect(check('220113', 'large-town-stations')).toMatchObject({ actual: 1, met: true });
    expect(check('220113', 'station-incubations-per-year')).toMatchObject({ actual: 1, met: false });
    expect(check('220102', 'large-town-stations')).toMatchObject({ actual: 0, met: false });
  });

  it('follows a threshold changed by mutation, with no redeploy', async () => {
    const set = `mutation($min: Int, $max: Int) { setMilestoneCheck(year: 2017, rule: "large-town-stations", min: $min, max: $max) { rule min max } }`;
    await data(set, { min: 1, max: 3 });
    try {
      const { byCode, progress } = await scorecard(2017);
      expect(byCode['220106'].met).toBe(true);
      expect(progress.countiesMet).toBe(2);
    } finally {
      await data(set, { min: 1, max: 2 });
    }
    expect((await scorecard(2017)).progress.countiesMet).toBe(1);
    const bad = await request(set, { min: 3, max: 1 });
    expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('leaves development zones out of the denominator unless the milestone counts them', async () => {
    const { byCode, progress } = await scorecard(2015);
    expect(byCode['220171']).toBeUndefined();
    expect(progress.countiesTotal).toBe(60);
    const toggle = `mutation($c: Boolean!) { setMilestoneCountsDevelopmentZones(year: 2015, counts: $c) { countsDevelopmentZones } }`;
    await data(toggle, { c: true });
    try {
      const counted = await scorecard(2015);
      expect(counted.progress).toMatchObject({ countiesTotal: 69, countiesMet: 2 });
      expect(counted.byCode['220171'].met).toBe(true);
    } finally {
      await data(toggle, { c: false });
    }
  });

  it('rolls prefectures up to the province', async () => {
    for (const year of [2015, 2017]) {
      const { province } = await data(contract('PrefectureRollup'), { year });
      const { progress } = await scorecard(year);
      expect(province.prefectures).toHaveLength(9);
      const sum = (key: string) => province.prefectures.reduce((s: number, p: any) => s + p.milestoneProgress[key], 0);
      expect(sum('countiesTotal')).toBe(progress.countiesTotal);
      expect(sum('countiesMet')).toBe(progress.countiesMet);
      const changchun = province.prefectures.find((p: any) => p.code === '220100');
      expect(changchun.milestoneProgress).toEqual({ countiesTotal: 11, countiesMet: 1 });
    }
  });

  it('names the counties at risk before the deadline, by their pace', async () => {
    const { province } = await data(`{ province(code: "220000") { milestone(year: 2015) { progress(asOf: "2015-06-30") {
      atRisk { county { code } checks { rule actual projected met } } } } } }`);
    const atRisk = province.milestone.progress.atRisk.map((c: any) => c.county.code);
    expect(atRisk).toContain('220103'); // no center yet on 2015-06-30
    expect(atRisk).not.toContain('220102'); // 3 admitted by June: met already
    expect(atRisk).not.toContain('220105'); // 2 by June: on pace for 3 or more by December
    const d = province.milestone.progress.atRisk.find((c: any) => c.county.code === '220105');
    expect(d).toBeUndefined();
  });

  it("draws a county's yearly trend from the three tiers' facts", async () => {
    const { county } = await data(`{ county(code: "220105") {
      centerYears(fromYear: 2014, toYear: 2018) { year open }
      stationYears(fromYear: 2015, toYear: 2017) { year stations largeTownStations }
      incubationYears(fromYear: 2015, toYear: 2017) { year admittedByCenter admittedByStations graduated }
    } }`);
    expect(county.centerYears.map((y: any) => y.open)).toEqual([false, true, true, true, true]);
    expect(county.stationYears).toEqual([
      { year: 2015, stations: 0, largeTownStations: 0 },
      { year: 2016, stations: 2, largeTownStations: 2 },
      { year: 2017, stations: 2, largeTownStations: 2 },
    ]);
    expect(county.incubationYears).toEqual([
      { year: 2015, admittedByCenter: 2, admittedByStations: 0, graduated: 0 },
      { year: 2016, admittedByCenter: 0, admittedByStations: 0, graduated: 0 },
      { year: 2017, admittedByCenter: 0, admittedByStations: 4, graduated: 0 },
    ]);
  });

  it('costs the same fetches and statements for a county, a prefecture and the whole province', async () => {
    const query = `query($scope: ID!) { province(code: "220000") { milestone(year: 2017) { progress(scope: $scope) { countiesTotal countiesMet counties { met county { name } checks { rule actual met } } } } } }`;
    const county = await counted(() => data(query, { scope: '220105' }));
    const province = await counted(() => data(query, { scope: '220000' }));
    expect(county.result.province.milestone.progress.countiesTotal).toBe(1);
    expect(province.result.province.milestone.progress.countiesTotal).toBe(60);
    expect(province.counts.subgraphFetches).toBe(county.counts.subgraphFetches);
    expect(province.counts.sqlStatements).toBe(county.counts.sqlStatements);
    expect(province.counts.subgraphFetches).toBe(5); // province → centers ‖ stations ‖ organizations → province
    console.log(`T2017 scorecard, whole province: ${JSON.stringify(province.counts)}`);
  });

  it('says the national comparison cannot be judged with Jilin alone, rather than met', async () => {
    const { nation, province } = await data(`{
      nation { ranking(year: 2020) { provincesRanked judgeable standings { province { code } rank checks { rule met status } } } }
      province(code: "220000") { milestone(year: 2020) { progress { nationalComparison { standings { checks { rule met status } } } } } }
    }`);
    expect(nation.ranking).toEqual({
      provincesRanked: 1,
      judgeable: false,
      standings: [{ province: { code: '220000' }, rank: 1, checks: [{ rule: 'national-upper-middle', met: false, status: 'NOT_JUDGEABLE' }] }],
    });
    expect(province.milestone.progress.nationalComparison.standings[0].checks).toEqual([{ rule: 'national-upper-middle', met: false, status: 'NOT_JUDGEABLE' }]);
  });
});

describe("the fact lists are the gateway's plumbing, not API (@inaccessible)", () => {
  it.each([['anonymous', null], ['a province administrator', undefined]] as const)(
    'refuses %s selecting them as a validation error, while the scorecard they feed answers',
    async (_who, token) => {
      const facts = await request('{ province(code: "220000") { milestoneProgress(year: 2017) { countiesMet admissionFacts { countyCode admitted } } } }', {}, { token });
      expect(facts.data).toBeUndefined();
      expect(facts.errors?.[0]).toMatchObject({ extensions: { code: 'GRAPHQL_VALIDATION_FAILED' }, message: expect.stringContaining('admissionFacts') });
      const figures = await request('{ province(code: "220000") { milestoneProgress(year: 2017) { countiesTotal countiesMet } } }', {}, { token });
      expect(figures.errors).toBeUndefined();
      expect(figures.data.province.milestoneProgress).toEqual({ countiesTotal: 60, countiesMet: expect.any(Number) });
    },
  );
});
