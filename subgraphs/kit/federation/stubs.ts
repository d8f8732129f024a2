// Stubs of entities another subgraph owns: just the key, so a subgraph can contribute fields to them
// or point at them. One definition for every subgraph that needs it.
import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateScalar } from '../runtime/dates';

/** County 县级行政区, owned by the province subgraph. */
@Directive('@key(fields: "code")')
@ObjectType('County')
export class CountyReference {
  @Field(() => ID)
  code!: string;
}

/** Prefecture 地级行政区, owned by the province subgraph: a statistics row points at it by code. */
@Directive('@key(fields: "code")')
@ObjectType('Prefecture')
export class PrefectureReference {
  @Field(() => ID, { description: 'GB/T 2260 code, six digits (220100).' })
  code!: string;
}

/** Province 省级行政区, owned by the province subgraph: a statistics row points at it by code. */
@Directive('@key(fields: "code")')
@ObjectType('Province')
export class ProvinceReference {
  @Field(() => ID, { description: 'GB/T 2260 code, six digits (220000).' })
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
  @Field(() => Int)
  year!: number;

  @Field(() => DateScalar)
  asOf!: string;

  @Field(() => ID, { description: 'A province, prefecture or county code (000000 for the nation): the counties it covers are evaluated.' })
  scope!: string;
}

export enum HostKind {
  CENTER = 'CENTER',
  STATION = 'STATION',
}
registerEnumType(HostKind, {
  name: 'HostKind',
  description: 'Where an organization is incubated: a county center 孵化中心 or a town station 孵化站.',
});
