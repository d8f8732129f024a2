// The scorecard's rules and their evaluation, pure: facts made by hand, figures worked out by hand.
import type { Facts } from '../../subgraphs/kit/federation/facts';
import { checkedCategories, evaluate, requiredText, yearElapsed, type Check } from '../../subgraphs/province/scorecard/evaluate';
import { RULES, RULE_IDS, ruleOf } from '../../subgraphs/province/scorecard/rules';

const T2017 = { year: 2017, deadline: '2017-12-31' };
const check = (rule: string, min: number | null, max: number | null = null, categories: string[] | null = null): Check => ({ rule, min, max, categories });
const facts = (partial: Partial<Facts>): Facts => ({ centerFacts: [], stationFacts: [], admissionFacts: [], outcomeFacts: [], ...partial });

// Two counties: A has a center admitting 3 and two larger-town stations admitting 2 and 1 (plus a
// station in a town not designated larger, admitting 5); B has nothing but outcomes.
const A = '220102';
const B = '640104';
const FACTS = facts({
  centerFacts: [{ countyCode: A, open: 1 }],
  // s3 is open in a town not designated larger: the stations tier leaves it out.
  stationFacts: [{ countyCode: A, largeTownStationIds: ['s1', 's2'] }],
  admissionFacts: [{ countyCode: A, admitted: 11, admittedByCenter: 3, stationIds: ['s1', 's2', 's3'], stationAdmitted: [2, 1, 5] }],
  outcomeFacts: [
    { countyCode: A, graduated: 7, exited: 3, categories: ['EDUCATION', 'HEALTH', 'ELDERLY_CARE'] },
    { countyCode: B, graduated: 0, exited: 0, categories: [] },
  ],
});
const ALL = [
  check('center', 1),
  check('center-incubations-per-year', 3),
  check('large-town-stations', 1, 2),
  check('station-incubations-per-year', 2),
  check('category-coverage', 2, null, ['EDUCATION', 'HEALTH', 'LEGAL_AID']),
  check('graduation-rate', 70),
  check('county-incubations-per-year', 8),
];

function figures(asOf = '2017-12-31', checks = ALL) {
  const [a, b] = evaluate(T2017, checks, [A, B], FACTS, asOf);
  const byRule = (o: typeof a) => Object.fromEntries(o.checks.map((c) => [c.rule, c]));
  return { a, b, A: byRule(a), B: byRule(b) };
}

