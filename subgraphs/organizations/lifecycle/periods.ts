// Half-year periods 半年 (R4: incubations are evaluated twice a year), written like 2016H1 and 2016H2.
// Pure: unit-tested alone.
import { badInput } from '../../kit/errors';

/** `2016H1` → its first and last day. */
export function periodBounds(period: string): { from: string; to: string } {
  const match = /^(\d{4})H([12])$/.exec(period);
  if (!match) throw badInput(`period "${period}" must be a year and a half, like 2016H1 or 2016H2.`);
  const [, year, half] = match;
  return half === '1' ? { from: `${year}-01-01`, to: `${year}-06-30` } : { from: `${year}-07-01`, to: `${year}-12-31` };
}

/**
 * A half-year may be evaluated when the incubation (from `admittedOn`, until `endedOn` or still
 * running) ran during it, and once it is over by `today`: a half-year is judged on the whole of it.
 */
export function checkEvaluable(period: string, admittedOn: string, endedOn: string | null, today: string): void {
  const { from, to } = periodBounds(period);
  if (to < admittedOn) throw badInput(`${period} ended before this incubation began (${admittedOn}).`);
  if (endedOn && from > endedOn) throw badInput(`${period} began after this incubation ended (${endedOn}).`);
  if (to >= today) throw badInput(`${period} is not over yet (it ends on ${to}); evaluate a half-year after it ends.`);
}

/** The half-year a day falls in: 2016-03-05 → 2016H1. Periods compare as text: 2016H1 < 2016H2 < 2017H1. */
export const periodOf = (day: string) => `${day.slice(0, 4)}H${day.slice(5, 7) <= '06' ? 1 : 2}`;

/** Every half-year that ended while an incubation ran (from `admittedOn` until `endedOn`) and before `until`. */
export function halfYearsEnded(admittedOn: string, endedOn: string | null, until: string): string[] {
  const end = endedOn ?? until;
  const periods: string[] = [];
  for (let year = Number(admittedOn.slice(0, 4)); year <= Number(end.slice(0, 4)); year++) {
    for (const half of ['H1', 'H2'] as const) {
      const { from, to } = periodBounds(`${year}${half}`);
      if (to >= admittedOn && to < until && from <= end) periods.push(`${year}${half}`);
    }
  }
  return periods;
}
