// Stubs of entities another subgraph owns: just the key, so a subgraph can contribute fields to them
// or point at them. One definition for every subgraph that needs it.
import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** County 县级行政区, owned by the province subgraph. */
@Directive('@key(fields: "code")')
@ObjectType('County')
export class CountyReference {
  @Field(() => ID)
  code!: string;
}
