// Center statistics 孵化中心统计 for analysts: centers open, opened and closed, and the counties covered,
// grouped by region, time, construction and operation mode, in one SQL statement per request. Readable by
// anyone: centers are published.
import type { GraphQLResolveInfo } from 'graphql';
import { Args, ArgsType, Ctx, Field, InputType, Info, ObjectType, Query, Resolver, registerEnumType } from 'type-graphql';
import {
  HOST_FACTS,
  HOST_MEASURES,
  HostStatisticsRowBase,
  SHARED_DIMENSIONS,
  SHARED_DIMENSION_DESCRIPTIONS,
  StatisticsArgs,
  answerStatistics,
  factsFor,
  sqlArray,
  statisticsResult,
  type Context,
  type Dimension,
} from '../../kit/runtime';
import { ConstructionMode, OperationMode } from '../entities/incubation-center';

export enum CenterDimension {
  PROVINCE = 'PROVINCE',
  PREFECTURE = 'PREFECTURE',
  COUNTY = 'COUNTY',
  YEAR = 'YEAR',
  HALF_YEAR = 'HALF_YEAR',
  CONSTRUCTION_MODE = 'CONSTRUCTION_MODE',
  OPERATION_MODE = 'OPERATION_MODE',
}
registerEnumType(CenterDimension, {
  name: 'CenterDimension',
  description: 'What center statistics can be grouped by 孵化中心统计的分组维度.',
  valuesConfig: {
    ...SHARED_DIMENSION_DESCRIPTIONS,
    CONSTRUCTION_MODE: { description: 'By construction mode 按建设模式 (row field `constructionMode`).' },
    OPERATION_MODE: { description: 'By operation mode 按运营方式 (row field `operationMode`).' },
  },
});

const DIMENSIONS: Record<CenterDimension, Dimension> = {
  ...SHARED_DIMENSIONS,
  CONSTRUCTION_MODE: { field: 'constructionMode', sql: 'f.construction_mode' },
  OPERATION_MODE: { field: 'operationMode', sql: 'f.operation_mode' },
};

@InputType({ description: 'Filters of center statistics 孵化中心统计的筛选条件.' })
export class CenterStatisticsFilter {
  @Field(() => [ConstructionMode], { nullable: true, description: 'Centers built in these ways 建设模式.' })
  constructionModes?: ConstructionMode[];

  @Field(() => [OperationMode], { nullable: true, description: 'Centers run in these ways 运营方式.' })
  operationModes?: OperationMode[];
}

@ArgsType()
export class CenterStatisticsArgs extends StatisticsArgs {
  @Field(() => [CenterDimension], { defaultValue: [], description: 'Dimensions to group by 分组维度, in the order rows are sorted by (none: one row of totals).' })
  groupBy!: CenterDimension[];

  @Field(() => CenterStatisticsFilter, { nullable: true, description: 'Filters 筛选条件.' })
  filter?: CenterStatisticsFilter;
}

@ObjectType({ description: 'One row of center statistics 孵化中心统计: its dimensions (null when not grouped by) and measures, counted in centers.' })
export class CenterStatisticsRow extends HostStatisticsRowBase {
  @Field(() => ConstructionMode, { nullable: true, description: 'Construction mode 建设模式, when grouped by CONSTRUCTION_MODE.' })
  constructionMode?: ConstructionMode | null;

  @Field(() => OperationMode, { nullable: true, description: 'Operation mode 运营方式, when grouped by OPERATION_MODE.' })
  operationMode?: OperationMode | null;
}

export const CenterStatistics = statisticsResult(
  'CenterStatistics',
  CenterStatisticsRow,
  CenterDimension,
  'Center statistics 孵化中心统计 of a scope and period: rows grouped by the dimensions asked, and their totals.',
);

@Resolver()
export class CenterStatisticsResolver {
  @Query(() => CenterStatistics, {
    description:
      'Center statistics 孵化中心统计 over a scope and period, grouped by any of the CenterDimension values and filtered: centers open, opened, closed, and the counties with one open. One SQL statement answers it; rows point at Province, Prefecture and County by code. Readable by anyone.',
  })
  async centerStatistics(@Args() args: CenterStatisticsArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    const filter = args.filter ?? {};
    return answerStatistics<CenterStatisticsRow, CenterDimension>(ctx, args, DIMENSIONS, (countyPattern) => {
      const params: unknown[] = [countyPattern];
      let hosts = `select h.county_code, h.established_on, h.closed_on, h.construction_mode::text as construction_mode, h.operation_mode::text as operation_mode
        from incubation_center h where h.county_code like ?`;
      if (filter.constructionModes) {
        hosts += ' and h.construction_mode::text = any(?::text[])';
        params.push(sqlArray(filter.constructionModes));
      }
      if (filter.operationModes) {
        hosts += ' and h.operation_mode::text = any(?::text[])';
        params.push(sqlArray(filter.operationModes));
      }
      const union = factsFor(info, HOST_FACTS)
        .map((branch) => `select h.county_code, h.construction_mode, h.operation_mode, b.year, b.half_year, b.is_last, '${branch.fact}' as fact from h join ${branch.join}`)
        .join('\n union all ');
      return { facts: `with h as (${hosts}) ${union}`, params, measures: HOST_MEASURES };
    });
  }
}
