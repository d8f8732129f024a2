// Yearly series for trend charts: for every key of a request (county codes, host ids) one statement
// returns rows keyed (key, year), and each key gets a row for every year of the range, zeros filled in.
import type { Context } from './context';
import { POLICY_FIRST_YEAR } from '../policy';
import { checkYearRange, yearsBetween } from './dates';

/** Where a series starts unless asked otherwise: the policy's year, 吉民发〔2014〕53号. */
export const FIRST_SERIES_YEAR = POLICY_FIRST_YEAR;

export interface YearRow {
  key: string;
  year: number;
}

export function yearlySeries<Row extends YearRow, T>(
  ctx: Context,
  name: string,
  key: string,
  fromYear: number,
  toYear: number | undefined,
  select: (keys: readonly string[], from: number, to: number) => Promise<Row[]>,
  make: (year: number, row: Row | undefined) => T,
): Promise<T[]> {
  const to = checkYearRange(fromYear, toYear);
  return ctx.loaders
    .custom(`${name}:${fromYear}:${to}`, async (keys) => {
      const found = new Map((await select(keys, fromYear, to)).map((row) => [`${row.key}:${row.year}`, row]));
      return keys.map((k) => yearsBetween(fromYear, to).map((year) => make(year, found.get(`${k}:${year}`))));
    })
    .load(key);
}
