// Stubs of entities another subgraph owns: just the key, so a subgraph can contribute fields to them
// or point at them. One definition for every subgraph that needs it.
import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateScalar } from '../runtime/dates';

/** County 县级行政区, owned by the province subgraph. */
@Directive('@key(fields: "code")')
@ObjectType('County')
export class CountyReference {
  @Field(() => ID, { description: 'Its six-digit GB/T 2260 code 行政区划代码.' })
  code!: string;
}

/** Prefecture 地级行政区, owned by the province subgraph: a statistics row points at it by code. */
@Directive('@key(fields: "code")')
@ObjectType('Prefecture')
export class PrefectureReference {
  @Field(() => ID, { description: 'Administrative division code 行政区划代码 (GB/T 2260), six digits (220100).' })
  code!: string;
}

/** Province 省级行政区, owned by the province subgraph: a statistics row points at it by code. */
@Directive('@key(fields: "code")')
@ObjectType('Province')
export class ProvinceReference {
  @Field(() => ID, { description: 'Administrative division code 行政区划代码 (GB/T 2260), six digits (220000).' })
  code!: string;
}

/**
 * The progress of one milestone (year) as of one day over one scope (the nation, a province, a
 * prefecture or a county code): an entity keyed by its parameters, so every tier can contribute the
 * facts it owns and the province can evaluate the rules over them with @requires, in a fixed number of
 * fetches.
 */
@Directive('@key(fields: "year asOf scope")')
@ObjectType('MilestoneProgress')
export class MilestoneProgressReference {
  @Field(() => Int, { description: 'The milestone year 目标年份: 2015, 2017 or 2020.' })
  year!: number;

  @Field(() => DateScalar, { description: 'The day the figures stand on 截至日期.' })
  asOf!: string;

  @Field(() => ID, { description: 'The scope 范围: a province, prefecture or county code (000000 for the nation): the counties it covers are evaluated.' })
  scope!: string;
}

export enum HostKind {
  CENTER = 'CENTER',
  STATION = 'STATION',
}
registerEnumType(HostKind, {
  name: 'HostKind',
  description: 'Where an organization is incubated: a county center 孵化中心 or a town station 孵化站.',
  valuesConfig: {
    CENTER: { description: "A county's incubation center 孵化中心." },
    STATION: { description: "A town's incubation station 孵化站." },
  },
});

/**
 * The national comparison 全国比较 for one year as of one day (T2020's 全国中上水平): an entity keyed by
 * its parameters like MilestoneProgress, to which the centers, stations and organizations subgraphs
 * contribute per-province totals over the whole country, and on which the province ranks the provinces.
 * `scope` picks whose standings are shown (000000: every province; a region code: its province).
 */
@Directive('@key(fields: "year asOf scope")')
@ObjectType('NationalComparison')
export class NationalComparisonReference {
  @Field(() => Int, { description: 'The year whose admissions are counted (the milestone year, e.g. 2020) 年份.' })
  year!: number;

  @Field(() => DateScalar, { description: 'The date the figures stand on 截至日期.' })
  asOf!: string;

  @Field(() => ID, { description: 'Whose standings are shown: 000000 for every province 全国, or a region code for its province 所在省份.' })
  scope!: string;
}
