// The national comparison (T2020 全国中上水平) through the gateway on the test seed (Jilin and 宁夏): each
// indicator worked out again from the scorecard and county pages the API already serves, the ranks
// checked against those figures, the T2020 check present and tunable, and the cost constant.
import { counted, data, request } from './support/client';

const YEAR = 2020;
const AS_OF = '2020-12-31';

const RANKING = `query Ranking($year: Int!, $asOf: Date) {
  nation {
    ranking(year: $year, asOf: $asOf) {
      year asOf provincesRanked judgeable
      indicators { indicator definition provinces { province { code name } value rank } }
      standings { province { code name } rank meanRank provincesRanked indicators { indicator value rank } checks { rule required min max actual met status } }
    }
  }
}`;

/** One province's four indicators, from its 2020 scorecard and its counties' pages. */
async function independently(code: string) {
  const { province } = await data(
    `query($code: ID!, $asOf: Date!) { province(code: $code) { milestone(year: 2020) { progress(asOf: $asOf) {
      countiesTotal
      counties { county { code towns { isLarge(asOf: $asOf) } incubationYears(toYear: 2020) { graduated exited } } checks { rule actual } }
    } } } }`,
    { code, asOf: AS_OF },
  );
  const { countiesTotal, counties } = province.milestone.progress;
  const actual = (c: any, rule: string) => c.checks.find((k: any) => k.rule === rule).actual as number;
  const sum = (f: (c: any) => number) => counties.reduce((s: number, c: any) => s + f(c), 0);
  const largeTowns = sum((c) => c.county.towns.filter((t: any) => t.isLarge).length);
  const graduated = sum((c) => c.county.incubationYears.reduce((s: number, y: any) => s + y.graduated, 0));
  const exited = sum((c) => c.county.incubationYears.reduce((s: number, y: any) => s + y.exited, 0));
  return {
    CENTER_COVERAGE: (100 * counties.filter((c: any) => actual(c, 'center') >= 1).length) / countiesTotal,
    // A town has at most one open station, so the stations counted in larger towns are the towns covered.
    LARGE_TOWN_STATION_COVERAGE: largeTowns ? (100 * sum((c) => actual(c, 'large-town-stations'))) / largeTowns : null,
    ADMISSIONS_PER_COUNTY: sum((c) => actual(c, 'county-incubations-per-year')) / countiesTotal,
    GRADUATION_RATE: graduated + exited ? (100 * graduated) / (graduated + exited) : null,
  } as Record<string, number | null>;
}

