// Statistics for analysts 统计分析: a tier's own facts counted by the dimensions a caller groups by, in ONE
// SQL statement per request (GROUP BY GROUPING SETS gives the rows and their totals together). What every
// tier's statistics share is here: the scope and period arguments, the time buckets, the region and time
// dimensions (rows point at Province, Prefecture and County by code; the gateway resolves their names in
// one batched fetch), the row cap, the ordering, and which measures a request selected.
import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';
import { ArgsType, Field, ID, Int, ObjectType, type ClassType } from 'type-graphql';
import { badInput } from '../errors';
import { CountyReference, PrefectureReference, ProvinceReference } from '../federation/stubs';
import { regionPrefix } from '../identity/regions';
import { POLICY_FIRST_YEAR } from '../policy';
import { assertKnownRegion } from '../register';
import type { Context } from './context';
import { today } from './dates';
import { selectRows } from './sql';

/** The most rows a statistics query answers; a grouping that would give more is refused, never cut. */
export const STATISTICS_MAX_ROWS = 10_000;

/**
 * The suffix of a stock measure's second column, counted in the period's last bucket only (facts carry
 * `is_last` from their bucket): the totals row takes it, so running incubations or open centers are
 * the figure on the period's last day, however many years the rows split it into.
 */
export const LAST = '@last';

@ArgsType()
export class StatisticsArgs {
  @Field(() => ID, {
    defaultValue: '000000',
    description: 'The region counted 统计范围: 000000 for the nation 全国 (default), or a province (220000), prefecture (220100) or county (220102) code.',
  })
  scope!: string;

  @Field(() => Int, { nullable: true, description: "First calendar year of the period 起始年份, from its 1 January (default 2014, the policy's year). Not with fromDate." })
  from?: number;

  @Field(() => Int, { nullable: true, description: 'Last calendar year of the period 截止年份, to its 31 December (default: today). Not with toDate.' })
  to?: number;

  @Field(() => Date, { nullable: true, description: 'First day of the period 起始日期, instead of `from`.' })
  fromDate?: string;

  @Field(() => Date, { nullable: true, description: 'Last day of the period 截止日期, instead of `to`; the period never runs past today.' })
  toDate?: string;
}

export interface Period {
  from: string;
  to: string;
}

/** The period of `args` as two days, or BAD_USER_INPUT naming the arguments that clash. */
export function statisticsPeriod(args: StatisticsArgs): Period {
  if (args.from != null && args.fromDate != null) throw badInput('Give the period\'s start as `from` (a year) or `fromDate` (a day), not both.');
  if (args.to != null && args.toDate != null) throw badInput('Give the period\'s end as `to` (a year) or `toDate` (a day), not both.');
  for (const [name, year] of [['from', args.from], ['to', args.to]] as const) {
    if (year != null && (year < 1949 || year > 2100)) throw badInput(`${name} ${year} is not a year the register holds (1949–2100).`);
  }
  const now = today();
  const from = args.fromDate ?? `${args.from ?? POLICY_FIRST_YEAR}-01-01`;
  const asked = args.toDate ?? (args.to != null ? `${args.to}-12-31` : now);
  const to = asked < now ? asked : now;
  if (from > to) throw badInput(`The period from ${from} to ${to} is empty${asked > now ? ' (it never runs past today)' : ''}; the start must come on or before the end.`);
  return { from, to };
}

/** One time bucket of a period: a year, a half-year, or the whole period, cut to the period. */
export interface Bucket {
  year: number | null;
  halfYear: string | null;
  start: string;
  end: string;
}

/** The period cut into years, half-years, or left whole: what YEAR and HALF_YEAR group by. */
export function bucketsOf(period: Period, time: 'YEAR' | 'HALF_YEAR' | null): Bucket[] {
  if (!time) return [{ year: null, halfYear: null, start: period.from, end: period.to }];
  const buckets: Bucket[] = [];
  const clip = (year: number, halfYear: string | null, start: string, end: string) => {
    const s = start > period.from ? start : period.from;
    const e = end < period.to ? end : period.to;
    if (s <= e) buckets.push({ year, halfYear, start: s, end: e });
  };
  for (let year = Number(period.from.slice(0, 4)); year <= Number(period.to.slice(0, 4)); year++) {
    if (time === 'YEAR') clip(year, null, `${year}-01-01`, `${year}-12-31`);
    else {
      clip(year, `${year}H1`, `${year}-01-01`, `${year}-06-30`);
      clip(year, `${year}H2`, `${year}-07-01`, `${year}-12-31`);
    }
  }
  return buckets;
}

