// Evaluating a milestone's checks for each county over the facts the other tiers contributed. Pure: no
// database, no network, so the figures can be worked out by hand and compared.
import type { Milestone, MilestoneCheck, Rule } from './entities/milestone';

export interface Facts {
  centerFacts: { countyCode: string; centerId: string }[];
  stationFacts: { countyCode: string; stationId: string; inLargeTown: boolean }[];
  admissionFacts: { countyCode: string; hostId: string; hostKind: 'CENTER' | 'STATION'; admitted: number }[];
  outcomeFacts: { countyCode: string; graduated: number; exited: number; categories: string[] }[];
}

export interface CheckOutcome {
  rule: Rule;
  min: number | null;
  max: number | null;
  required: string;
  actual: number;
  met: boolean;
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

const PER_YEAR: Rule[] = ['center-incubations-per-year', 'station-incubations-per-year', 'county-incubations-per-year'];

export function requiredText(min: number | null, max: number | null): string {
  if (min !== null && max !== null) return min === max ? `${min}` : `${min}–${max}`;
  if (min !== null) return `≥ ${min}`;
  if (max !== null) return `≤ ${max}`;
  return 'any';
}

const within = (value: number, min: number | null, max: number | null) => (min === null || value >= min) && (max === null || value <= max);

/** How much of the milestone year has passed on `asOf` (0 before it, 1 after it). */
export function yearElapsed(year: number, asOf: string): number {
  const start = Date.UTC(year, 0, 1);
  const end = Date.UTC(year + 1, 0, 1);
  const day = Date.parse(`${asOf}T00:00:00Z`) + 86_400_000; // the whole of asOf has passed
  return Math.min(1, Math.max(0, (day - start) / (end - start)));
}

export function evaluate(milestone: Milestone, checks: MilestoneCheck[], countyCodes: string[], facts: Facts, asOf: string): CountyOutcome[] {
  const group = <T extends { countyCode: string }>(rows: T[]) => {
    const map = new Map<string, T[]>();
    for (const row of rows) map.set(row.countyCode, [...(map.get(row.countyCode) ?? []), row]);
    return map;
  };
  const centers = group(facts.centerFacts);
  const stations = group(facts.stationFacts);
  const admissions = group(facts.admissionFacts);
  const outcomes = new Map(facts.outcomeFacts.map((o) => [o.countyCode, o]));
  const due = asOf >= milestone.deadline;
  const elapsed = yearElapsed(milestone.year, asOf);

  return countyCodes.map((countyCode) => {
    const admitted = admissions.get(countyCode) ?? [];
    const admittedBy = (hostId: string) => admitted.filter((a) => a.hostId === hostId).reduce((sum, a) => sum + a.admitted, 0);
    const counted = (stations.get(countyCode) ?? []).filter((s) => s.inLargeTown);
    const outcome = outcomes.get(countyCode);

    const measure = (check: MilestoneCheck): { actual: number; possible: boolean } => {
      switch (check.rule) {
        case 'center':
          return { actual: centers.get(countyCode)?.length ?? 0, possible: true };
        case 'center-incubations-per-year':
          return { actual: admitted.filter((a) => a.hostKind === 'CENTER').reduce((sum, a) => sum + a.admitted, 0), possible: true };
        case 'large-town-stations':
          return { actual: counted.length, possible: true };
        case 'station-incubations-per-year':
          return { actual: counted.length ? Math.min(...counted.map((s) => admittedBy(s.stationId))) : 0, possible: counted.length > 0 };
        case 'category-coverage': {
          const wanted = new Set(check.categories ?? []);
          return { actual: (outcome?.categories ?? []).filter((c) => wanted.has(c)).length, possible: true };
        }
        case 'graduation-rate': {
          const ended = (outcome?.graduated ?? 0) + (outcome?.exited ?? 0);
          return { actual: ended ? Math.round((100 * outcome!.graduated) / ended) : 0, possible: ended > 0 };
        }
        case 'county-incubations-per-year':
          return { actual: admitted.reduce((sum, a) => sum + a.admitted, 0), possible: true };
      }
    };

    const results: CheckOutcome[] = checks.map((check) => {
      const { actual, possible } = measure(check);
      const perYear = PER_YEAR.includes(check.rule);
      // The pace so far, carried to the year's end; before the year starts there is no pace to judge.
      const projected = perYear && !due && elapsed > 0 ? Math.floor(actual / elapsed) : null;
      return {
        rule: check.rule,
        min: check.min,
        max: check.max,
        required: requiredText(check.min, check.max),
        actual,
        met: possible && within(actual, check.min, check.max),
        projected,
        definition: check.definition,
      };
    });
    const met = results.every((r) => r.met);
    const atRisk =
      !due &&
      !met &&
      results.some((r) => {
        if (r.met) return false;
        if (PER_YEAR.includes(r.rule)) return r.projected !== null && !within(r.projected, r.min, r.max);
        return true; // a structural check (a center, stations) not met yet
      });
    return { countyCode, met, atRisk, checks: results };
  });
}
