import { randomUUID } from 'crypto';
import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { LockMode } from '@mikro-orm/core';
import { badInput, conflict, notFound } from '../../kit/errors';
import { CountyReference } from '../../kit/federation';
import { DESCRIBE, hostsOpenOn, openOn, pickRenamed, aliasOf, today, write, type Context } from '../../kit/runtime';
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

// Fields this tier contributes to another tier's entity are nullable: when this subgraph is down, a
// dashboard still gets the rest of the page, with an error naming what is missing.
@Resolver(() => CountyReference)
export class CountyTownsResolver {
  @FieldResolver(() => [Town], { nullable: true, description: 'Its town-level units 街道(镇), by code.' })
  towns(@Root() county: CountyReference, @Ctx() { loaders }: Context): Promise<Town[]> {
    return loaders.many(Town, 'countyCode', { code: 'asc' }).load(county.code);
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
    return hostsOpenOn(ctx, IncubationStation, 'countyCode', asOf ?? today()).load(county.code);
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
