import { randomUUID } from 'crypto';
import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { LockMode } from '@mikro-orm/core';
import { badInput, conflict, notFound } from '../../kit/errors';
import { CountyReference } from '../../kit/federation';
import { DESCRIBE, groupBy, hostsOpenOn, openOn, pickRenamed, aliasOf, selectRows, sqlArray, today, write, type Context } from '../../kit/runtime';
import { IncubationStation } from '../entities/incubation-station';
import { LargeTownDesignation, Town } from '../entities/town';

/** Which of the requested towns were designated larger on `asOf`: one statement per request. */
export function largeOn(ctx: Context, asOf: string) {
  return ctx.loaders.custom(`largeOn:${asOf}`, async (codes) => {
    const rows = await ctx.em.find(LargeTownDesignation, { townCode: { $in: [...codes] }, ...openOn(asOf, 'from', 'until') });
    const large = new Set(rows.map((row) => row.townCode));
    return codes.map((code) => large.has(code));
  });
}

// The county page asks for a county's towns, whether each is larger today and its station today, and the
// county's stations today with their towns: two statements for every county of the request, which prime
// the per-town look-ups (`isLarge`, `station`, a station's `town`) for today, instead of five statements
// in two rounds. Another `asOf` takes the general look-ups.
type WithTown = { __town: Record<string, unknown> };

/** Each county's towns by code, each with whether it is larger today and its station open today. */
function countyTowns(ctx: Context) {
  return ctx.loaders.custom<Town[]>('countyTowns', async (counties) => {
    const day = today();
    const rows = await selectRows<Record<string, unknown> & { __large: boolean; __station: Record<string, unknown> | null }>(
      ctx.em,
      `select t.*,
         exists (select 1 from large_town_designation d where d.town_code = t.code and d."from" <= ?::date and (d."until" is null or d."until" > ?::date)) as "__large",
         (select row_to_json(s) from incubation_station s where s.town_code = t.code and s.established_on <= ?::date and (s.closed_on is null or s.closed_on > ?::date)
          order by s.established_on, s.id limit 1) as "__station"
       from town t where t.county_code = any(?::text[]) order by t.code`,
      [day, day, day, day, sqlArray(counties)],
    );
    const large = largeOn(ctx, day);
    const stations = hostsOpenOn(ctx, IncubationStation, 'townCode', day);
    const towns = rows.map(({ __large, __station, ...row }) => {
      const town = ctx.em.map(Town, row);
      large.prime(town.code, __large);
      stations.prime(town.code, __station ? [ctx.em.map(IncubationStation, __station)] : []);
      return town;
    });
    const byCounty = groupBy(towns, (town) => town.countyCode);
    return counties.map((code) => byCounty.get(code) ?? []);
  });
}

/** Each county's stations open today, by opening date, with their towns. */
function countyStationsToday(ctx: Context, day: string) {
  return ctx.loaders.custom<IncubationStation[]>(`countyStations:${day}`, async (counties) => {
    const rows = await selectRows<Record<string, unknown> & WithTown>(
      ctx.em,
      `select s.*, row_to_json(t) as "__town" from incubation_station s join town t on t.code = s.town_code
       where s.county_code = any(?::text[]) and s.established_on <= ?::date and (s.closed_on is null or s.closed_on > ?::date)
       order by s.established_on, s.id`,
      [sqlArray(counties), day, day],
    );
    const towns = ctx.loaders.one(Town, 'code');
    const stations = rows.map(({ __town, ...row }) => {
      const town = ctx.em.map(Town, __town);
      towns.prime(town.code, town);
      return ctx.em.map(IncubationStation, row);
    });
    const byCounty = groupBy(stations, (station) => station.countyCode);
    return counties.map((code) => byCounty.get(code) ?? []);
  });
}

// Fields this tier contributes to another tier's entity are nullable: when this subgraph is down, a
// dashboard still gets the rest of the page, with an error naming what is missing.
@Resolver(() => CountyReference)
export class CountyTownsResolver {
  @FieldResolver(() => [Town], { nullable: true, description: 'Its town-level units 街道(镇), by code.' })
  towns(@Root() county: CountyReference, @Ctx() ctx: Context): Promise<Town[]> {
    return countyTowns(ctx).load(county.code);
  }

