// Statistics for analysts, through the gateway on the test seed (吉林 and 宁夏): the figures agree with the
// per-county fields the API already had, each statistics query is one SQL statement in the subgraph that
// owns the facts (plus one batched entity fetch for the regions' names), whatever the scope, and the
// limits are refusals a caller can act on.
import { readFileSync } from 'fs';
import { join } from 'path';
import { ROOT } from '../subgraphs/kit/paths';
import { counted, data, request } from './support/client';

const JILIN = '220000';
const CHANGCHUN = '220100';

/** An operation of schema/operations/analyst.graphql, as analysts send it. */
const analyst = readFileSync(join(ROOT, 'schema', 'operations', 'analyst.graphql'), 'utf8');
const run = (operationName: string, variables: Record<string, unknown> = {}, token?: string | null) =>
  request(analyst, variables, { operationName, token });

const cents = (yuan: string) => {
  expect(yuan).toMatch(/^\d+\.\d{2}$/);
  return BigInt(yuan.replace('.', ''));
};

describe("the trial's question in one request: admissions per prefecture per year 2014–2020, by service category", () => {
  it('answers with the prefectures named, in order, adding up to the counties’ own yearly counts', async () => {
    const { result, counts } = await counted(() => run('AdmissionsByPrefectureYearCategory', { scope: JILIN, from: 2014, to: 2020 }));
    expect(result.errors).toBeUndefined();
    const stats = result.data!.incubationStatistics;
    expect(stats).toMatchObject({ scope: JILIN, fromDate: '2014-01-01', toDate: '2020-12-31' });
    expect(stats.rows.length).toBeGreaterThan(20);

    // Sorted by prefecture, year, category; every row something to count; names through the federation.
    const keys = stats.rows.map((r: any) => `${r.prefecture.code}|${r.year}|${r.serviceCategory}`);
    expect(keys).toEqual([...keys].sort());
    expect(new Set(keys).size).toBe(keys.length);
    expect(stats.rows.every((r: any) => r.admissions > 0 && r.year >= 2014 && r.year <= 2020)).toBe(true);
    expect(stats.rows.find((r: any) => r.prefecture.code === CHANGCHUN).prefecture.name).toBe('长春市');

    // The same figures from the existing API: every county's incubationYears, summed per prefecture and year.
    const { province } = await data(`{ province(code: "${JILIN}") { prefectures { code counties { incubationYears(fromYear: 2014, toYear: 2020) { year admitted } } } } }`);
    const expected = new Map<string, number>();
    for (const p of province.prefectures)
      for (const c of p.counties) for (const y of c.incubationYears) if (y.admitted) expected.set(`${p.code}|${y.year}`, (expected.get(`${p.code}|${y.year}`) ?? 0) + y.admitted);
    const actual = new Map<string, number>();
    for (const r of stats.rows) actual.set(`${r.prefecture.code}|${r.year}`, (actual.get(`${r.prefecture.code}|${r.year}`) ?? 0) + r.admissions);
    expect(actual).toEqual(expected);
    expect(stats.totals.admissions).toBe([...expected.values()].reduce((a, b) => a + b, 0));

    // One statement in the tier that owns the facts, one batched fetch for the prefectures' names (the
    // province's register, in memory: no statement).
    expect(counts.perSubgraph.organizations).toEqual({ sql: 1, fetches: 1 });
    expect(counts.perSubgraph.province).toEqual({ sql: 0, fetches: 1 });
    expect(counts.subgraphFetches).toBe(2);
    expect(counts.sqlStatements).toBe(1);
  });

  it('costs the same for a county, a prefecture, a province and the nation (two provinces)', async () => {
    const costs = [];
    for (const scope of ['220122', CHANGCHUN, JILIN, '000000']) {
      const { result, counts } = await counted(() => run('AdmissionsByPrefectureYearCategory', { scope }));
      expect(result.errors).toBeUndefined();
      costs.push({ scope, sql: counts.sqlStatements, fetches: counts.subgraphFetches });
    }
    expect(costs.map(({ sql, fetches }) => ({ sql, fetches }))).toEqual(costs.map(() => ({ sql: 1, fetches: 2 })));
  });
});