/** A dimension: the SQL of its value over the facts `f`, and the row field it fills. */
export interface Dimension {
  field: string;
  sql: string;
  /** The value as the row carries it (a stub for regions); the SQL value by default. */
  value?: (sqlValue: any) => unknown;
}

const stub = (code: string | null) => (code === null ? null : { code });

/**
 * The dimensions every tier's facts have: each fact carries `county_code`, and `year` and `half_year`
 * from its time bucket `b`. Region codes nest (GB/T 2260), so a county's prefecture and province are
 * prefixes of its code.
 */
export const SHARED_DIMENSIONS = {
  PROVINCE: { field: 'province', sql: `left(f.county_code, 2) || '0000'`, value: stub },
  PREFECTURE: { field: 'prefecture', sql: `left(f.county_code, 4) || '00'`, value: stub },
  COUNTY: { field: 'county', sql: 'f.county_code', value: stub },
  YEAR: { field: 'year', sql: 'f.year' },
  HALF_YEAR: { field: 'halfYear', sql: 'f.half_year' },
} satisfies Record<string, Dimension>;

/** Descriptions of the shared dimensions' enum values, English and Chinese. */
export const SHARED_DIMENSION_DESCRIPTIONS = {
  PROVINCE: { description: 'By province 按省 (row field `province`).' },
  PREFECTURE: { description: 'By prefecture 按市(州) (row field `prefecture`).' },
  COUNTY: { description: 'By county 按县(市、区) (row field `county`).' },
  YEAR: { description: 'By calendar year 按年度 (row field `year`); stocks are counted on 31 December, or on the last day of the period.' },
  HALF_YEAR: { description: 'By half-year 按半年 (row field `halfYear`, like 2016H1); stocks are counted on the half-year\'s last day.' },
};

/** The row fields every tier's statistics have: the shared dimensions, null when not grouped by. */
@ObjectType() // a base: in a schema only through the rows that extend it
export abstract class StatisticsRowBase {
  @Field(() => ProvinceReference, { nullable: true, description: 'The province 省, when grouped by PROVINCE.' })
  province?: ProvinceReference | null;

  @Field(() => PrefectureReference, { nullable: true, description: 'The prefecture 市(州), when grouped by PREFECTURE.' })
  prefecture?: PrefectureReference | null;

  @Field(() => CountyReference, { nullable: true, description: 'The county 县(市、区), when grouped by COUNTY.' })
  county?: CountyReference | null;

  @Field(() => Int, { nullable: true, description: 'The calendar year 年度, when grouped by YEAR.' })
  year?: number | null;

  @Field(() => String, { nullable: true, description: 'The half-year 半年度, like 2016H1, when grouped by HALF_YEAR.' })
  halfYear?: string | null;
}

/** The measures of centers and stations alike: hosts open, opened, closed, and the counties they cover. */
@ObjectType() // a base, like StatisticsRowBase
export abstract class HostStatisticsRowBase extends StatisticsRowBase {
  @Field(() => Int, { nullable: true, description: 'Open 运营中 on the last day of the time bucket.' })
  open?: number;

  @Field(() => Int, { nullable: true, description: 'Opened 新建 in the time bucket.' })
  opened?: number;

  @Field(() => Int, { nullable: true, description: 'Closed 关闭 in the time bucket.' })
  closed?: number;

  @Field(() => Int, { nullable: true, description: 'Counties with one open 覆盖县数 on the last day of the time bucket.' })
  counties?: number;
}

/** One kind of fact a statistics query counts: the measures that read it, and the SQL that finds it. */
export interface FactBranch {
  fact: string;
  measures: string[];
}

/** The facts the selected measures read; all of them when none is selected (rows of anything at all). */
export function factsFor<F extends FactBranch>(info: GraphQLResolveInfo, facts: readonly F[]): readonly F[] {
  const selected = selectedFields(info, ['rows', 'totals']);
  const wanted = facts.filter((f) => f.measures.some((m) => selected.has(m)));
  return wanted.length ? wanted : facts;
}

