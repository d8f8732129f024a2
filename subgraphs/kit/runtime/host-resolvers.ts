// Centers and stations alike by construction: what a host does the same way at either tier (found by
// id, in a county, opened once per place, closed, open on a day, counted at year ends) is written here
// once. Each tier's resolver file keeps only what is its own: where a new host stands, its own fields,
// and the columns of its yearly series.
import { randomUUID } from 'crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type DataLoader from 'dataloader';
import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root, type ClassType } from 'type-graphql';
import { badInput, conflict, notFound } from '../errors';
import { CountyReference } from '../federation/stubs';
import type { Context } from './context';
import { openOn, today } from './dates';
import type { Host, OpenHostInput } from './host';
import { FIRST_SERIES_YEAR, yearlySeries, type YearRow } from './series';
import { groupBy, selectRows, sqlArray } from './sql';
import { write } from './transaction';
import { DESCRIBE } from './describe';
import { renamedArg } from './renamed';

/** Where a new host stands: the county that runs it, and the place that may have one open at a time. */
export interface HostPlace {
  countyCode: string;
  /** The columns naming the place, e.g. `{ countyCode }` for a center, `{ townCode }` for a station. */
  where: Record<string, string>;
  /** The place as a clerk reads it in a message: "南关区 (220102)". */
  label: string;
}

export interface HostResolverOptions<I extends OpenHostInput, Y extends object> {
  /** The description of the host's `county` field. */
  county: string;
  /** The open mutation: its description, its input, and how it finds (or refuses) the place, inside the write. */
  open: { description: string; input: ClassType<I>; place(tx: EntityManager, input: I): Promise<HostPlace> };
  /**
   * The yearly series on County (`name`, e.g. centerYears), whose own part is `columns`: SQL added to the
   * select list of one statement over the host table `h`, grouped by county and year, whose rows are the
   * hosts open at `year_end.day` (31 December, or today for this year). `make` turns a county's row for
   * a year (none: no host open) into an item of `type`.
   */
  years: {
    name: string;
    description: string;
    type: ClassType<Y>;
    columns: string;
    make(year: number, row: (YearRow & Record<string, number>) | undefined): Y;
  };
}

/** The schema's names for a host entity's query and mutations, and its name in messages, from its class name. */
function namesOf(entity: Function) {
  const name = entity.name; // IncubationCenter
  return {
    query: name[0].toLowerCase() + name.slice(1), // incubationCenter
    open: `open${name}`,
    close: `close${name}`,
    label: name.replace(/(?!^)([A-Z])/g, ' $1').toLowerCase(), // incubation center
  };
}

/**
 * The hosts of `entity` open on `asOf` at each requested place (`field`: countyCode, townCode), by opening
 * date: one statement per request. A place has at most one host open on a day (see `openHost`).
 */
export function hostsOpenOn<T extends Host>(ctx: Context, entity: new () => T, field: keyof T & string, asOf: string): DataLoader<string, T[]> {
  return ctx.loaders.custom(`${entity.name}.${field}:openOn:${asOf}`, async (keys) => {
    const rows = (await ctx.em.find(entity, { [field]: { $in: [...keys] }, ...openOn(asOf) } as never, {
      orderBy: { establishedOn: 'asc', id: 'asc' } as never,
    })) as T[];
    const byKey = groupBy(rows, (row) => String(row[field]));
    return keys.map((key) => byKey.get(key) ?? []);
  });
}

/**
 * The resolvers every host tier has, for `entity` (IncubationCenter): the by-id query (incubationCenter),
 * its `county`, the open and close mutations (openIncubationCenter, closeIncubationCenter) and its yearly
 * series on County. Returns [the host's resolver, the County series resolver].
 */
