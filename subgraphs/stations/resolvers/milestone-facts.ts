// The stations tier's facts for milestone scorecards: stations open on `asOf`, and whether their town
// was designated larger 较大的街道(镇) on that day.
import { Ctx, Field, FieldResolver, ID, ObjectType, Resolver, Root } from 'type-graphql';
import { MilestoneProgressReference, progressFacts } from '../../kit/federation';
import { sqlArray, type Context, selectRows } from '../../kit/runtime';

@ObjectType({ description: 'A station open on the progress date (facts for the "large-town-stations" checks).' })
export class StationFact {
  @Field(() => ID)
  countyCode!: string;

  @Field(() => ID)
  stationId!: string;

  @Field(() => ID)
  townCode!: string;

  @Field({ description: 'Whether its town was designated larger on the progress date.' })
  inLargeTown!: boolean;
}

@Resolver(() => MilestoneProgressReference)
export class StationFactsResolver {
  @FieldResolver(() => [StationFact], { description: 'Stations open on `asOf` in the counties of the scope.' })
  stationFacts(@Root() progress: MilestoneProgressReference, @Ctx() ctx: Context): Promise<StationFact[]> {
    return progressFacts<StationFact>(ctx.loaders, 'stationFacts', (_year, asOf, prefixes) =>
      selectRows(ctx.em, 
        `select s.county_code as "countyCode", s.id as "stationId", s.town_code as "townCode",
           exists (select 1 from large_town_designation d
                   where d.town_code = s.town_code and d."from" <= ? and (d."until" is null or d."until" > ?)) as "inLargeTown"
         from incubation_station s
         where s.county_code like any(?::text[]) and s.established_on <= ? and (s.closed_on is null or s.closed_on > ?)`,
        [asOf, asOf, sqlArray(prefixes.map((p) => `${p}%`)), asOf, asOf],
      ),
    )(progress);
  }
}
