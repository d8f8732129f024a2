// The date rules every lifecycle step shares: nothing is recorded ahead of time, a step never comes
// before the one it follows, and a record about an incubation falls inside it. Pure: unit-tested alone.
import { badInput } from '../../kit/errors';

/** `on` is a real calendar day, not after `today`: nothing is recorded ahead of time. */
export function pastOrToday(on: string, what: string, today: string): void {
  if (Number.isNaN(Date.parse(on))) throw badInput(`${what} ${on} is not a calendar date (YYYY-MM-DD).`);
  if (on > today) throw badInput(`${what} ${on} is in the future; record it on or after the day it happens.`);
}

/** A step (`step` on `on`) cannot come before the one it follows (`previous` on `earlier`). */
export function notBefore(on: string, earlier: string, step: string, previous: string): void {
  if (on < earlier) throw badInput(`The ${step} (${on}) cannot come before the ${previous} (${earlier}).`);
}

/** Days from `from` to `to`, both counted (a notice from the 1st to the 7th runs 7 days). */
export const daysFromTo = (from: string, to: string): number => (Date.parse(to) - Date.parse(from)) / 86_400_000 + 1;

/** `on` falls within an incubation that ran from `from` (and ended on `to`, or still runs). */
export function withinIncubation(on: string, from: string, to: string | null, what: string): void {
  if (on < from || (to && on > to)) throw badInput(`${what} on ${on} falls outside the incubation (${from} to ${to ?? 'now'}).`);
}