describe('incubation statistics agree with the per-county fields', () => {
  it('per county and year: admissions, graduations, exits and incubations running at the year end', async () => {
    const { incubationStatistics: stats, county } = await data(`{
      incubationStatistics(scope: "${CHANGCHUN}", from: 2014, to: 2020, groupBy: [COUNTY, YEAR]) { rows { county { code } year admissions graduated exited active } }
      county(code: "220122") { incubationYears(fromYear: 2014, toYear: 2020) { year admitted graduated exited incubatingAtYearEnd } }
    }`);
    const ours = stats.rows.filter((r: any) => r.county.code === '220122');
    for (const y of county.incubationYears) {
      const row = ours.find((r: any) => r.year === y.year) ?? { admissions: 0, graduated: 0, exited: 0, active: 0 };
      expect({ year: y.year, admissions: row.admissions, graduated: row.graduated, exited: row.exited, active: row.active }).toEqual({
        year: y.year,
        admissions: y.admitted,
        graduated: y.graduated,
        exited: y.exited,
        active: y.incubatingAtYearEnd,
      });
    }
    expect(county.incubationYears.some((y: any) => y.admitted > 0)).toBe(true);
  });

  it('totals are the rows added up (exact yuan), and the same as asking with no grouping', async () => {
    const result = await run('IncubationOutcomesByCounty', { scope: JILIN, from: 2014, to: 2020 });
    expect(result.errors).toBeUndefined();
    const { rows, totals } = result.data!.incubationStatistics;
    for (const m of ['admissions', 'graduated', 'exited', 'evaluations', 'services', 'microGrants', 'active']) {
      expect(rows.reduce((sum: number, r: any) => sum + r[m], 0)).toBe(totals[m]);
    }
    expect(rows.reduce((sum: bigint, r: any) => sum + cents(r.microGrantAmount), 0n)).toBe(cents(totals.microGrantAmount));
    expect(totals.microGrants).toBeGreaterThan(0);
    const weighted = rows.reduce((sum: number, r: any) => sum + (r.averageScore ?? 0) * r.evaluations, 0) / totals.evaluations;
    expect(Math.abs(weighted - totals.averageScore)).toBeLessThan(0.01);

    const { incubationStatistics: whole } = await data(`{ incubationStatistics(scope: "${JILIN}", from: 2014, to: 2020) { rows { county { code } admissions microGrantAmount } totals { admissions microGrantAmount } } }`);
    expect(whole.rows).toEqual([{ county: null, ...whole.totals }]);
    expect(whole.totals).toEqual({ admissions: totals.admissions, microGrantAmount: totals.microGrantAmount });
  });

  it("splits a stock by year without adding it up: the totals' running incubations are those of the period's last day", async () => {
    const { byYear, whole } = await data(`{
      byYear: incubationStatistics(scope: "${JILIN}", from: 2016, to: 2019, groupBy: [YEAR]) { rows { year active admissions } totals { active admissions } }
      whole: incubationStatistics(scope: "${JILIN}", fromDate: "2016-01-01", toDate: "2019-12-31") { totals { active admissions } }
    }`);
    expect(byYear.rows.map((r: any) => r.year)).toEqual([2016, 2017, 2018, 2019]);
    expect(byYear.totals).toEqual({ active: byYear.rows[3].active, admissions: byYear.rows.reduce((s: number, r: any) => s + r.admissions, 0) });
    expect(whole.totals).toEqual(byYear.totals);
  });

  it('filters narrow what they name: a category, and the grants of one funding source', async () => {
    const { all, education, grants, publicFinance } = await data(`{
      all: incubationStatistics(scope: "${JILIN}", groupBy: [SERVICE_CATEGORY]) { rows { serviceCategory admissions } }
      education: incubationStatistics(scope: "${JILIN}", filter: { serviceCategories: [EDUCATION] }) { totals { admissions } }
      grants: incubationStatistics(scope: "${JILIN}", groupBy: [FUNDING_SOURCE]) { rows { fundingSource microGrants microGrantAmount } }
      publicFinance: incubationStatistics(scope: "${JILIN}", filter: { fundingSources: [PUBLIC_FINANCE] }) { totals { admissions microGrants microGrantAmount } }
    }`);
    expect(education.totals.admissions).toBe(all.rows.find((r: any) => r.serviceCategory === 'EDUCATION').admissions);
    const pf = grants.rows.find((r: any) => r.fundingSource === 'PUBLIC_FINANCE');
    expect(publicFinance.totals).toEqual({ admissions: all.rows.reduce((s: number, r: any) => s + r.admissions, 0), microGrants: pf.microGrants, microGrantAmount: pf.microGrantAmount });
  });

  it('is readable by the public, as every count is', async () => {
    const result = await run('AdmissionsByPrefectureYearCategory', { scope: '640000' }, null);
    expect(result.errors).toBeUndefined();
    expect(result.data!.incubationStatistics.rows.every((r: any) => r.prefecture.code.startsWith('64') && r.prefecture.name)).toBe(true);
  });
});

