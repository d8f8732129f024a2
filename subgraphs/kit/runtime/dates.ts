import { GraphQLScalarType } from 'graphql';
import { GraphQLLocalDate } from 'graphql-scalars';
import { badInput } from '../errors';

/**
 * `Date`: an ISO calendar date (YYYY-MM-DD) with no time or zone. Kept as a string end to end
 * (PostgreSQL `date` ⇄ string in MikroORM), so no time zone can shift a deadline by a day.
 * graphql-scalars validates it; the name is the contract's.
 */
export const DateScalar = new GraphQLScalarType({
  ...GraphQLLocalDate.toConfig(),
  name: 'Date',
  description: 'An ISO 8601 calendar date, YYYY-MM-DD (日期).',
  specifiedByURL: undefined,
});

export type IsoDate = string;

/** Today as an ISO date in China Standard Time, the calendar the policy's deadlines are written in. */
export function today(): IsoDate {
  return new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** For class-validator on inputs that carry dates as strings. */
export const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A MikroORM filter for "open on `asOf`": started on or before the day, and not ended by it. Every
 * dated fact (centers, stations, designations) is asked this way, so `asOf` means the same everywhere.
 */
export function openOn(asOf: IsoDate, from = 'establishedOn', until = 'closedOn') {
  return { [from]: { $lte: asOf }, $or: [{ [until]: null }, { [until]: { $gt: asOf } }] } as Record<string, unknown>;
}

/** A year range for yearly series: `toYear` defaults to this year; at most 50 years. */
export function checkYearRange(fromYear: number, toYear?: number): number {
  const to = toYear ?? Number(today().slice(0, 4));
  if (!Number.isInteger(fromYear) || !Number.isInteger(to) || fromYear > to || to - fromYear > 50) {
    throw badInput(`fromYear ${fromYear} to toYear ${to} is not a range of at most 50 years.`);
  }
  return to;
}

export const yearsBetween = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
