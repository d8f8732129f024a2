// Station statistics 孵化站统计 for analysts: stations open, opened and closed, the counties covered, and
// the larger towns 较大的街道(镇) and how many of them have a station (T2017's coverage), grouped by region,
// time and town kind, in one SQL statement per request. Readable by anyone: stations are published.
import type { GraphQLResolveInfo } from 'graphql';
import { Args, ArgsType, Ctx, Field, Float, InputType, Info, Int, ObjectType, Query, Resolver, registerEnumType } from 'type-graphql';
import {
  HOST_FACTS,
  HOST_MEASURES,
  HostStatisticsRowBase,
  LAST,
  SHARED_DIMENSIONS,
  SHARED_DIMENSION_DESCRIPTIONS,
  StatisticsArgs,
  answerStatistics,
  factsFor,
  sqlArray,
  statisticsResult,
  type Context,
  type Dimension,
  type FactBranch,
} from '../../kit/runtime';
import { TownKind } from '../entities/town';

export enum StationDimension {
  PROVINCE = 'PROVINCE',
  PREFECTURE = 'PREFECTURE',
  COUNTY = 'COUNTY',
  YEAR = 'YEAR',
  HALF_YEAR = 'HALF_YEAR',
  TOWN_KIND = 'TOWN_KIND',
}
registerEnumType(StationDimension, {
  name: 'StationDimension',
  description: 'What station statistics can be grouped by 孵化站统计的分组维度.',
  valuesConfig: {
    ...SHARED_DIMENSION_DESCRIPTIONS,
    TOWN_KIND: { description: 'By the kind of town served, street, town or township 按街道(镇)类别 (row field `townKind`).' },
  },
});

const DIMENSIONS: Record<StationDimension, Dimension> = {
  ...SHARED_DIMENSIONS,
  TOWN_KIND: { field: 'townKind', sql: 'f.town_kind' },
};

@InputType({ description: 'Filters of station statistics 孵化站统计的筛选条件.' })
export class StationStatisticsFilter {
  @Field(() => [TownKind], { nullable: true, description: 'Stations and larger towns of these town kinds 街道(镇)类别.' })
  townKinds?: TownKind[];
}

@ArgsType()
export class StationStatisticsArgs extends StatisticsArgs {
  @Field(() => [StationDimension], { defaultValue: [], description: 'Dimensions to group by 分组维度, in the order rows are sorted by (none: one row of totals).' })
  groupBy!: StationDimension[];

  @Field(() => StationStatisticsFilter, { nullable: true, description: 'Filters 筛选条件.' })
  filter?: StationStatisticsFilter;
}

@ObjectType({ description: 'One row of station statistics 孵化站统计: its dimensions (null when not grouped by) and measures, counted in stations and towns.' })
export class StationStatisticsRow extends HostStatisticsRowBase {
  @Field(() => TownKind, { nullable: true, description: 'Town kind 街道(镇)类别, when grouped by TOWN_KIND.' })
  townKind?: TownKind | null;

  @Field(() => Int, { nullable: true, description: 'Of the stations open, those in towns designated larger 较大的街道(镇) on the last day of the time bucket (what T2017 counts).' })
  inLargeTowns?: number;

  @Field(() => Int, { nullable: true, description: 'Towns designated larger 较大的街道(镇) on the last day of the time bucket.' })
  largeTowns?: number;

  @Field(() => Int, { nullable: true, description: 'Of those, the larger towns with a station open that day 已建站的较大街道(镇).' })
  largeTownsWithStation?: number;

  @Field(() => Float, { nullable: true, description: 'Larger-town coverage 较大街道(镇)覆盖率: largeTownsWithStation / largeTowns (0–1, four decimals); null without larger towns.' })
  largeTownCoverage?: number | null;
}

export const StationStatistics = statisticsResult(
  'StationStatistics',
  StationStatisticsRow,
  StationDimension,
  'Station statistics 孵化站统计 of a scope and period: rows grouped by the dimensions asked, and their totals.',
);

/** Whether a town was designated larger on the bucket's last day. */
const designatedOn = (town: string) =>
  `exists (select 1 from large_town_designation d where d.town_code = ${town} and d."from" <= b.end_on and (d."until" is null or d."until" > b.end_on))`;

/** The stations' facts (open ones say whether their town is larger) and the larger towns' (whether they have one open). */
const FACTS: (FactBranch & { sql: string })[] = [
  ...HOST_FACTS.map((branch) => ({
    ...branch,
    measures: branch.fact === 'open' ? [...branch.measures, 'inLargeTowns'] : branch.measures,
    sql: `select h.county_code, h.town_kind, b.year, b.half_year, b.is_last, '${branch.fact}' as fact, ${branch.fact === 'open' ? designatedOn('h.town_code') : 'false'} as large from h join ${branch.join}`,
  })),
  {
    fact: 'large_town',
    measures: ['largeTowns', 'largeTownsWithStation', 'largeTownCoverage'],
    sql: `select d.county_code, t.kind::text as town_kind, b.year, b.half_year, b.is_last, 'large_town' as fact,
        exists (select 1 from h where h.town_code = d.town_code and h.established_on <= b.end_on and (h.closed_on is null or h.closed_on > b.end_on)) as large
      from large_town_designation d join t on t.code = d.town_code
        join b on d."from" <= b.end_on and (d."until" is null or d."until" > b.end_on)`,
  },
];

/** Stocks all: each also counted in the last bucket alone, for the totals. */
const stock = (last: boolean) => {
  const and = last ? ' and f.is_last' : '';
  const as = (name: string) => `"${name}${last ? LAST : ''}"`;
  return `count(*) filter (where f.fact = 'open' and f.large${and})::int as ${as('inLargeTowns')},
  count(*) filter (where f.fact = 'large_town'${and})::int as ${as('largeTowns')},
  count(*) filter (where f.fact = 'large_town' and f.large${and})::int as ${as('largeTownsWithStation')},
  round(count(*) filter (where f.fact = 'large_town' and f.large${and})::numeric / nullif(count(*) filter (where f.fact = 'large_town'${and}), 0), 4)::float8 as ${as('largeTownCoverage')}`;
};
const MEASURES = `${HOST_MEASURES}, ${stock(false)}, ${stock(true)}`;

@Resolver()
export class StationStatisticsResolver {
  @Query(() => StationStatistics, {
    description:
      'Station statistics 孵化站统计 over a scope and period, grouped by any of the StationDimension values and filtered: stations open, opened, closed, the counties with one, and larger-town coverage. One SQL statement answers it; rows point at Province, Prefecture and County by code. Readable by anyone.',
  })
  async stationStatistics(@Args() args: StationStatisticsArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    const kinds = args.filter?.townKinds;
    const branches = factsFor(info, FACTS);
    return answerStatistics<StationStatisticsRow, StationDimension>(ctx, args, DIMENSIONS, (countyPattern) => {
      // Towns of the scope (and kinds); stations and larger towns are both read through them.
      const params: unknown[] = [countyPattern, ...(kinds ? [sqlArray(kinds)] : [])];
      const towns = `select code, kind from town where county_code like ?${kinds ? ' and kind::text = any(?::text[])' : ''}`;
      const stations = `select s.county_code, s.town_code, s.established_on, s.closed_on, t.kind::text as town_kind from incubation_station s join t on t.code = s.town_code`;
      return {
        facts: `with t as (${towns}), h as (${stations}) ${branches.map((b) => b.sql).join('\n union all ')}`,
        params,
        measures: MEASURES,
      };
    });
  }
}
