// What an incubation center and an incubation station have in common: a dated place in a county, opened
// and perhaps closed. One base class for both entities and one for their open inputs; what they do
// alike is in host-resolvers.ts.
import { Entity, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { IsNotEmpty, Length, Matches } from 'class-validator';
import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { ISO_DATE } from './dates';
import { explainConstraint } from './transaction';

@ObjectType() // a base: never in a schema by itself, only through the entities that extend it
@Entity({ abstract: true })
export abstract class Host {
  [OptionalProps]?: 'closedOn' | 'version';

  @Field(() => ID, { description: 'Its id 编号 (a UUID).' })
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  /** The county it belongs to, kept here so county-wide questions need no other tier. */
  @Property({ type: 'string', length: 6, index: true })
  countyCode!: string;

  @Field({ description: 'Name 名称.' })
  @Property({ type: 'string' })
  name!: string;

  @Field(() => Date, { description: 'The day it opened 成立日期.' })
  @Property({ type: 'date' })
  establishedOn!: string;

  @Field(() => Date, { nullable: true, description: 'The day it closed 关闭日期, if it has.' })
  @Property({ type: 'date', nullable: true })
  closedOn: string | null = null;

  /** Optimistic lock: two clerks editing the same host cannot overwrite each other unseen. */
  @Property({ version: true })
  version!: number;
}

/**
 * At most one open host per place (`column`: county_code, town_code), held by the database so two
 * clerks opening one at the same moment cannot both win; the one who loses reads why.
 */
export function OneOpenPer(table: string, column: string): ClassDecorator {
  const place = column.replace(/_code$/, ''); // county, town
  const name = `${table}_one_open_per_${place}`;
  explainConstraint(name, `This ${place} has just had an open ${table.replace(/_/g, ' ')} recorded by someone else; reload it, and close that one first. Nothing was changed.`);
  return Index({ name, expression: `create unique index "${name}" on "${table}" ("${column}") where "closed_on" is null` });
}

@InputType()
export abstract class OpenHostInput {
  @Field({ description: 'Its name 名称 (1–200 characters).' })
  @IsNotEmpty({ message: 'name must not be empty' })
  @Length(1, 200)
  name!: string;

  @Field(() => Date, { description: 'The day it opened 成立日期 (not in the future).' })
  @Matches(ISO_DATE)
  establishedOn!: string;
}