describe('the national comparison (T2020 全国中上水平)', () => {
  let ranking: any;
  let counts: Awaited<ReturnType<typeof counted>>['counts'];

  beforeAll(async () => {
    ({ result: ranking, counts } = await counted(async () => (await data(RANKING, { year: YEAR })).nation.ranking));
  });

  it('ranks both provinces of the test seed on figures the rest of the API agrees with', async () => {
    expect(ranking).toMatchObject({ year: YEAR, asOf: AS_OF, provincesRanked: 2, judgeable: true });
    const expected = { '220000': await independently('220000'), '640000': await independently('640000') };
    expect(ranking.indicators.map((i: any) => i.indicator)).toEqual(['CENTER_COVERAGE', 'LARGE_TOWN_STATION_COVERAGE', 'ADMISSIONS_PER_COUNTY', 'GRADUATION_RATE']);
    for (const indicator of ranking.indicators) {
      expect(indicator.provinces.map((p: any) => p.province.code).sort()).toEqual(['220000', '640000']);
      for (const p of indicator.provinces) {
        const value = expected[p.province.code as '220000'][indicator.indicator];
        expect(p.value).toBeCloseTo(value!, 9);
        // Competition ranks, higher first: 1 + the provinces with a higher figure.
        expect(p.rank).toBe(1 + indicator.provinces.filter((o: any) => o.value > p.value).length);
      }
      expect(indicator.provinces.map((p: any) => p.rank)).toEqual([...indicator.provinces.map((p: any) => p.rank)].sort()); // best first
    }
    // The composite: each province's mean indicator rank, ranked (lower mean first).
    for (const standing of ranking.standings) {
      const ranks = ranking.indicators.map((i: any) => i.provinces.find((p: any) => p.province.code === standing.province.code).rank);
      expect(standing.meanRank).toBeCloseTo(ranks.reduce((a: number, b: number) => a + b, 0) / 4, 9);
      expect(standing.rank).toBe(1 + ranking.standings.filter((o: any) => o.meanRank < standing.meanRank).length);
      expect(standing.indicators.map((i: any) => i.rank)).toEqual(ranks);
    }
  });

  it('adds the T2020 check as data: the upper half of the provinces ranked by default, tunable by the province', async () => {
    const { milestone } = await data(`{ milestone: nation { milestone(year: 2020) { checks { rule min max perProvince } } } }`);
    expect(milestone.milestone.checks).toContainEqual({ rule: 'national-upper-middle', min: null, max: 50, perProvince: true });
    expect(milestone.milestone.checks.filter((c: any) => c.perProvince)).toHaveLength(1);
    const judge = (standings: any[]) =>
      standings.map((s) => {
        const check = s.checks.find((c: any) => c.rule === 'national-upper-middle');
        return [s.province.code, check.actual, check.met, check.status];
      });
    // Rank 1 of 2 is the top 50 %; rank 2 of 2 is not (a tie would put both at rank 1).
    const expected = ranking.standings.map((s: any) => [s.province.code, Math.ceil((100 * s.rank) / 2), s.rank === 1, s.rank === 1 ? 'MET' : 'NOT_MET']);
    expect(judge(ranking.standings)).toEqual(expected);
    expect(ranking.standings[0].checks[0].required).toBe('top 50 % (rank ≤ 1 of 2)');
    try {
      await data(`mutation { setMilestoneCheck(year: 2020, rule: "national-upper-middle", max: 100) { max } }`);
      const tuned = (await data(RANKING, { year: YEAR })).nation.ranking;
      expect(judge(tuned.standings).map((s) => s[3])).toEqual(['MET', 'MET']);
    } finally {
      await data(`mutation { setMilestoneCheck(year: 2020, rule: "national-upper-middle", max: 50) { max } }`);
    }
  });

  it("shows a province's own standing from its T2020 scorecard, and keeps the check out of its counties' checks", async () => {
    const { province } = await data(`{ province(code: "220000") { milestone(year: 2020) { progress {
      nationalComparison { scope standings { province { code } rank checks { rule actual status } } }
      counties { checks { rule } }
    } } } }`);
    const { nationalComparison, counties } = province.milestone.progress;
    const jilin = ranking.standings.find((s: any) => s.province.code === '220000');
    expect(nationalComparison.scope).toBe('220000');
    expect(nationalComparison.standings).toEqual([{ province: { code: '220000' }, rank: jilin.rank, checks: [{ rule: 'national-upper-middle', actual: jilin.checks[0].actual, status: jilin.checks[0].status }] }]);
    expect(counties.flatMap((c: any) => c.checks.map((k: any) => k.rule))).not.toContain('national-upper-middle');
  });

  it('costs a constant number of fetches and SQL statements: one per tier, one in the province', () => {
    // province (nation.ranking) → centers, stations, organizations (one total list each) → province (the ranks)
    expect(counts.subgraphFetches).toBe(5);
    expect(counts.perSubgraph.centers.sql).toBe(1);
    expect(counts.perSubgraph.stations.sql).toBe(1);
    expect(counts.perSubgraph.organizations.sql).toBe(1);
    // the milestone with its checks (county counts per province and the provinces' names: the register, in memory)
    expect(counts.perSubgraph.province.sql).toBe(1);
  });

  it('refuses a year before the policy, naming it', async () => {
    const response = await request(`{ nation { ranking(year: 1999) { provincesRanked } } }`);
    expect(response.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    expect(response.errors?.[0].message).toMatch(/year 1999/);
  });
});
