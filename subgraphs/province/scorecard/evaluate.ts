// Evaluating a milestone's checks for each county over the facts the other tiers contributed. Pure: no
// database, no network, so the figures can be worked out by hand and compared (tests/unit/).
import { FACT_NAMES, noFacts, type CountyFacts, type Facts } from '../../kit/federation/facts';
import { provinceRuleOf, ruleOf, type Threshold } from './rules';

/** A check of a milestone: the rule it names and its thresholds. */
export interface Check extends Threshold {
  rule: string;
}

export interface CheckOutcome {
  rule: string;
  min: number | null;
  max: number | null;
  required: string;
  actual: number;
  met: boolean;
  /** MET or NOT_MET; NOT_JUDGEABLE when the figure has nothing to be judged against (then `met` is false). */
  status: CheckStatusValue;
  /** The figure the county is on course for by the deadline, for checks counted over the year. */
  projected: number | null;
  definition: string;
}

export interface CountyOutcome {
  countyCode: string;
  met: boolean;
  /** Not yet due, and on its current pace at least one check would be missed by the deadline. */
  atRisk: boolean;
  checks: CheckOutcome[];
}

export type CheckStatusValue = 'MET' | 'NOT_MET' | 'NOT_JUDGEABLE';

export function requiredText(min: number | null, max: number | null): string {
  if (min !== null && max !== null) return min === max ? `${min}` : `${min}–${max}`;
  if (min !== null) return `≥ ${min}`;
  if (max !== null) return `≤ ${max}`;
  return 'any';
}

export const within = (value: number, min: number | null, max: number | null) => (min === null || value >= min) && (max === null || value <= max);

/** How much of the milestone year has passed on `asOf` (0 before it, 1 after it). */
export function yearElapsed(year: number, asOf: string): number {
  const start = Date.UTC(year, 0, 1);
  const end = Date.UTC(year + 1, 0, 1);
  const day = Date.parse(`${asOf}T00:00:00Z`) + 86_400_000; // the whole of asOf has passed
  return Math.min(1, Math.max(0, (day - start) / (end - start)));
}

/** The categories any check names, each once, sorted: all a county's facts need say about categories. */
export function checkedCategories(checks: readonly Pick<Check, 'categories'>[]): string[] {
  return [...new Set(checks.flatMap((check) => check.categories ?? []))].sort();
}

/** Each county's facts (one row of each list per county, zeros where a tier sent none), in one pass. */
function byCounty(facts: Facts, countyCodes: readonly string[]): Map<string, CountyFacts> {
  const counties = new Map(countyCodes.map((code) => [code, noFacts()]));
  for (const name of FACT_NAMES) {
    for (const row of facts[name] ?? []) {
      const county = counties.get(row.countyCode);
      if (county) (county as Record<string, unknown>)[name] = row;
    }
  }
  return counties;
}

export function evaluate(
  milestone: { year: number; deadline: string },
  checks: readonly Check[],
  countyCodes: readonly string[],
  facts: Facts,
  asOf: string,
): CountyOutcome[] {
  const due = asOf >= milestone.deadline;
  const elapsed = yearElapsed(milestone.year, asOf);
  const counties = byCounty(facts, countyCodes);
  // A province rule (the national comparison) is judged once per province, never per county.
  const countyChecks = checks.filter((check) => !provinceRuleOf(check.rule));

  return countyCodes.map((countyCode) => {
    const county = counties.get(countyCode)!;
    const results: CheckOutcome[] = countyChecks.map((check) => {
      const rule = ruleOf(check.rule);
      // A check naming a rule this version does not know can be neither measured nor met.
      const { actual, possible } = rule ? rule.measure(county, check) : { actual: 0, possible: false };
      // The pace so far, carried to the year's end; before the year starts there is no pace to judge.
      const projected = rule?.perYear && !due && elapsed > 0 ? Math.floor(actual / elapsed) : null;
      const met = possible && within(actual, check.min, check.max);
      return {
        rule: check.rule,
        min: check.min,
        max: check.max,
        required: requiredText(check.min, check.max),
        actual,
        met,
        status: met ? 'MET' : 'NOT_MET',
        projected,
        definition: rule?.definition ?? `No rule "${check.rule}" in this version.`,
      };
    });
    const met = results.every((r) => r.met);
    const atRisk =
      !due &&
      !met &&
      results.some((r) => {
        if (r.met) return false;
        if (ruleOf(r.rule)?.perYear) return r.projected !== null && !within(r.projected, r.min, r.max);
        return true; // a structural check (a center, stations) not met yet
      });
    return { countyCode, met, atRisk, checks: results };
  });
}
