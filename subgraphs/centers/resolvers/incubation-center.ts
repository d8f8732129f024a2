import { IsNotEmpty, Matches } from 'class-validator';
import { Arg, Ctx, Field, FieldResolver, ID, InputType, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { DEMO_FIRST_YEAR } from '../../kit/demo';
import { conflict, notFound } from '../../kit/errors';
import { CountyReference } from '../../kit/federation';
import { findCounty } from '../../kit/register';
import { OpenHostInput, checkNoOverlap, checkOpeningDay, closeHost, openOn, selectRows, sqlArray, today, write, yearlySeries, type Context, type YearRow } from '../../kit/runtime';
import { ConstructionMode, IncubationCenter, OperationMode } from '../entities/incubation-center';
import { randomUUID } from 'crypto';

@InputType({ description: 'A new incubation center 孵化中心 for a county.' })
export class OpenIncubationCenterInput extends OpenHostInput {
  @Field(() => ID, { description: 'The six-digit code of the county that runs it.' })
  @Matches(/^\d{6}$/, { message: 'countyCode must be a six-digit county code such as 220102' })
  countyCode!: string;

  @Field(() => ConstructionMode)
  constructionMode!: ConstructionMode;

  @Field(() => OperationMode)
  operationMode!: OperationMode;

  @Field({ description: 'The organization or office that runs it 运营方.' })
  @IsNotEmpty({ message: 'operator must not be empty' })
  operator!: string;
}

/** The center open in each county on `asOf`, one statement for every county of the request. */
function centerOn(ctx: Context, asOf: string) {
  return ctx.loaders.custom(`centerOn:${asOf}`, async (codes) => {
    const rows = await ctx.em.find(
      IncubationCenter,
      { countyCode: { $in: [...codes] }, ...openOn(asOf) },
      { orderBy: { establishedOn: 'asc' } },
    );
    const byCounty = new Map(rows.map((row) => [row.countyCode, row]));
    return codes.map((code) => byCounty.get(code) ?? null);
  });
}

@Resolver(() => CountyReference)
export class CountyCenterResolver {
  @FieldResolver(() => IncubationCenter, {
    nullable: true,
    description: "The county's incubation center 孵化中心 open on `asOf` (default: today), if any.",
  })
  incubationCenter(
    @Root() county: CountyReference,
    @Ctx() ctx: Context,
    @Arg('asOf', () => Date, { nullable: true }) asOf?: string,
  ): Promise<IncubationCenter | null> {
    return centerOn(ctx, asOf ?? today()).load(county.code);
  }
}

@Resolver(() => IncubationCenter)
export class IncubationCenterResolver {
  @Query(() => IncubationCenter, { description: 'An incubation center by id.' })
  async incubationCenter(@Arg('id', () => ID) id: string, @Ctx() { loaders }: Context): Promise<IncubationCenter> {
    return (await loaders.one(IncubationCenter, 'id').load(id)) ?? Promise.reject(notFound(`No incubation center has id ${id}.`));
  }

  @FieldResolver(() => CountyReference, { description: 'The county that runs it.' })
  county(@Root() center: IncubationCenter): CountyReference {
    return { code: center.countyCode };
  }

  @Mutation(() => IncubationCenter, { description: 'Records that a county opened its incubation center 孵化中心.' })
  async openIncubationCenter(@Arg('input') input: OpenIncubationCenterInput, @Ctx() ctx: Context): Promise<IncubationCenter> {
    const county = findCounty(input.countyCode);
    checkOpeningDay(input.establishedOn, 'center');
    return write(ctx, 'openIncubationCenter', async (tx, authorize) => {
      authorize({ countyCode: county.code });
      const open = await tx.findOne(IncubationCenter, { countyCode: county.code, closedOn: null });
      if (open) throw conflict(`${county.name} (${county.code}) already has an open incubation center, "${open.name}" (id ${open.id}); close it first.`);
      await checkNoOverlap(tx, IncubationCenter, { countyCode: county.code }, input.establishedOn, 'incubation center');
      return tx.create(IncubationCenter, { id: randomUUID(), ...input, countyCode: county.code });
    });
  }

  @Mutation(() => IncubationCenter, { description: 'Records that an incubation center closed on a day.' })
  closeIncubationCenter(@Arg('id', () => ID) id: string, @Arg('on', () => Date) on: string, @Ctx() ctx: Context): Promise<IncubationCenter> {
    return closeHost(ctx, IncubationCenter, 'closeIncubationCenter', 'incubation center', id, on);
  }
}

@ObjectType({ description: "One year of a county's center, for trend charts." })
export class CenterYear {
  @Field(() => Int)
  year!: number;

  @Field({ description: 'Whether a center was open on 31 December (or today, for the current year).' })
  open!: boolean;
}

@Resolver(() => CountyReference)
export class CountyCenterYearsResolver {
  @FieldResolver(() => [CenterYear], { nullable: true, description: 'Whether the county had a center open at each year end, `fromYear` to `toYear` (default 2014 to this year).' })
  centerYears(
    @Root() county: CountyReference,
    @Ctx() ctx: Context,
    @Arg('fromYear', () => Int, { defaultValue: DEMO_FIRST_YEAR }) fromYear: number,
    @Arg('toYear', () => Int, { nullable: true }) toYear?: number,
  ): Promise<CenterYear[]> {
    // One statement for every county: each year's end, and whether any center spanned it.
    const select = (codes: readonly string[], from: number, to: number) =>
      selectRows<YearRow>(
        ctx.em,
        `select c.county_code as key, y.year from incubation_center c
           cross join generate_series(?::int, ?::int) as y(year)
         where c.county_code = any(?::text[])
           and c.established_on <= least(make_date(y.year, 12, 31), ?::date)
           and (c.closed_on is null or c.closed_on > least(make_date(y.year, 12, 31), ?::date))
         group by c.county_code, y.year`,
        [from, to, sqlArray(codes), today(), today()],
      );
    return yearlySeries(ctx, 'centerYears', county.code, fromYear, toYear, select, (year, row) => ({ year, open: !!row }));
  }
}