describe('the scorecard rules', () => {
  it('has one object per rule, each with a definition and whether it is counted per year', () => {
    expect(RULE_IDS).toEqual([
      'center', 'center-incubations-per-year', 'large-town-stations', 'station-incubations-per-year',
      'category-coverage', 'graduation-rate', 'county-incubations-per-year', 'national-upper-middle',
    ]);
    expect(RULES.filter((r) => r.perYear).map((r) => r.id)).toEqual(['center-incubations-per-year', 'station-incubations-per-year', 'county-incubations-per-year']);
    for (const rule of RULES) expect(rule.definition.length).toBeGreaterThan(20);
    expect(ruleOf('nonsense')).toBeUndefined();
    expect(ruleOf('national-upper-middle')).toBeUndefined(); // a province rule, not a county one
  });

  it('never puts a province rule among a county’s checks', () => {
    const [a] = evaluate(T2017, [...ALL, check('national-upper-middle', null, 50)], [A, B], FACTS, '2017-12-31');
    expect(a.checks.map((c) => c.rule)).not.toContain('national-upper-middle');
    expect(a.checks.map((c) => c.status)).toEqual(a.checks.map((c) => (c.met ? 'MET' : 'NOT_MET')));
  });

  it('measures each rule from one county’s facts', () => {
    const { A: a, B: b } = figures();
    expect(a['center']).toMatchObject({ actual: 1, met: true, required: '≥ 1' });
    expect(a['center-incubations-per-year']).toMatchObject({ actual: 3, met: true });
    expect(a['large-town-stations']).toMatchObject({ actual: 2, met: true, required: '1–2' }); // s3 is not in a larger town
    expect(a['station-incubations-per-year']).toMatchObject({ actual: 1, met: false }); // the fewest of s1, s2
    expect(a['category-coverage']).toMatchObject({ actual: 2, met: true }); // EDUCATION, HEALTH of the three wanted
    expect(a['graduation-rate']).toMatchObject({ actual: 70, met: true }); // 7 of 10 ended
    expect(a['county-incubations-per-year']).toMatchObject({ actual: 11, met: true }); // 3 + 2 + 1 + 5
    expect(b['center']).toMatchObject({ actual: 0, met: false });
    expect(b['station-incubations-per-year']).toMatchObject({ actual: 0, met: false }); // no station counted: cannot be met
    expect(b['graduation-rate']).toMatchObject({ actual: 0, met: false }); // nothing ended yet
  });

  it('counts a counted station that admitted nobody as 0, and ignores facts of counties outside the scorecard', () => {
    const withIdle = facts({
      ...FACTS,
      stationFacts: [{ countyCode: A, largeTownStationIds: ['s1', 's4'] }, { countyCode: '999999', largeTownStationIds: ['x'] }],
    });
    const [a, b] = evaluate(T2017, [check('large-town-stations', 1, 2), check('station-incubations-per-year', 0)], [A, B], withIdle, '2017-12-31');
    expect(a.checks.map((c) => c.actual)).toEqual([2, 0]); // s4 admitted nobody
    expect(a.met).toBe(true); // 0 is enough when the threshold is 0
    expect(b.checks.map((c) => [c.actual, c.met])).toEqual([[0, false], [0, false]]); // no station counted
  });

  it('asks the organizations tier only for the categories some check names', () => {
    expect(checkedCategories(ALL)).toEqual(['EDUCATION', 'HEALTH', 'LEGAL_AID']);
    expect(checkedCategories([...ALL, check('category-coverage', 1, null, ['HEALTH', 'ARTS'])])).toEqual(['ARTS', 'EDUCATION', 'HEALTH', 'LEGAL_AID']);
    expect(checkedCategories(ALL.filter((c) => c.rule !== 'category-coverage'))).toEqual([]); // T2015/T2017: none
    // Facts reporting only checked categories measure the same coverage as facts reporting all of them.
    const only = facts({ ...FACTS, outcomeFacts: [{ countyCode: A, graduated: 7, exited: 3, categories: ['EDUCATION', 'HEALTH'] }] });
    const [a] = evaluate(T2017, ALL, [A, B], only, '2017-12-31');
    expect(a.checks.find((c) => c.rule === 'category-coverage')).toMatchObject({ actual: 2, met: true });
  });

  it('meets a county only when every check is met', () => {
    expect(figures().a.met).toBe(false);
    const { a } = figures('2017-12-31', ALL.filter((c) => c.rule !== 'station-incubations-per-year'));
    expect(a.met).toBe(true);
    expect(a.checks).toHaveLength(6);
  });

  it('projects per-year rules to the year end before the deadline, and names the counties at risk', () => {
    const mid = figures('2017-06-30', [check('center', 1), check('center-incubations-per-year', 8)]);
    // 3 by 30 June (181 of 365 days) is on course for 6: short of 8, so at risk.
    expect(mid.A['center-incubations-per-year']).toMatchObject({ actual: 3, projected: 6, met: false });
    expect(mid.a.atRisk).toBe(true);
    expect(mid.A['center'].projected).toBeNull(); // structural checks are not projected
    expect(mid.b.atRisk).toBe(true); // no center yet
    const due = figures('2017-12-31', [check('center-incubations-per-year', 8)]);
    expect(due.a).toMatchObject({ atRisk: false, met: false });
    expect(due.A['center-incubations-per-year'].projected).toBeNull();
  });

  it('writes thresholds as people do and measures the year to a day', () => {
    expect([requiredText(1, 2), requiredText(3, null), requiredText(null, 2), requiredText(2, 2), requiredText(null, null)]).toEqual(['1–2', '≥ 3', '≤ 2', '2', 'any']);
    expect(yearElapsed(2017, '2016-12-31')).toBe(0);
    expect(yearElapsed(2017, '2017-12-31')).toBe(1);
    expect(yearElapsed(2017, '2017-07-02')).toBeCloseTo(183 / 365, 6);
  });

  it('cannot meet a check whose rule this version does not know', () => {
    const { A: a } = figures('2017-12-31', [check('retired-rule', 0)]);
    expect(a['retired-rule']).toMatchObject({ actual: 0, met: false, definition: expect.stringContaining('retired-rule') });
  });
});
