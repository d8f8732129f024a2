import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from 'graphql';
import { badInput } from '../errors';

/**
 * The dates the register can hold: from the founding of the People's Republic (1949-10-01, before any
 * of its regions or organizations) to 2100-12-31. A year 0000 or 1900 is a typing error, not a record.
 * Where the policy forbids a future date (an opening, a service already given), the resolver says so.
 */
export const EARLIEST_DATE = '1949-10-01';
export const LATEST_DATE = '2100-12-31';

const refuse = (message: string, extensions: Record<string, unknown> = {}) => badInput(message, { ...extensions, http: { status: 400 } });

/** A calendar date as the caller wrote it, or a BAD_USER_INPUT saying what is wrong with it. */
export function parseIsoDate(value: unknown): IsoDate {
  if (typeof value !== 'string') throw refuse(`A date is written as a string "YYYY-MM-DD", not ${value === null ? 'null' : typeof value}.`);
  const shown = JSON.stringify(value.length > 20 ? `${value.slice(0, 20)}…` : value);
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) throw refuse(`${shown} is not a date: write it as YYYY-MM-DD, e.g. 2017-06-30.`);
  const [year, month, day] = match.slice(1).map(Number);
  const lastDay = month >= 1 && month <= 12 ? new Date(Date.UTC(year, month, 0)).getUTCDate() : 0;
  if (month < 1 || month > 12) throw refuse(`${shown} is not a date: there is no month ${month}.`);
  if (day < 1 || day > lastDay) throw refuse(`${shown} is not a date: month ${month} of ${year} has ${lastDay} days.`);
  if (value < EARLIEST_DATE || value > LATEST_DATE) throw refuse(`${shown} is outside the dates the register holds (${EARLIEST_DATE} to ${LATEST_DATE}).`);
  return value;
}

function parseLiteral(node: ValueNode): IsoDate {
  if (node.kind !== Kind.STRING) throw refuse(`A date is written as a string "YYYY-MM-DD".`);
  return parseIsoDate(node.value);
}

/**
 * `Date`: an ISO calendar date (YYYY-MM-DD) with no time or zone. Kept as a string end to end
 * (PostgreSQL `date` ⇄ string in MikroORM), so no time zone can shift a deadline by a day. An impossible
 * date (2017-02-30, 2017-13-01, 20170101, "") or one outside EARLIEST_DATE…LATEST_DATE is BAD_USER_INPUT
 * where the scalar parses, before any resolver or SQL runs. The gateway checks with the same function.
 */
export const DateScalar = new GraphQLScalarType({
  name: 'Date',
  description: `An ISO 8601 calendar date, YYYY-MM-DD (日期), from ${EARLIEST_DATE} to ${LATEST_DATE}.`,
  serialize(value) {
    if (value instanceof Date) return value.toISOString().slice(0, 10);
    if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value)) return value.slice(0, 10);
    throw new GraphQLError(`Date cannot represent ${String(value)}.`);
  },
  parseValue: parseIsoDate,
  parseLiteral,
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