  @FieldResolver(() => [IncubationStation], {
    nullable: true,
    description: 'Its incubation stations 孵化站 open on `asOf` (default: today), in any town, by opening date.',
  })
  stations(
    @Root() county: CountyReference,
    @Ctx() ctx: Context,
    @Arg('asOf', () => Date, { nullable: true, description: DESCRIBE.asOf }) asOf?: string,
  ): Promise<IncubationStation[]> {
    const day = today();
    return (asOf ?? day) === day ? countyStationsToday(ctx, day).load(county.code) : hostsOpenOn(ctx, IncubationStation, 'countyCode', asOf!).load(county.code);
  }
}

@Resolver(() => Town)
export class TownResolver {
  @Query(() => Town, { description: 'A town-level unit 街道(镇) by its nine-digit code.' })
  async town(@Arg('code', () => ID, { description: 'Its nine-digit town code 乡级区划代码 (e.g. 220102001).' }) code: string, @Ctx() { loaders }: Context): Promise<Town> {
    return (await loaders.one(Town, 'code').load(code)) ?? Promise.reject(notFound(`No town-level unit has code ${code}.`));
  }

  @FieldResolver(() => CountyReference, { description: 'The county-level unit 县级行政区 it belongs to.' })
  county(@Root() town: Town): CountyReference {
    return { code: town.countyCode };
  }

  @FieldResolver(() => Boolean, {
    description: 'Whether the county has designated it a larger town 较大的街道(镇) on `asOf` (default: today). Only stations in larger towns count toward T2017.',
  })
  isLarge(@Root() town: Town, @Ctx() ctx: Context, @Arg('asOf', () => Date, { nullable: true, description: DESCRIBE.asOf }) asOf?: string): Promise<boolean> {
    return largeOn(ctx, asOf ?? today()).load(town.code);
  }

  @FieldResolver(() => IncubationStation, { nullable: true, description: 'Its incubation station 孵化站 open on `asOf` (default: today).' })
  async station(@Root() town: Town, @Ctx() ctx: Context, @Arg('asOf', () => Date, { nullable: true, description: DESCRIBE.asOf }) asOf?: string): Promise<IncubationStation | null> {
    const [station] = await hostsOpenOn(ctx, IncubationStation, 'townCode', asOf ?? today()).load(town.code);
    return station ?? null;
  }

  @Mutation(() => Town, {
    description: 'Designates a town as larger 较大的街道(镇) from `designatedOn` (default: today), or withdraws the designation from that day.',
  })
  async designateLargeTown(
    @Arg('code', () => ID, { description: 'The nine-digit code 乡级区划代码 of the town.' }) code: string,
    @Arg('isLarge', { description: 'True to designate it larger 较大的街道(镇), false to withdraw the designation.' }) isLarge: boolean,
    @Ctx() ctx: Context,
    @Arg('designatedOn', () => Date, { nullable: true, description: 'The day the designation starts or ends 认定日期 (default: today; not in the future).' }) designatedOn?: string,
    @Arg('on', () => Date, { nullable: true, ...aliasOf('designatedOn') }) on?: string,
  ): Promise<Town> {
    const day = designatedOn != null || on != null ? pickRenamed('designatedOn', designatedOn, 'on', on) : today();
    if (day > today()) throw badInput(`designatedOn ${day} is in the future; designate a town from today or an earlier day.`);
    return write(ctx, 'designateLargeTown', async (tx, authorize) => {
      // The town's row is the lock: designations of one town queue up, each sees the one before it.
      const town = await tx.findOne(Town, { code }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!town) throw notFound(`No town-level unit has code ${code} (nine digits, e.g. 220102001).`);
      authorize({ countyCode: town.countyCode });
      const open = await tx.findOne(LargeTownDesignation, { townCode: code, until: null });
      if (isLarge && open && open.from !== day) {
        throw conflict(`${town.name} is designated larger since ${open.from} already; withdraw that designation before designating it from ${day}. Nothing was changed.`);
      }
      if (isLarge && !open) tx.create(LargeTownDesignation, { id: randomUUID(), townCode: code, countyCode: town.countyCode, from: day });
      if (!isLarge && !open) {
        // Withdrawn already: the same day again is a repeat; another day would silently lose this one.
        const [last] = await tx.find(LargeTownDesignation, { townCode: code }, { orderBy: { until: 'desc' }, limit: 1 });
        if (last && last.until !== day) {
          throw conflict(`${town.name}'s designation as larger was withdrawn on ${last.until} already; nothing was changed.`);
        }
      }
      if (!isLarge && open) {
        if (day < open.from) throw badInput(`${town.name} was designated larger on ${open.from}; the designation cannot end before it began (${day}).`);
        open.until = day;
      }
      return town;
    });
  }
}
