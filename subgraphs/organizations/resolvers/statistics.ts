// Incubation statistics 孵化统计 for analysts: admissions, stocks, outcomes, evaluations, services and
// micro-grants, grouped by any of the dimensions below and filtered, in one SQL statement per request.
// Everything counted here is published (the public reads the same counts through County.incubationYears),
// so the statistics are readable by anyone; nothing personal is counted.
import { ArgsType, Args, Ctx, Field, Float, InputType, Info, Int, ObjectType, Query, Resolver, registerEnumType } from 'type-graphql';
import type { GraphQLResolveInfo } from 'graphql';
import {
  SHARED_DIMENSIONS,
  SHARED_DIMENSION_DESCRIPTIONS,
  StatisticsArgs,
  answerStatistics,
  StatisticsRowBase,
  LAST,
  factsFor,
  sqlArray,
  statisticsResult,
  type Context,
  type Dimension,
  type FactBranch,
} from '../../kit/runtime';
import { HostKind } from '../entities/host';
import { FundingSource, IncubationStatus, ServiceKind } from '../entities/incubation';
import { ServiceCategory } from '../entities/organization';

export enum IncubationDimension {
  PROVINCE = 'PROVINCE',
  PREFECTURE = 'PREFECTURE',
  COUNTY = 'COUNTY',
  YEAR = 'YEAR',
  HALF_YEAR = 'HALF_YEAR',
  SERVICE_CATEGORY = 'SERVICE_CATEGORY',
  HOST_KIND = 'HOST_KIND',
  STATUS = 'STATUS',
  SERVICE_KIND = 'SERVICE_KIND',
  FUNDING_SOURCE = 'FUNDING_SOURCE',
}
registerEnumType(IncubationDimension, {
  name: 'IncubationDimension',
  description: 'What incubation statistics can be grouped by 孵化统计的分组维度.',
  valuesConfig: {
    ...SHARED_DIMENSION_DESCRIPTIONS,
    SERVICE_CATEGORY: { description: "By the organization's service category 按服务领域 (row field `serviceCategory`)." },
    HOST_KIND: { description: 'By where it is incubated, center or station 按孵化载体 (row field `hostKind`).' },
    STATUS: { description: "By the incubation's status at the end of the time bucket 按孵化状态 (row field `status`)." },
    SERVICE_KIND: { description: 'By service kind 按服务类型 (row field `serviceKind`): splits `services`; the other measures fall in the row whose serviceKind is null.' },
    FUNDING_SOURCE: { description: 'By funding source 按资金来源 (row field `fundingSource`): splits the micro-grants; the other measures fall in the row whose fundingSource is null.' },
  },
});

const DIMENSIONS: Record<IncubationDimension, Dimension> = {
  ...SHARED_DIMENSIONS,
  SERVICE_CATEGORY: { field: 'serviceCategory', sql: 'f.category' },
  HOST_KIND: { field: 'hostKind', sql: 'f.host_kind' },
  STATUS: { field: 'status', sql: 'f.status' },
  SERVICE_KIND: { field: 'serviceKind', sql: 'f.service_kind' },
  FUNDING_SOURCE: { field: 'fundingSource', sql: 'f.funding_source' },
};

@InputType({ description: 'Filters of incubation statistics 孵化统计的筛选条件; each list keeps facts whose value is one of it.' })
export class IncubationStatisticsFilter {
  @Field(() => [ServiceCategory], { nullable: true, description: "Organizations of these service categories 服务领域." })
  serviceCategories?: ServiceCategory[];

  @Field(() => [HostKind], { nullable: true, description: 'Incubated at centers or stations 孵化载体.' })
  hostKinds?: HostKind[];

  @Field(() => [IncubationStatus], { nullable: true, description: 'Incubations in these statuses 孵化状态 at the end of each time bucket.' })
  statuses?: IncubationStatus[];

  @Field(() => [ServiceKind], { nullable: true, description: 'Only services of these kinds 服务类型 count in `services`; the other measures are not narrowed.' })
  serviceKinds?: ServiceKind[];

  @Field(() => [FundingSource], { nullable: true, description: 'Only micro-grants from these sources 资金来源 count in the micro-grant measures; the other measures are not narrowed.' })
  fundingSources?: FundingSource[];
}

@ArgsType()
export class IncubationStatisticsArgs extends StatisticsArgs {
  @Field(() => [IncubationDimension], { defaultValue: [], description: 'Dimensions to group by 分组维度, in the order rows are sorted by (none: one row of totals).' })
  groupBy!: IncubationDimension[];

