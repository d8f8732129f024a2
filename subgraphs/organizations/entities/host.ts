import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { HostKind } from '../../kit/federation';

export { HostKind };

/** IncubationCenter, owned by the centers subgraph; this one contributes its incubations and counts. */
@Directive('@key(fields: "id")')
@ObjectType('IncubationCenter')
export class IncubationCenterReference {
  @Field(() => ID, { description: 'Its id 编号 (a UUID).' })
  id!: string;
}

/** IncubationStation, owned by the stations subgraph; this one contributes its incubations and counts. */
@Directive('@key(fields: "id")')
@ObjectType('IncubationStation')
export class IncubationStationReference {
  @Field(() => ID, { description: 'Its id 编号 (a UUID).' })
  id!: string;
}

/** What this tier needs to know of a host when an application names it. */
export interface HostFacts {
  id: string;
  kind: HostKind;
  name: string;
  countyCode: string;
  establishedOn: string;
  closedOn: string | null;
}