/** A host table `h` (centers, stations) as facts: open on the bucket's last day, opened or closed in it. */
export const HOST_FACTS: (FactBranch & { join: string })[] = [
  { fact: 'open', measures: ['open', 'counties'], join: 'b on h.established_on <= b.end_on and (h.closed_on is null or h.closed_on > b.end_on)' },
  { fact: 'opened', measures: ['opened'], join: 'b on h.established_on between b.start_on and b.end_on' },
  { fact: 'closed', measures: ['closed'], join: 'b on h.closed_on between b.start_on and b.end_on' },
];

export const HOST_MEASURES = `count(*) filter (where f.fact = 'open')::int as open,
  count(*) filter (where f.fact = 'open' and f.is_last)::int as "open${LAST}",
  count(*) filter (where f.fact = 'opened')::int as opened,
  count(*) filter (where f.fact = 'closed')::int as closed,
  count(distinct f.county_code) filter (where f.fact = 'open')::int as counties,
  count(distinct f.county_code) filter (where f.fact = 'open' and f.is_last)::int as "counties${LAST}"`;

/** The answer type of a statistics query: what was counted, the rows and their totals. */
export function statisticsResult<R extends object, D extends object>(name: string, row: ClassType<R>, dimension: D, description: string) {
  @ObjectType(name, { description })
  class StatisticsResult {
    @Field(() => ID, { description: 'The region counted 统计范围.' })
    scope!: string;

    @Field(() => Date, { description: 'The first day counted 起始日期.' })
    fromDate!: string;

    @Field(() => Date, { description: 'The last day counted 截止日期 (never past today).' })
    toDate!: string;

    @Field(() => [dimension], { description: 'The dimensions grouped by 分组维度, in the order the rows are sorted by.' })
    groupBy!: D[keyof D][];

    @Field(() => [row], {
      description: `One row 统计行 per combination of the dimensions that has something to count in the measures asked for (no rows of zeros), sorted by the dimensions in the order of groupBy, ascending, empty values last. At most ${STATISTICS_MAX_ROWS.toLocaleString('en')} rows: a grouping that would give more is refused (BAD_USER_INPUT), never cut.`,
    })
    rows!: R[];

    @Field(() => row, {
      description: 'The same measures over every row together 合计 (its dimensions are null); a stock (incubations running, hosts open, larger towns) is the figure on the last day of the period.',
    })
    totals!: R;
  }
  return StatisticsResult;
}

/** A PostgreSQL array literal where null stays NULL (sqlArray quotes every value). */
function arrayLiteral(values: readonly (string | number | null)[]): string {
  return `{${values.map((v) => (v === null ? 'NULL' : typeof v === 'number' ? String(v) : `"${v.replace(/["\\]/g, '\\$&')}"`)).join(',')}}`;
}

/** `like ?` over county codes: every county inside the scope (the nation: every county). */
export const scopePattern = (scope: string) => `${regionPrefix(scope)}%`;

/** The scope argument, checked: six digits, and a region of the register. */
export function checkStatisticsScope(scope: string): string {
  if (!/^\d{6}$/.test(scope)) throw badInput(`scope "${scope}" is not a region code: six digits (GB/T 2260), e.g. 220000, 220100, 220102, or 000000 for the nation.`);
  return assertKnownRegion(scope);
}

/** The time dimension the buckets follow: half-years when HALF_YEAR is asked, years for YEAR, else none. */
export const timeOf = (groupBy: readonly string[]) => (groupBy.includes('HALF_YEAR') ? 'HALF_YEAR' : groupBy.includes('YEAR') ? 'YEAR' : null);

export interface GroupedQuery {
  /** The dimensions grouped by, in order. */
  dimensions: Dimension[];
  buckets: Bucket[];
  /**
   * The facts `f`, one row per thing counted: SQL that may join the buckets `b(year, half_year,
   * start_on, end_on, is_last)` and must return county_code, year, half_year and is_last with the
   * columns the dimensions and measures read.
   */
  facts: string;
  params: unknown[];
  /** The select list of the measures, each aliased as its row field. */
  measures: string;
}


/**
 * Runs a grouped query as one statement: the rows by the dimensions and their totals (GROUPING SETS),
 * sorted, at most STATISTICS_MAX_ROWS (more is BAD_USER_INPUT). Rows carry the dimensions' fields.
 */
