// What an incubation center and an incubation station have in common: a dated place in a county, opened
// and perhaps closed. One base class for both entities, one input base, one way to close.
import { Entity, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { IsNotEmpty, Length, Matches } from 'class-validator';
import { Field, ID, InputType, ObjectType } from 'type-graphql';
import type { Context } from './context';
import { badInput, conflict, notFound } from '../errors';
import { ISO_DATE, today } from './dates';
import { write } from './transaction';

@ObjectType() // a base: never in a schema by itself, only through the entities that extend it
@Entity({ abstract: true })
export abstract class Host {
  [OptionalProps]?: 'closedOn' | 'version';

  @Field(() => ID)
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

  @Field(() => Date, { nullable: true, description: 'The day it closed, if it has.' })
  @Property({ type: 'date', nullable: true })
  closedOn: string | null = null;

  /** Optimistic lock: two clerks editing the same host cannot overwrite each other unseen. */
  @Property({ version: true })
  version!: number;
}

@InputType()
export abstract class OpenHostInput {
  @Field()
  @IsNotEmpty({ message: 'name must not be empty' })
  @Length(1, 200)
  name!: string;

  @Field(() => Date)
  @Matches(ISO_DATE)
  establishedOn!: string;
}

/** Refuses an opening day in the future: a host is recorded once it has opened. */
export function checkOpeningDay(establishedOn: string, label: string): void {
  if (establishedOn > today()) throw badInput(`establishedOn ${establishedOn} is in the future; record a ${label} once it has opened.`);
}

/** Closes a host on a day, for the county that runs it. */
export function closeHost<T extends Host>(
  ctx: Context,
  entity: new () => T,
  operation: string,
  label: string,
  id: string,
  on: string,
): Promise<T> {
  return write(ctx, operation, async (tx: EntityManager, authorize) => {
    const host = (await tx.findOne(entity, { id } as never)) as T | null;
    if (!host) throw notFound(`No ${label} has id ${id}.`);
    authorize({ countyCode: host.countyCode }); // the county opens and closes its hosts
    if (host.closedOn) throw conflict(`"${host.name}" closed on ${host.closedOn} already.`);
    if (on < host.establishedOn) throw badInput(`A ${label} cannot close (${on}) before it opened (${host.establishedOn}).`);
    if (on > today()) throw badInput(`A ${label} is closed on or after the day it closes; ${on} is in the future.`);
    host.closedOn = on;
    return host;
  });
}

/**
 * A new host may not open before the last one of the same place closed: two would be open at once on
 * the days between, and every "as of" figure for them would count two.
 */
export async function checkNoOverlap<T extends Host>(tx: EntityManager, entity: new () => T, where: Record<string, string>, establishedOn: string, label: string) {
  const [last] = (await tx.find(entity, { ...where, closedOn: { $ne: null } } as never, { orderBy: { closedOn: 'desc' } as never, limit: 1 })) as T[];
  if (last && establishedOn < last.closedOn!) {
    throw badInput(`The previous ${label} here, "${last.name}", was open until ${last.closedOn}; a new one can open from that day on, not ${establishedOn}.`);
  }
}
