// NationalComparison 全国比较: keyed by its parameters (year, asOf, scope) like MilestoneProgress. The
// centers, stations and organizations subgraphs each contribute per-province totals over the whole
// country (kit/federation/national-facts.ts); this subgraph declares them @external and ranks the
// provinces with @requires (scorecard/ranking.ts). The gateway plans it as province → the three tiers in
// parallel → province, whatever the number of provinces. Figures are null, with an error naming the
// tier, when a contributing subgraph does not answer.
import { Directive, Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { NATIONAL_FACTS, NATIONAL_FACT_NAMES, nationalRequiresSelection, type NationalFactName, type NationalFacts } from '../../kit/federation';
import { declareExternalLists, externalType } from '../scorecard/facts';
import { INDICATORS, type IndicatorId } from '../scorecard/ranking';
import { CheckResult } from './progress';
import { Province } from './region';

export enum NationalIndicator {
  CENTER_COVERAGE = 'CENTER_COVERAGE',
  LARGE_TOWN_STATION_COVERAGE = 'LARGE_TOWN_STATION_COVERAGE',
  ADMISSIONS_PER_COUNTY = 'ADMISSIONS_PER_COUNTY',
  GRADUATION_RATE = 'GRADUATION_RATE',
}
registerEnumType(NationalIndicator, {
  name: 'NationalIndicator',
  description: 'An indicator provinces are ranked on for T2020\'s national upper-middle level 全国中上水平 (higher is better).',
  valuesConfig: Object.fromEntries(INDICATORS.map((i) => [i.id, { description: i.definition }])) as Record<IndicatorId, { description: string }>,
});

@ObjectType({ description: "One province's figure and rank on one indicator 省份指标排名." })
export class ProvinceIndicatorRank {
  @Field(() => Province, { description: 'The province 省份.' })
  province!: Province;

  @Field(() => NationalIndicator, { description: 'The indicator 指标.' })
  indicator!: NationalIndicator;

  @Field(() => Float, { nullable: true, description: 'Its figure (see the indicator); null when it has nothing to measure (then it ranks last) 指标值.' })
  value!: number | null;

  @Field(() => Int, { description: 'Its rank, 1 the highest figure; equal figures share a rank 名次.' })
  rank!: number;
}

@ObjectType({ description: 'Every ranked province on one indicator, best first 指标排名.' })
export class IndicatorRanking {
  @Field(() => NationalIndicator, { description: 'The indicator 指标.' })
  indicator!: NationalIndicator;

  @Field({ description: 'How the figure is measured 计算方法.' })
  definition!: string;

  @Field(() => [ProvinceIndicatorRank], { description: 'The provinces, by rank then code 各省排名.' })
  provinces!: ProvinceIndicatorRank[];
}

@ObjectType({ description: "A province's standing in the nation 全国位次: its composite rank, its rank on each indicator, and the milestone's province checks." })
export class ProvinceStanding {
  @Field(() => Province, { description: 'The province 省份.' })
  province!: Province;

  @Field(() => Int, { description: 'Its composite rank: its mean indicator rank ranked among the provinces, 1 best 综合名次.' })
  rank!: number;

  @Field(() => Float, { description: 'The mean of its indicator ranks (lower is better) 平均名次.' })
  meanRank!: number;

  @Field(() => Int, { description: 'How many provinces are ranked 参评省份数.' })
  provincesRanked!: number;

  @Field(() => [ProvinceIndicatorRank], { description: 'Its figure and rank on each indicator 各指标名次.' })
  indicators!: ProvinceIndicatorRank[];

  @Field(() => [CheckResult], {
    description:
      "The checks of the year's milestone that a province is judged on (T2020: national-upper-middle 全国中上水平); " +
      '`status` is NOT_JUDGEABLE when fewer than two provinces are loaded 省级检查.',
  })
  checks!: CheckResult[];
}

const EXTERNAL_TOTALS = Object.fromEntries(
  NATIONAL_FACT_NAMES.map((name) => [name, externalType(NATIONAL_FACTS[name].type, NATIONAL_FACTS[name].type, NATIONAL_FACTS[name].tier)]),
) as Record<NationalFactName, Function>;
const REQUIRES = `@requires(fields: "${nationalRequiresSelection()}")`;

@Directive('@key(fields: "year asOf scope")')
@ObjectType({
  description:
    'The national comparison 全国比较 for T2020\'s "national upper-middle level" 全国中上水平: every province with counties in the register, ' +
    'ranked on four indicators as of a date, and a composite rank (the mean of its indicator ranks, ranked). ' +
    'Its figures are null, with an error naming the tier, when a subgraph contributing totals does not answer.',
})
export class NationalComparison {
  @Field(() => Int, { description: 'The year whose admissions are counted 年份.' })
  year!: number;

  @Field(() => Date, { description: 'The date the figures stand on 截至日期.' })
  asOf!: string;

  @Field(() => ID, { description: 'Whose standings are listed: 000000 for every province 全国, or a region code for its province.' })
  scope!: string;

  @Directive(REQUIRES)
  @Field(() => Int, { nullable: true, description: 'Provinces ranked: those with counted counties in the register 参评省份数.' })
  provincesRanked!: number | null;

  @Directive(REQUIRES)
  @Field(() => Boolean, { nullable: true, description: 'Whether a comparison can be judged: false with fewer than two provinces ranked 是否可比.' })
  judgeable!: boolean | null;

  @Directive(REQUIRES)
  @Field(() => [IndicatorRanking], { nullable: true, description: 'Every indicator with every province ranked on it 指标排名.' })
  indicators!: IndicatorRanking[] | null;

  @Directive(REQUIRES)
  @Field(() => [ProvinceStanding], { nullable: true, description: 'The standings of the provinces in the scope, by composite rank 各省位次.' })
  standings!: ProvinceStanding[] | null;
}
// The per-province totals (centerTotals, stationTotals, incubationTotals), @external.
declareExternalLists(NationalComparison, EXTERNAL_TOTALS, Object.fromEntries(NATIONAL_FACT_NAMES.map((name) => [name, NATIONAL_FACTS[name].description])));

/** A comparison as the @requires fields receive it: its key and every total list. */
export type ComparisonWithFacts = NationalComparison & NationalFacts;
