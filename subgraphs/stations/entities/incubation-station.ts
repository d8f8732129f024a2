import { Entity, Property } from '@mikro-orm/core';
import { Directive, ObjectType } from 'type-graphql';
import { Host, OneOpenPer } from '../../kit/runtime';

@Directive('@key(fields: "id")')
@ObjectType({ description: "A town's social-organization incubation station 社会组织孵化站 (policy T2017)." })
@Entity()
@OneOpenPer('incubation_station', 'town_code')
export class IncubationStation extends Host {
  @Property({ type: 'string', length: 9, index: true })
  townCode!: string;
}