  @Field(() => IncubationStatisticsFilter, { nullable: true, description: 'Filters 筛选条件.' })
  filter?: IncubationStatisticsFilter;
}

@ObjectType({ description: 'One row of incubation statistics 孵化统计: its dimensions (null when not grouped by) and measures.' })
export class IncubationStatisticsRow extends StatisticsRowBase {
  @Field(() => ServiceCategory, { nullable: true, description: 'Service category 服务领域, when grouped by SERVICE_CATEGORY.' })
  serviceCategory?: ServiceCategory | null;

  @Field(() => HostKind, { nullable: true, description: 'Center or station 孵化载体, when grouped by HOST_KIND.' })
  hostKind?: HostKind | null;

  @Field(() => IncubationStatus, { nullable: true, description: 'Status at the end of the time bucket 孵化状态, when grouped by STATUS.' })
  status?: IncubationStatus | null;

  @Field(() => ServiceKind, { nullable: true, description: 'Service kind 服务类型, when grouped by SERVICE_KIND (null for what is not a service).' })
  serviceKind?: ServiceKind | null;

  @Field(() => FundingSource, { nullable: true, description: 'Funding source 资金来源, when grouped by FUNDING_SOURCE (null for what is not a micro-grant).' })
  fundingSource?: FundingSource | null;

  @Field(() => Int, { nullable: true, description: 'Organizations admitted 入驻 in the time bucket.' })
  admissions?: number;

  @Field(() => Int, { nullable: true, description: 'Incubations running 在孵 on the last day of the time bucket.' })
  active?: number;

  @Field(() => Int, { nullable: true, description: 'Incubations graduated 出壳 in the time bucket.' })
  graduated?: number;

  @Field(() => Int, { nullable: true, description: 'Incubations exited 退出 in the time bucket.' })
  exited?: number;

  @Field(() => Int, { nullable: true, description: 'Half-yearly evaluations 评估 of half-years ending in the time bucket.' })
  evaluations?: number;

  @Field(() => Float, { nullable: true, description: 'Their average score 平均得分 (0–100, two decimals); null without evaluations.' })
  averageScore?: number | null;

  @Field(() => Int, { nullable: true, description: 'Services delivered 服务次数 in the time bucket (group by SERVICE_KIND for each kind).' })
  services?: number;

  @Field(() => Int, { nullable: true, description: 'Micro-grants 小额资助 granted in the time bucket.' })
  microGrants?: number;

  @Field(() => String, { nullable: true, description: 'Their amount in yuan 金额(元), an exact decimal string such as "15000.00".' })
  microGrantAmount?: string;
}

export const IncubationStatistics = statisticsResult(
  'IncubationStatistics',
  IncubationStatisticsRow,
  IncubationDimension,
  'Incubation statistics 孵化统计 of a scope and period: rows grouped by the dimensions asked, and their totals.',
);

/** The columns only some facts have: SQL over the fact's row `x`. */
interface Columns {
  serviceKind?: string;
  fundingSource?: string;
  score?: string;
  amount?: string;
}

/**
 * Each kind of fact counted, the measures that read it, and how it is found (one branch of a union):
 * flows join the bucket their day falls in, the stock the buckets whose last day it spans. `narrow` is
 * the filter that narrows this fact alone.
 */