export async function groupedStatistics<R>(ctx: Context, query: GroupedQuery): Promise<{ rows: R[]; totals: R }> {
  const { dimensions, buckets } = query;
  const keys = dimensions.map((_, i) => `d${i}`);
  const sql = `with b(year, half_year, start_on, end_on, is_last) as (select * from unnest(?::int[], ?::text[], ?::date[], ?::date[], ?::boolean[])),
    f as (${query.facts}),
    g as (select ${[...dimensions.map((d, i) => `${d.sql} as d${i}`), 'f.*'].join(', ')} from f)
    select ${[...keys, `${keys.length ? `grouping(${keys.join(', ')})` : '0'} as grouped_all`].join(', ')}, ${query.measures}
    from g f
    group by ${keys.length ? `grouping sets ((${keys.join(', ')}), ())` : '()'}
    order by grouped_all desc${keys.map((k) => `, ${k} nulls last`).join('')}
    limit ${STATISTICS_MAX_ROWS + 2}`;
  const params = [
    arrayLiteral(buckets.map((b) => b.year)),
    arrayLiteral(buckets.map((b) => b.halfYear)),
    arrayLiteral(buckets.map((b) => b.start)),
    arrayLiteral(buckets.map((b) => b.end)),
    `{${buckets.map((_, i) => i === buckets.length - 1).join(',')}}`,
    ...query.params,
  ];
  const found = await selectRows<Record<string, any>>(ctx.em, sql, params);
  const shape = (row: Record<string, any>, total: boolean): R => {
    const out: Record<string, unknown> = {};
    for (const [column, value] of Object.entries(row)) if (!/^d\d+$/.test(column) && column !== 'grouped_all' && !column.endsWith(LAST)) out[column] = value;
    // A stock's total is the stock on the period's last day, not a sum over the time buckets.
    if (total) for (const [column, value] of Object.entries(row)) if (column.endsWith(LAST)) out[column.slice(0, -LAST.length)] = value;
    dimensions.forEach((d, i) => (out[d.field] = total || row[`d${i}`] === null ? null : d.value ? d.value(row[`d${i}`]) : row[`d${i}`]));
    return out as R;
  };
  if (!keys.length) return { rows: found.map((r) => shape(r, true)), totals: shape(found[0], true) };
  const [total, ...rows] = found;
  if (rows.length > STATISTICS_MAX_ROWS) {
    throw badInput(
      `Grouped by ${dimensions.map((d) => d.field).join(', ')} this gives more than ${STATISTICS_MAX_ROWS} rows, the most a statistics query answers; narrow the scope or the period, filter, or group by fewer dimensions.`,
    );
  }
  return { rows: rows.map((r) => shape(r, false)), totals: shape(total, true) };
}

/** What a tier says of its own statistics: its facts over the counties matching `like ?` (the first parameter), and its measures. */
export interface TierStatistics {
  facts: string;
  params: unknown[];
  measures: string;
}

/**
 * A statistics query's answer: the scope and period checked, the buckets cut, the rows grouped in one
 * statement. `tier` gives the facts for the scope's `like` pattern.
 */
export async function answerStatistics<R, D extends string>(
  ctx: Context,
  args: StatisticsArgs & { groupBy: D[] },
  dimensions: Record<D, Dimension>,
  tier: (countyPattern: string) => TierStatistics,
) {
  const scope = checkStatisticsScope(args.scope);
  const period = statisticsPeriod(args);
  const groupBy = [...new Set(args.groupBy)];
  const { rows, totals } = await groupedStatistics<R>(ctx, { dimensions: groupBy.map((d) => dimensions[d]), buckets: bucketsOf(period, timeOf(groupBy)), ...tier(scopePattern(scope)) });
  return { scope, fromDate: period.from, toDate: period.to, groupBy, rows, totals };
}

/** The fields a request selected under any of `parents` (rows, totals), through fragments: which measures to compute. */
export function selectedFields(info: GraphQLResolveInfo, parents: readonly string[]): Set<string> {
  const found = new Set<string>();
  const walk = (set: SelectionSetNode | undefined, inside: boolean) => {
    for (const selection of set?.selections ?? []) {
      if (selection.kind === Kind.FIELD) {
        if (inside) found.add(selection.name.value);
        else if (parents.includes(selection.name.value)) walk(selection.selectionSet, true);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) walk(selection.selectionSet, inside);
      else walk(info.fragments[selection.name.value]?.selectionSet, inside);
    }
  };
  for (const node of info.fieldNodes) walk(node.selectionSet, false);
  return found;
}
