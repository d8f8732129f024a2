// MilestoneProgress: keyed by its parameters (year, asOf, scope). The centers, stations and
// organizations subgraphs each contribute a list of their own facts; this subgraph declares those lists
// @external and evaluates the checks over them with @requires. The gateway plans it as: province →
// the three fact subgraphs in parallel → province again, whatever the number of counties.
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { HostKind } from '../../kit/federation';
import { County } from './region';
import { Milestone } from './milestone';

@Directive('@external')
@ObjectType({ description: 'A center open on the progress date (contributed by the centers subgraph).' })
export class CenterFact {
  @Field(() => ID) countyCode!: string;
  @Field(() => ID) centerId!: string;
}

@Directive('@external')
@ObjectType({ description: 'A station open on the progress date (contributed by the stations subgraph).' })
export class StationFact {
  @Field(() => ID) countyCode!: string;
  @Field(() => ID) stationId!: string;
  @Field() inLargeTown!: boolean;
}

@Directive('@external')
@ObjectType({ description: "A host's admissions in the milestone year (contributed by the organizations subgraph)." })
export class AdmissionFact {
  @Field(() => ID) countyCode!: string;
  @Field(() => ID) hostId!: string;
  @Field(() => HostKind) hostKind!: HostKind;
  @Field(() => Int) admitted!: number;
}

@Directive('@external')
@ObjectType({ description: "A county's outcomes and categories (contributed by the organizations subgraph)." })
export class OutcomeFact {
  @Field(() => ID) countyCode!: string;
  @Field(() => Int) graduated!: number;
  @Field(() => Int) exited!: number;
  @Field(() => [String]) categories!: string[];
}

const REQUIRES =
  '@requires(fields: "centerFacts { countyCode centerId } stationFacts { countyCode stationId inLargeTown } ' +
  'admissionFacts { countyCode hostId hostKind admitted } outcomeFacts { countyCode graduated exited categories }")';

@ObjectType({ description: 'One check of one county: the rule, the figure required, the actual figure, met or not.' })
export class CheckResult {
  @Field({ description: 'The rule, e.g. "center", "center-incubations-per-year", "large-town-stations", "station-incubations-per-year".' })
  rule!: string;

  @Field({ description: 'The figure required, as people write it: "≥ 3", "1–2".' })
  required!: string;

  @Field(() => Int, { nullable: true })
  min!: number | null;

  @Field(() => Int, { nullable: true })
  max!: number | null;

  @Field(() => Int, { description: 'The figure the county has (see the rule definition).' })
  actual!: number;

  @Field()
  met!: boolean;

  @Field(() => Int, { nullable: true, description: 'For checks counted over the year, before the deadline: the figure its pace so far leads to by year end.' })
  projected!: number | null;

  @Field({ description: 'How the figure is measured.' })
  definition!: string;
}

@ObjectType({ description: "One county's standing against a milestone: met when every check is met." })
export class CountyProgress {
  @Field(() => County)
  county!: County;

  @Field()
  met!: boolean;

  @Field({ description: 'Not yet due on the date, and on its current pace some check would be missed.' })
  atRisk!: boolean;

  @Field(() => [CheckResult])
  checks!: CheckResult[];
}

@Directive('@key(fields: "year asOf scope")')
@ObjectType({ description: 'A milestone scorecard 目标进度 for the counties of a scope (province, prefecture or county), as of a date.' })
export class MilestoneProgress {
  @Field(() => Int)
  year!: number;

  @Field(() => Date, { description: 'The date the figures stand on.' })
  asOf!: string;

  @Field(() => ID, { description: 'The province, prefecture or county code whose counties are evaluated.' })
  scope!: string;

  @Directive('@external') @Field(() => [CenterFact]) centerFacts?: CenterFact[];
  @Directive('@external') @Field(() => [StationFact]) stationFacts?: StationFact[];
  @Directive('@external') @Field(() => [AdmissionFact]) admissionFacts?: AdmissionFact[];
  @Directive('@external') @Field(() => [OutcomeFact]) outcomeFacts?: OutcomeFact[];

  @Directive(REQUIRES)
  @Field(() => Int, { description: 'Counties counted (statutory counties; development zones only when the milestone counts them).' })
  countiesTotal!: number;

  @Directive(REQUIRES)
  @Field(() => Int, { description: 'Counties that meet every check.' })
  countiesMet!: number;

  @Directive(REQUIRES)
  @Field(() => [CountyProgress], { description: 'Every counted county, by code.' })
  counties!: CountyProgress[];

  @Directive(REQUIRES)
  @Field(() => [CountyProgress], { description: 'Counties at risk: the milestone is not yet due and, on their pace so far, they would miss it.' })
  atRisk!: CountyProgress[];

  @Field(() => Milestone)
  milestone!: Milestone;
}
