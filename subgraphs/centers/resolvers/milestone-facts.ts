// The centers tier's facts for milestone scorecards: which center each county had open on `asOf`.
import { Ctx, Field, FieldResolver, ID, ObjectType, Resolver, Root } from 'type-graphql';
import { MilestoneProgressReference, progressFacts } from '../../kit/federation';
import { openOn, type Context } from '../../kit/runtime';
import { IncubationCenter } from '../entities/incubation-center';

@ObjectType({ description: 'A center open on the progress date (a fact the province evaluates the "center" check over).' })
export class CenterFact {
  @Field(() => ID)
  countyCode!: string;

  @Field(() => ID)
  centerId!: string;

  @Field(() => Date)
  establishedOn!: string;
}

@Resolver(() => MilestoneProgressReference)
export class CenterFactsResolver {
  @FieldResolver(() => [CenterFact], { description: 'Centers open on `asOf` in the counties of the scope.' })
  centerFacts(@Root() progress: MilestoneProgressReference, @Ctx() ctx: Context): Promise<CenterFact[]> {
    return progressFacts(ctx.loaders, 'centerFacts', async (_year, asOf, prefixes) => {
      const centers = await ctx.em.find(IncubationCenter, {
        $or: prefixes.map((prefix) => ({ countyCode: { $like: `${prefix}%` } })),
        ...openOn(asOf),
      });
      return centers.map((c) => ({ countyCode: c.countyCode, centerId: c.id, establishedOn: c.establishedOn }));
    })(progress);
  }
}
