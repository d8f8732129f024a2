import { randomUUID } from 'crypto';
import { Matches } from 'class-validator';
import { Arg, Ctx, Field, FieldResolver, ID, InputType, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { DEMO_FIRST_YEAR } from '../../kit/demo';
import { conflict, notFound } from '../../kit/errors';
import { CountyReference } from '../../kit/federation';
import { OpenHostInput, checkNoOverlap, checkOpeningDay, closeHost, selectRows, sqlArray, today, write, yearlySeries, type Context, type YearRow } from '../../kit/runtime';
import { IncubationStation } from '../entities/incubation-station';
import { Town } from '../entities/town';

@InputType({ description: 'A new incubation station 孵化站 in a town.' })
export class OpenIncubationStationInput extends OpenHostInput {
  @Field(() => ID, { description: 'The nine-digit code of the town it serves.' })
  @Matches(/^\d{9}$/, { message: 'townCode must be a nine-digit town code such as 220102001' })
  townCode!: string;
}

@Resolver(() => IncubationStation)
export class IncubationStationResolver {
  @Query(() => IncubationStation, { description: 'An incubation station by id.' })
  async incubationStation(@Arg('id', () => ID) id: string, @Ctx() { loaders }: Context): Promise<IncubationStation> {
    return (await loaders.one(IncubationStation, 'id').load(id)) ?? Promise.reject(notFound(`No incubation station has id ${id}.`));
  }

  @FieldResolver(() => Town, { description: 'The town it serves.' })
  async town(@Root() station: IncubationStation, @Ctx() { loaders }: Context): Promise<Town> {
    return (await loaders.one(Town, 'code').load(station.townCode))!;
  }

  @FieldResolver(() => CountyReference, { description: "The town's county." })
  county(@Root() station: IncubationStation): CountyReference {
    return { code: station.countyCode };
  }

  @Mutation(() => IncubationStation, { description: 'Records that a town opened an incubation station 孵化站.' })
  async openIncubationStation(@Arg('input') input: OpenIncubationStationInput, @Ctx() ctx: Context): Promise<IncubationStation> {
    checkOpeningDay(input.establishedOn, 'station');
    return write(ctx, 'openIncubationStation', async (tx, authorize) => {
      const town = await tx.findOne(Town, { code: input.townCode });
      if (!town) throw notFound(`No town-level unit has code ${input.townCode} (nine digits, e.g. 220102001).`);
      authorize({ countyCode: town.countyCode });
      const open = await tx.findOne(IncubationStation, { townCode: town.code, closedOn: null });
      if (open) throw conflict(`${town.name} (${town.code}) already has an open incubation station, "${open.name}" (id ${open.id}); close it first.`);
      await checkNoOverlap(tx, IncubationStation, { townCode: town.code }, input.establishedOn, 'incubation station');
      return tx.create(IncubationStation, { id: randomUUID(), ...input, countyCode: town.countyCode });
    });
  }

  @Mutation(() => IncubationStation, { description: 'Records that an incubation station closed on a day.' })
  closeIncubationStation(@Arg('id', () => ID) id: string, @Arg('on', () => Date) on: string, @Ctx() ctx: Context): Promise<IncubationStation> {
    return closeHost(ctx, IncubationStation, 'closeIncubationStation', 'incubation station', id, on);
  }
}

@ObjectType({ description: "One year of a county's stations, for trend charts." })
export class StationYear {
  @Field(() => Int)
  year!: number;

  @Field(() => Int, { description: 'Stations open on 31 December (or today, for the current year).' })
  stations!: number;

  @Field(() => Int, { description: 'Of those, stations in towns designated larger on that day (what T2017 counts).' })
  largeTownStations!: number;
}

@Resolver(() => CountyReference)
export class CountyStationYearsResolver {
  @FieldResolver(() => [StationYear], { nullable: true, description: "The county's stations at each year end, `fromYear` to `toYear` (default 2014 to this year)." })
  stationYears(
    @Root() county: CountyReference,
    @Ctx() ctx: Context,
    @Arg('fromYear', () => Int, { defaultValue: DEMO_FIRST_YEAR }) fromYear: number,
    @Arg('toYear', () => Int, { nullable: true }) toYear?: number,
  ): Promise<StationYear[]> {
    const select = (codes: readonly string[], from: number, to: number) =>
      selectRows<YearRow & { stations: number; large: number }>(
        ctx.em,
        `select s.county_code as key, y.year, count(*)::int as stations,
           count(*) filter (where exists (select 1 from large_town_designation d where d.town_code = s.town_code
             and d."from" <= least(make_date(y.year, 12, 31), ?::date)
             and (d."until" is null or d."until" > least(make_date(y.year, 12, 31), ?::date))))::int as large
         from incubation_station s cross join generate_series(?::int, ?::int) as y(year)
         where s.county_code = any(?::text[])
           and s.established_on <= least(make_date(y.year, 12, 31), ?::date)
           and (s.closed_on is null or s.closed_on > least(make_date(y.year, 12, 31), ?::date))
         group by s.county_code, y.year`,
        [today(), today(), from, to, sqlArray(codes), today(), today()],
      );
    return yearlySeries(ctx, 'stationYears', county.code, fromYear, toYear, select, (year, row) => ({
      year,
      stations: row?.stations ?? 0,
      largeTownStations: row?.large ?? 0,
    }));
  }
}