describe('center and station statistics agree with the counties’ year series', () => {
  it('centers open at each year end, per county, as County.centerYears says', async () => {
    const { centerStatistics, counties } = await data(`{
      centerStatistics(scope: "${JILIN}", from: 2014, to: 2020, groupBy: [COUNTY, YEAR]) { rows { county { code } year open } totals { counties } }
      counties(prefectureCode: "${CHANGCHUN}") { code centerYears(fromYear: 2014, toYear: 2020) { year open } }
    }`);
    for (const c of counties)
      for (const y of c.centerYears) {
        const row = centerStatistics.rows.find((r: any) => r.county.code === c.code && r.year === y.year);
        expect([c.code, y.year, row?.open ?? 0]).toEqual([c.code, y.year, y.open ? 1 : 0]);
      }
    // Over the whole period (on its last day, 2020-12-31), the counties with a center open.
    const y2020 = centerStatistics.rows.filter((r: any) => r.year === 2020).length;
    expect(centerStatistics.totals.counties).toBe(y2020);
  });

  it('stations and those in larger towns at each year end, per county, as County.stationYears says; coverage of larger towns', async () => {
    const { stationStatistics, counties } = await data(`{
      stationStatistics(scope: "${CHANGCHUN}", from: 2014, to: 2020, groupBy: [COUNTY, YEAR]) { rows { county { code name } year open inLargeTowns largeTowns largeTownsWithStation largeTownCoverage } }
      counties(prefectureCode: "${CHANGCHUN}") { code towns { isLarge station { name } } stationYears(fromYear: 2014, toYear: 2020) { year stations largeTownStations } }
    }`);
    for (const c of counties)
      for (const y of c.stationYears) {
        const row = stationStatistics.rows.find((r: any) => r.county.code === c.code && r.year === y.year);
        expect([c.code, y.year, row?.open ?? 0, row?.inLargeTowns ?? 0]).toEqual([c.code, y.year, y.stations, y.largeTownStations]);
      }
    for (const r of stationStatistics.rows) {
      expect(r.largeTownsWithStation).toBeLessThanOrEqual(r.largeTowns);
      expect(r.largeTownCoverage).toBe(r.largeTowns ? Math.round((r.largeTownsWithStation / r.largeTowns) * 1e4) / 1e4 : null);
    }
  });
});

describe('refusals a caller can act on', () => {
  const refusal = async (query: string) => {
    const { errors } = await request(query);
    return { code: errors?.[0]?.extensions?.code, message: errors?.[0]?.message };
  };

  it('refuses a scope that is not a region, and names an unknown one', async () => {
    expect(await refusal(`{ incubationStatistics(scope: "22") { totals { admissions } } }`)).toMatchObject({ code: 'BAD_USER_INPUT', message: expect.stringContaining('six digits') });
    expect(await refusal(`{ centerStatistics(scope: "990000") { totals { open } } }`)).toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('990000') });
  });

  it('refuses a period given twice or empty', async () => {
    expect(await refusal(`{ stationStatistics(from: 2015, fromDate: "2015-03-01") { totals { open } } }`)).toMatchObject({ code: 'BAD_USER_INPUT', message: expect.stringContaining('not both') });
    expect(await refusal(`{ incubationStatistics(from: 2020, to: 2016) { totals { admissions } } }`)).toMatchObject({ code: 'BAD_USER_INPUT', message: expect.stringContaining('empty') });
  });

  it('refuses a grouping past the row cap instead of cutting it', async () => {
    const { code, message } = await refusal(
      `{ incubationStatistics(groupBy: [COUNTY, HALF_YEAR, SERVICE_CATEGORY, HOST_KIND, STATUS, SERVICE_KIND]) { rows { active services } } }`,
    );
    expect(code).toBe('BAD_USER_INPUT');
    expect(message).toMatch(/more than 10000 rows/);
  });
});
