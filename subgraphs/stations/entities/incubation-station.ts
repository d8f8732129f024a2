import { Entity, Index, Property } from '@mikro-orm/core';
import { Directive, ObjectType } from 'type-graphql';
import { Host } from '../../kit/runtime';

@Directive('@key(fields: "id")')
@ObjectType({ description: "A town's social-organization incubation station 社会组织孵化站 (policy T2017)." })
@Entity()
// At most one open station per town: the database holds the rule, so concurrent openings cannot both win.
@Index({ name: 'incubation_station_one_open_per_town', expression: 'create unique index "incubation_station_one_open_per_town" on "incubation_station" ("town_code") where "closed_on" is null' })
export class IncubationStation extends Host {
  @Property({ type: 'string', length: 9, index: true })
  townCode!: string;
}