const FACTS: (FactBranch & { from: string; columns?: Columns; narrow?: (filter: IncubationStatisticsFilter) => string[] | undefined; narrowSql?: string })[] = [
  { fact: 'admitted', measures: ['admissions'], from: 'i join b on i.admitted_on between b.start_on and b.end_on' },
  { fact: 'graduated', measures: ['graduated'], from: 'i join b on i.graduated_on between b.start_on and b.end_on' },
  { fact: 'exited', measures: ['exited'], from: 'i join b on i.exited_on between b.start_on and b.end_on' },
  // A stock: running on the bucket's last day.
  { fact: 'active', measures: ['active'], from: `i join b on i.admitted_on <= b.end_on and coalesce(i.graduated_on, i.exited_on, 'infinity'::date) > b.end_on` },
  {
    fact: 'evaluation',
    measures: ['evaluations', 'averageScore'],
    // An evaluation belongs to its half-year's last day (2016H1 → 2016-06-30).
    from: `evaluation x join i on i.id = x.incubation_id join b on make_date(left(x.period, 4)::int, case right(x.period, 1) when '1' then 6 else 12 end, case right(x.period, 1) when '1' then 30 else 31 end) between b.start_on and b.end_on`,
    columns: { score: 'x.score' },
  },
  {
    fact: 'service',
    measures: ['services'],
    from: 'service_delivery x join i on i.id = x.incubation_id join b on x.delivered_on between b.start_on and b.end_on',
    columns: { serviceKind: 'x.kind::text' },
    narrow: (filter) => filter.serviceKinds,
    narrowSql: 'x.kind::text = any(?::text[])',
  },
  {
    fact: 'grant',
    measures: ['microGrants', 'microGrantAmount'],
    from: 'micro_grant x join i on i.id = x.incubation_id join b on x.granted_on between b.start_on and b.end_on',
    columns: { fundingSource: 'x.source::text', amount: 'x.amount' },
    narrow: (filter) => filter.fundingSources,
    narrowSql: 'x.source::text = any(?::text[])',
  },
];
/** The columns only some facts have; null where a fact has none. */
const columnsOf = (c: Columns = {}) =>
  `${c.serviceKind ?? 'null::text'} as service_kind, ${c.fundingSource ?? 'null::text'} as funding_source, ${c.score ?? 'null::smallint'} as score, ${c.amount ?? 'null::numeric'} as amount`;

const MEASURES = `count(*) filter (where f.fact = 'admitted')::int as admissions,
  count(*) filter (where f.fact = 'active')::int as active,
  count(*) filter (where f.fact = 'active' and f.is_last)::int as "active${LAST}",
  count(*) filter (where f.fact = 'graduated')::int as graduated,
  count(*) filter (where f.fact = 'exited')::int as exited,
  count(*) filter (where f.fact = 'evaluation')::int as evaluations,
  round(avg(f.score) filter (where f.fact = 'evaluation'), 2)::float8 as "averageScore",
  count(*) filter (where f.fact = 'service')::int as services,
  count(*) filter (where f.fact = 'grant')::int as "microGrants",
  coalesce(sum(f.amount) filter (where f.fact = 'grant'), 0)::numeric(16, 2)::text as "microGrantAmount"`;

@Resolver()
export class IncubationStatisticsResolver {
  @Query(() => IncubationStatistics, {
    description:
      'Incubation statistics 孵化统计 over a scope and period, grouped by any of the IncubationDimension values and filtered: admissions, incubations running, graduated, exited, evaluations and their average score, services, micro-grants and their yuan. One SQL statement answers it, whatever the number of counties; rows point at Province, Prefecture and County by code, so their names come through the federation. Readable by anyone, like every count.',
  })
  async incubationStatistics(@Args() args: IncubationStatisticsArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    const filter = args.filter ?? {};
    const branches = factsFor(info, FACTS);
    return answerStatistics<IncubationStatisticsRow, IncubationDimension>(ctx, args, DIMENSIONS, (countyPattern) => {
      const params: unknown[] = [countyPattern];
      let incubations = `select i.id, i.county_code, i.host_kind::text as host_kind, o.category::text as category, i.admitted_on, i.graduated_on, i.exited_on
        from incubation i join organization o on o.id = i.organization_id where i.county_code like ?`;
      if (filter.hostKinds) {
        incubations += ' and i.host_kind::text = any(?::text[])';
        params.push(sqlArray(filter.hostKinds));
      }
      if (filter.serviceCategories) {
        incubations += ' and o.category::text = any(?::text[])';
        params.push(sqlArray(filter.serviceCategories));
      }
      const union = branches
        .map((branch) => {
          const narrowing = branch.narrow?.(filter);
          if (narrowing) params.push(sqlArray(narrowing));
          return `select i.county_code, i.host_kind, i.category, i.graduated_on, i.exited_on, b.year, b.half_year, b.end_on, b.is_last, '${branch.fact}' as fact, ${columnsOf(branch.columns)}
            from ${branch.from}${narrowing ? ` where ${branch.narrowSql}` : ''}`;
        })
        .join('\n union all ');
      // The status an incubation had on the bucket's last day.
      let facts = `with i as (${incubations})
        select * from (select u.*, case when u.graduated_on <= u.end_on then 'GRADUATED' when u.exited_on <= u.end_on then 'EXITED' else 'INCUBATING' end as status
          from (${union}) u) s`;
      if (filter.statuses) {
        facts += ' where s.status = any(?::text[])';
        params.push(sqlArray(filter.statuses));
      }
      return { facts, params, measures: MEASURES };
    });
  }
}
