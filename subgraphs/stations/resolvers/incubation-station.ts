// What is the station's own: it stands in a town (one open at a time) and serves it, and its yearly
// series also counts the stations in larger towns (what T2017 counts). The rest is the kit's host resolvers.
import { Matches } from 'class-validator';
import { Ctx, Field, FieldResolver, ID, InputType, Int, ObjectType, Resolver, Root } from 'type-graphql';
import { notFound } from '../../kit/errors';
import { DESCRIBE, OpenHostInput, hostResolvers, type Context } from '../../kit/runtime';
import { IncubationStation } from '../entities/incubation-station';
import { Town } from '../entities/town';

@InputType({ description: 'A new incubation station 孵化站 in a town.' })
export class OpenIncubationStationInput extends OpenHostInput {
  @Field(() => ID, { description: 'The nine-digit code 乡级区划代码 of the town it serves.' })
  @Matches(/^\d{9}$/, { message: 'townCode must be a nine-digit town code such as 220102001' })
  townCode!: string;
}

@Resolver(() => IncubationStation)
export class StationTownResolver {
  @FieldResolver(() => Town, { description: 'The town 街道(镇) it serves.' })
  async town(@Root() station: IncubationStation, @Ctx() { loaders }: Context): Promise<Town> {
    return (await loaders.one(Town, 'code').load(station.townCode))!;
  }
}

@ObjectType({ description: "One year of a county's stations 孵化站, for trend charts." })
export class StationYear {
  @Field(() => Int, { description: DESCRIBE.seriesYear })
  year!: number;

  @Field(() => Int, { description: 'Stations 孵化站 open on 31 December (or today, for the current year).' })
  stations!: number;

  @Field(() => Int, { description: 'Of those, stations in towns designated larger 较大的街道(镇) on that day (what T2017 counts).' })
  largeTownStations!: number;
}

export const [IncubationStationResolver, CountyStationYearsResolver] = hostResolvers(IncubationStation, {
  county: "The town's county 县级行政区.",
  open: {
    description: 'Records that a town opened an incubation station 孵化站.',
    input: OpenIncubationStationInput,
    place: async (tx, input) => {
      const town = await tx.findOne(Town, { code: input.townCode });
      if (!town) throw notFound(`No town-level unit has code ${input.townCode} (nine digits, e.g. 220102001).`);
      return { countyCode: town.countyCode, where: { townCode: town.code }, label: `${town.name} (${town.code})` };
    },
  },
  years: {
    name: 'stationYears',
    description: "The county's stations 孵化站 at each year end, `fromYear` to `toYear` (default 2014 to this year).",
    type: StationYear,
    // Of the stations open at the year's end, those whose town was designated larger on that day.
    columns: `, count(*)::int as stations,
      count(*) filter (where exists (select 1 from large_town_designation d where d.town_code = h.town_code
        and d."from" <= year_end.day and (d."until" is null or d."until" > year_end.day)))::int as large`,
    make: (year, row): StationYear => ({ year, stations: row?.stations ?? 0, largeTownStations: row?.large ?? 0 }),
  },
});
