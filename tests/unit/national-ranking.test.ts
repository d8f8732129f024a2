// The national comparison, pure: per-province totals made by hand, ranks and the T2020 check worked out by hand.
import type { NationalFacts } from '../../subgraphs/kit/federation/national-facts';
import { isDevelopmentZoneCode } from '../../subgraphs/kit/identity/regions';
import { loadRegister } from '../../subgraphs/kit/register';
import { competitionRanks, figuresOf, judgeStanding, rankProvinces } from '../../subgraphs/province/scorecard/ranking';

const T = (provinceCode: string, developmentZones = false) => ({ provinceCode, developmentZones });
const counties = [
  { ...T('220000'), counties: 10 },
  { ...T('220000', true), counties: 2 },
  { ...T('640000'), counties: 4 },
  { ...T('110000'), counties: 5 },
  { ...T('710000'), counties: 0 }, // a province without counties is not compared
];
const facts: NationalFacts = {
  centerTotals: [
    { ...T('220000'), countiesWithCenter: 8 }, // 80 %
    { ...T('220000', true), countiesWithCenter: 2 }, // counted only with development zones
    { ...T('640000'), countiesWithCenter: 4 }, // 100 %
    { ...T('110000'), countiesWithCenter: 4 }, // 80 %
  ],
  stationTotals: [
    { ...T('220000'), largeTowns: 20, largeTownsWithStation: 10 }, // 50 %
    { ...T('640000'), largeTowns: 4, largeTownsWithStation: 1 }, // 25 %
    // 110000 has no larger town: nothing to measure, ranks last
  ],
  incubationTotals: [
    { ...T('220000'), admitted: 30, graduated: 9, exited: 1 }, // 3 per county, 90 %
    { ...T('220000', true), admitted: 100, graduated: 0, exited: 50 },
    { ...T('640000'), admitted: 8, graduated: 3, exited: 1 }, // 2 per county, 75 %
    { ...T('110000'), admitted: 20, graduated: 1, exited: 1 }, // 4 per county, 50 %
  ],
};

describe('the national comparison', () => {
  it('ranks with shared ranks for equal figures, nothing-to-measure last', () => {
    expect(competitionRanks([5, 7, 5, null, 1])).toEqual([2, 1, 2, 5, 4]);
    expect(competitionRanks([null, null])).toEqual([1, 1]);
  });

  it('adds up each province’s counted counties, leaving development zones out unless counted', () => {
    const figures = figuresOf(facts, counties, false);
    expect(figures.map((f) => f.provinceCode)).toEqual(['110000', '220000', '640000']);
    expect(figures.find((f) => f.provinceCode === '220000')).toEqual({
      provinceCode: '220000', counties: 10, countiesWithCenter: 8, largeTowns: 20, largeTownsWithStation: 10, admitted: 30, graduated: 9, exited: 1,
    });
    expect(figuresOf(facts, counties, true).find((f) => f.provinceCode === '220000')).toMatchObject({ counties: 12, countiesWithCenter: 10, admitted: 130, exited: 51 });
  });

  it('ranks every indicator and the mean of the ranks', () => {
    const ranking = rankProvinces(figuresOf(facts, counties, false));
    const of = (code: string) => ranking.find((r) => r.provinceCode === code)!;
    //            center  stations  per county  graduation   mean
    // 220000      80 (2)  50 (1)    3 (2)       90 (1)      1.5  → 1
    // 640000     100 (1)  25 (2)    2 (3)       75 (2)      2    → 2
    // 110000      80 (2)  — (3)     4 (1)       50 (3)      2.25 → 3
    expect(of('220000').ranks).toEqual({ CENTER_COVERAGE: 2, LARGE_TOWN_STATION_COVERAGE: 1, ADMISSIONS_PER_COUNTY: 2, GRADUATION_RATE: 1 });
    expect(of('110000').values).toEqual({ CENTER_COVERAGE: 80, LARGE_TOWN_STATION_COVERAGE: null, ADMISSIONS_PER_COUNTY: 4, GRADUATION_RATE: 50 });
    expect(ranking.map((r) => [r.provinceCode, r.meanRank, r.rank])).toEqual([
      ['220000', 1.5, 1],
      ['640000', 2, 2],
      ['110000', 2.25, 3],
    ]);
  });

  it('judges the upper-middle check on the rank as a share of the provinces ranked, and not at all with one province', () => {
    const check = { rule: 'national-upper-middle', min: null, max: 50, categories: null };
    expect(judgeStanding(check, { rank: 15 }, 31)).toMatchObject({ actual: 49, met: true, status: 'MET', required: 'top 50 % (rank ≤ 15 of 31)' });
    expect(judgeStanding(check, { rank: 16 }, 31)).toMatchObject({ actual: 52, met: false, status: 'NOT_MET' });
    expect(judgeStanding(check, { rank: 1 }, 2)).toMatchObject({ actual: 50, met: true, status: 'MET' });
    expect(judgeStanding(check, { rank: 2 }, 2)).toMatchObject({ actual: 100, met: false, status: 'NOT_MET' });
    expect(judgeStanding(check, { rank: 1 }, 1)).toMatchObject({ met: false, status: 'NOT_JUDGEABLE' });
    expect(judgeStanding({ ...check, max: 30 }, { rank: 10 }, 31)).toMatchObject({ actual: 33, met: false, required: 'top 30 % (rank ≤ 9 of 31)' });
  });

  it('knows development zones by their code, as the register does', () => {
    const register = loadRegister('national');
    const zones = register.counties.filter((c) => isDevelopmentZoneCode(c.code)).map((c) => c.code);
    expect(zones).toEqual(register.counties.filter((c) => c.kind === 'DEVELOPMENT_ZONE').map((c) => c.code));
    expect(zones.length).toBeGreaterThan(100);
  });
});
