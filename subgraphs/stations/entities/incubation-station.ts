import { Entity, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { Directive, Field, ID, ObjectType } from 'type-graphql';

@Directive('@key(fields: "id")')
@ObjectType({ description: "A town's social-organization incubation station 社会组织孵化站 (policy T2017)." })
@Entity()
// At most one open station per town: the database holds the rule, so concurrent openings cannot both win.
@Index({ name: 'incubation_station_one_open_per_town', expression: 'create unique index "incubation_station_one_open_per_town" on "incubation_station" ("town_code") where "closed_on" is null' })
export class IncubationStation {
  [OptionalProps]?: 'closedOn' | 'version';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'string', length: 9, index: true })
  townCode!: string;

  /** The town's county, kept here so county-wide questions need no join through the register. */
  @Property({ type: 'string', length: 6, index: true })
  countyCode!: string;

  @Field({ description: 'Name 名称.' })
  @Property({ type: 'string' })
  name!: string;

  @Field(() => Date, { description: 'The day it opened 成立日期.' })
  @Property({ type: 'date' })
  establishedOn!: string;

  @Field(() => Date, { nullable: true, description: 'The day it closed, if it has.' })
  @Property({ type: 'date', nullable: true })
  closedOn: string | null = null;

  @Property({ version: true })
  version!: number;
}
