// What is the center's own: it stands in a county (one open at a time), is built and run in one of the
// policy's ways, and its yearly series says whether one was open. The rest is the kit's host resolvers.
import { IsNotEmpty, Matches } from 'class-validator';
import { Arg, Ctx, Field, FieldResolver, ID, InputType, Int, ObjectType, Resolver, Root } from 'type-graphql';
import { CountyReference } from '../../kit/federation';
import { findCounty } from '../../kit/register';
import { DESCRIBE, OpenHostInput, hostResolvers, hostsOpenOn, today, type Context } from '../../kit/runtime';
import { ConstructionMode, IncubationCenter, OperationMode } from '../entities/incubation-center';

@InputType({ description: 'A new incubation center 孵化中心 for a county.' })
export class OpenIncubationCenterInput extends OpenHostInput {
  @Field(() => ID, { description: 'The six-digit code 县级行政区划代码 of the county that runs it.' })
  @Matches(/^\d{6}$/, { message: 'countyCode must be a six-digit county code such as 220102' })
  countyCode!: string;

  @Field(() => ConstructionMode, { description: 'How it was built 建设模式.' })
  constructionMode!: ConstructionMode;

  @Field(() => OperationMode, { description: 'Who runs it 运营方式.' })
  operationMode!: OperationMode;

  @Field({ description: 'The organization or office that runs it 运营方.' })
  @IsNotEmpty({ message: 'operator must not be empty' })
  operator!: string;
}

@Resolver(() => CountyReference)
export class CountyCenterResolver {
  @FieldResolver(() => IncubationCenter, {
    nullable: true,
    description: "The county's incubation center 孵化中心 open on `asOf` (default: today), if any.",
  })
  async incubationCenter(
    @Root() county: CountyReference,
    @Ctx() ctx: Context,
    @Arg('asOf', () => Date, { nullable: true, description: DESCRIBE.asOf }) asOf?: string,
  ): Promise<IncubationCenter | null> {
    const [center] = await hostsOpenOn(ctx, IncubationCenter, 'countyCode', asOf ?? today()).load(county.code);
    return center ?? null;
  }
}

@ObjectType({ description: "One year of a county's center 孵化中心, for trend charts." })
export class CenterYear {
  @Field(() => Int, { description: DESCRIBE.seriesYear })
  year!: number;

  @Field({ description: 'Whether a center 孵化中心 was open on 31 December (or today, for the current year).' })
  open!: boolean;
}

export const [IncubationCenterResolver, CountyCenterYearsResolver] = hostResolvers(IncubationCenter, {
  county: 'The county 县级行政区 that runs it.',
  open: {
    description: 'Records that a county opened its incubation center 孵化中心.',
    input: OpenIncubationCenterInput,
    place: async (_tx, input) => {
      const county = findCounty(input.countyCode);
      return { countyCode: county.code, where: { countyCode: county.code }, label: `${county.name} (${county.code})` };
    },
  },
  years: {
    name: 'centerYears',
    description: 'Whether the county had a center 孵化中心 open at each year end, `fromYear` to `toYear` (default 2014 to this year).',
    type: CenterYear,
    columns: '', // a county has a row for a year when a center was open at its end
    make: (year, row): CenterYear => ({ year, open: !!row }),
  },
});