export function hostResolvers<T extends Host, I extends OpenHostInput, Y extends object>(entity: new () => T, options: HostResolverOptions<I, Y>) {
  const names = namesOf(entity);
  const { label } = names;
  const closedOn = renamedArg('closedOn', 'on', 'The day it closed 关闭日期 (not in the future).');

  @Resolver(() => entity)
  class HostResolver {
    @Query(() => entity, { name: names.query, description: `An ${label} by id 编号.` })
    async byId(@Arg('id', () => ID, { description: DESCRIBE.id(label) }) id: string, @Ctx() { loaders }: Context): Promise<T> {
      return (await loaders.one(entity, 'id').load(id)) ?? Promise.reject(notFound(`No ${label} has id ${id}.`));
    }

    @FieldResolver(() => CountyReference, { description: options.county })
    county(@Root() host: T): CountyReference {
      return { code: host.countyCode };
    }

    @Mutation(() => entity, { name: names.open, description: options.open.description })
    open(@Arg('input', () => options.open.input, { description: `The new ${label}: its name, opening day 成立日期 and place.` }) input: I, @Ctx() ctx: Context): Promise<T> {
      return openHost(ctx, entity, options.open.place, input);
    }

    @Mutation(() => entity, { name: names.close, description: `Records that an ${label} closed 关闭 on a day.` })
    close(@Arg('id', () => ID, { description: DESCRIBE.id(label) }) id: string, @closedOn.arg day: string | undefined, @closedOn.old on: string | undefined, @Ctx() ctx: Context): Promise<T> {
      return closeHost(ctx, entity, id, closedOn.value(day, on));
    }
  }

  const { years } = options;
  @Resolver(() => CountyReference)
  class CountyYearsResolver {
    @FieldResolver(() => [years.type], { name: years.name, nullable: true, description: years.description })
    years(
      @Root() county: CountyReference,
      @Ctx() ctx: Context,
      @Arg('fromYear', () => Int, { defaultValue: FIRST_SERIES_YEAR, description: DESCRIBE.fromYear }) fromYear: number,
      @Arg('toYear', () => Int, { nullable: true, description: DESCRIBE.toYear }) toYear?: number,
    ): Promise<Y[]> {
      const table = ctx.em.getMetadata().get(entity.name).tableName;
      // One statement for every county of the request: each year's end, and the hosts open on it.
      const select = (codes: readonly string[], from: number, to: number) =>
        selectRows<YearRow & Record<string, number>>(
          ctx.em,
          `select h.county_code as key, y.year${years.columns}
           from ${table} h cross join generate_series(?::int, ?::int) as y(year)
             cross join lateral (select least(make_date(y.year, 12, 31), ?::date) as day) as year_end
           where h.county_code = any(?::text[])
             and h.established_on <= year_end.day and (h.closed_on is null or h.closed_on > year_end.day)
           group by h.county_code, y.year`,
          [from, to, today(), sqlArray(codes)],
        );
      return yearlySeries(ctx, years.name, county.code, fromYear, toYear, select, years.make);
    }
  }

  return [HostResolver, CountyYearsResolver] as const;
}

/**
 * Records a new host where `locate` places it, for the county that runs it: refused when it opens in the
 * future, when the place has one open already, or when it would overlap the last one there.
 */
function openHost<T extends Host, I extends OpenHostInput>(
  ctx: Context,
  entity: new () => T,
  locate: (tx: EntityManager, input: I) => Promise<HostPlace>,
  input: I,
): Promise<T> {
  const { label, open } = namesOf(entity);
  if (input.establishedOn > today()) throw badInput(`establishedOn ${input.establishedOn} is in the future; record an ${label} once it has opened.`);
  return write(ctx, open, async (tx, authorize) => {
    const place = await locate(tx, input);
    authorize({ countyCode: place.countyCode });
    const current = (await tx.findOne(entity, { ...place.where, closedOn: null } as never)) as T | null;
    if (current) throw conflict(`${place.label} already has an open ${label}, "${current.name}" (id ${current.id}); close it first.`);
    // Not before the last one here closed: two would be open at once on the days between, and every
    // "as of" figure for them would count two.
    const [last] = (await tx.find(entity, { ...place.where, closedOn: { $ne: null } } as never, { orderBy: { closedOn: 'desc' } as never, limit: 1 })) as T[];
    if (last && input.establishedOn < last.closedOn!) {
      throw badInput(`The previous ${label} here, "${last.name}", was open until ${last.closedOn}; a new one can open from that day on, not ${input.establishedOn}.`);
    }
    return tx.create(entity, { id: randomUUID(), ...input, ...place.where, countyCode: place.countyCode } as never);
  });
}

/** Closes a host on a day, for the county that runs it. */
function closeHost<T extends Host>(ctx: Context, entity: new () => T, id: string, on: string): Promise<T> {
  const { label, close } = namesOf(entity);
  return write(ctx, close, async (tx, authorize) => {
    const host = (await tx.findOne(entity, { id } as never)) as T | null;
    if (!host) throw notFound(`No ${label} has id ${id}.`);
    authorize({ countyCode: host.countyCode }); // the county opens and closes its hosts
    if (host.closedOn) throw conflict(`"${host.name}" closed on ${host.closedOn} already.`);
    if (on < host.establishedOn) throw badInput(`An ${label} cannot close (${on}) before it opened (${host.establishedOn}).`);
    if (on > today()) throw badInput(`An ${label} is recorded closed once it has closed; ${on} is in the future.`);
    host.closedOn = on;
    return host;
  });
}
