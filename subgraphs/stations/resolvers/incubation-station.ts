import { randomUUID } from 'crypto';
import { IsNotEmpty, Length, Matches } from 'class-validator';
import { Arg, Ctx, Field, FieldResolver, ID, InputType, Mutation, Query, Resolver, Root } from 'type-graphql';
import { CountyReference, badInput, conflict, ISO_DATE, notFound, today, write, type Context } from '../../kit';
import { IncubationStation } from '../entities/incubation-station';
import { Town } from '../entities/town';

@InputType({ description: 'A new incubation station 孵化站 in a town.' })
export class OpenIncubationStationInput {
  @Field(() => ID, { description: 'The nine-digit code of the town it serves.' })
  @Matches(/^\d{9}$/, { message: 'townCode must be a nine-digit town code such as 220102001' })
  townCode!: string;

  @Field()
  @IsNotEmpty({ message: 'name must not be empty' })
  @Length(1, 200)
  name!: string;

  @Field(() => Date)
  @Matches(ISO_DATE)
  establishedOn!: string;
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
    if (input.establishedOn > today()) throw badInput(`establishedOn ${input.establishedOn} is in the future; record a station once it has opened.`);
    return write(ctx, 'openIncubationStation', async (tx, authorize) => {
      const town = await tx.findOne(Town, { code: input.townCode });
      if (!town) throw notFound(`No town-level unit has code ${input.townCode} (nine digits, e.g. 220102001).`);
      authorize({ countyCode: town.countyCode });
      const open = await tx.findOne(IncubationStation, { townCode: town.code, closedOn: null });
      if (open) throw conflict(`${town.name} (${town.code}) already has an open incubation station, "${open.name}" (id ${open.id}); close it first.`);
      return tx.create(IncubationStation, { id: randomUUID(), ...input, countyCode: town.countyCode });
    });
  }

  @Mutation(() => IncubationStation, { description: 'Records that an incubation station closed on a day.' })
  async closeIncubationStation(@Arg('id', () => ID) id: string, @Arg('on', () => Date) on: string, @Ctx() ctx: Context): Promise<IncubationStation> {
    return write(ctx, 'closeIncubationStation', async (tx, authorize) => {
      const station = await tx.findOne(IncubationStation, { id });
      if (!station) throw notFound(`No incubation station has id ${id}.`);
      authorize({ countyCode: station.countyCode }); // the county opens and closes stations, not the station itself
      if (station.closedOn) throw conflict(`"${station.name}" closed on ${station.closedOn} already.`);
      if (on < station.establishedOn) throw badInput(`A station cannot close (${on}) before it opened (${station.establishedOn}).`);
      station.closedOn = on;
      return station;
    });
  }
}
