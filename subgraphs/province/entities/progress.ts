// MilestoneProgress: keyed by its parameters (year, asOf, scope). The centers, stations and
// organizations subgraphs each contribute a list of their own facts (kit/federation/facts.ts); this
// subgraph declares those lists @external and evaluates the rules over them with @requires. The gateway
// plans it as: province → the three fact subgraphs in parallel → province again, whatever the scope.
// The figures are nullable: when a fact subgraph is down they are null (with an error naming it) and the
// rest of the page still answers.
import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ASKED, type Facts } from '../../kit/federation';
import { INACCESSIBLE } from '../../kit/runtime';
import { declareExternalFacts, REQUIRES } from '../scorecard/facts';
import { County } from './region';
import { Milestone } from './milestone';

export enum CheckStatus {
  MET = 'MET',
  NOT_MET = 'NOT_MET',
  NOT_JUDGEABLE = 'NOT_JUDGEABLE',
}
registerEnumType(CheckStatus, {
  name: 'CheckStatus',
  description: 'Where a check stands 检查结论.',
  valuesConfig: {
    MET: { description: 'Met 达标.' },
    NOT_MET: { description: 'Not met 未达标.' },
    NOT_JUDGEABLE: { description: 'Cannot be judged 无法判定: nothing to judge against (e.g. the national comparison with one province loaded); `met` is false.' },
  },
});

@ObjectType({ description: 'One check of one county 指标达标情况: the rule, the figure required, the actual figure, met or not.' })
export class CheckResult {
  @Field({ description: 'The rule 指标, e.g. "center", "center-incubations-per-year", "large-town-stations", "station-incubations-per-year".' })
  rule!: string;

  @Field({ description: 'The figure required 要求, as people write it: "≥ 3", "1–2".' })
  required!: string;

  @Field(() => Int, { nullable: true, description: 'The least figure that meets the check 下限 (null: no lower bound).' })
  min!: number | null;

  @Field(() => Int, { nullable: true, description: 'The greatest figure that meets the check 上限 (null: no upper bound).' })
  max!: number | null;

  @Field(() => Int, { description: 'The figure the county has 实际值 (see the rule definition).' })
  actual!: number;

  @Field({ description: 'Whether the county meets this check 是否达标.' })
  met!: boolean;

  @Field(() => CheckStatus, { description: 'MET, NOT_MET, or NOT_JUDGEABLE when there is nothing to judge against (then `met` is false) 检查结论.' })
  status!: `${CheckStatus}`;

  @Field(() => Int, { nullable: true, description: 'For checks counted over the year, before the deadline: the figure its pace so far leads to by year end 预计值.' })
  projected!: number | null;

  @Field({ description: 'How the figure is measured 计算方法.' })
  definition!: string;
}

@ObjectType({ description: "One county's standing against a milestone 县区达标情况: met when every check is met." })
export class CountyProgress {
  @Field(() => County, { description: 'The county-level unit 县级行政区.' })
  county!: County;

  @Field({ description: 'Met 达标: every check of the milestone is met.' })
  met!: boolean;

  @Field({ description: 'At risk 有风险: not yet due on the date, and on its current pace some check would be missed.' })
  atRisk!: boolean;

  @Field(() => [CheckResult], { description: "Each of the milestone's checks for this county 各项指标." })
  checks!: CheckResult[];
}

@Directive('@key(fields: "year asOf scope")')
@ObjectType({
  description:
    'A milestone scorecard 目标进度 for the counties of a scope (the nation 000000, a province, prefecture or county), as of a date. ' +
    'Its figures are null, with an error naming the tier, when a subgraph contributing facts does not answer.',
})
export class MilestoneProgress {
  @Field(() => Int, { description: 'The milestone year 目标年份: 2015, 2017 or 2020.' })
  year!: number;

  @Field(() => Date, { description: 'The date the figures stand on.' })
  asOf!: string;

  @Field(() => ID, { description: 'The region whose counties are evaluated: 000000 for the nation 全国, or a province, prefecture or county code.' })
  scope!: string;

  @Directive(REQUIRES)
  @Field(() => Int, { nullable: true, description: 'Counties counted 县区总数 (statutory counties; development zones only when the milestone counts them).' })
  countiesTotal!: number | null;

  @Directive(REQUIRES)
  @Field(() => Int, { nullable: true, description: 'Counties that meet every check 达标县区数.' })
  countiesMet!: number | null;

  @Directive(REQUIRES)
  @Field(() => [CountyProgress], { nullable: true, description: 'Every counted county 各县区, by code.' })
  counties!: CountyProgress[] | null;

  @Directive(REQUIRES)
  @Field(() => [CountyProgress], { nullable: true, description: 'Counties at risk 有风险的县区: the milestone is not yet due and, on their pace so far, they would miss it.' })
  atRisk!: CountyProgress[] | null;

  @Field(() => Milestone, { description: 'The milestone 工作目标 it measures.' })
  milestone!: Milestone;

  // Plumbing: the organizations tier's facts @require it, so they carry only the categories checked.
  @Directive(INACCESSIBLE)
  @Field(ASKED.checkedCategories.type, { description: ASKED.checkedCategories.description })
  checkedCategories!: string[];
}
// The fact lists (centerFacts, stationFacts, admissionFacts, outcomeFacts), @external, from the one declaration.
declareExternalFacts(MilestoneProgress);

/** A progress as the @requires fields receive it: its key and every fact list. */
export type ProgressWithFacts = MilestoneProgress & Facts;
