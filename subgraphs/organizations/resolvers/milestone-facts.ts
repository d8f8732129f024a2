// The organizations tier's facts for milestone scorecards: admissions per host in the milestone year
// up to `asOf`, and each county's outcomes and categories up to `asOf`. Aggregated in SQL.
import { Ctx, Field, FieldResolver, ID, Int, ObjectType, Resolver, Root } from 'type-graphql';
import { HostKind, MilestoneProgressReference, progressFacts } from '../../kit/federation';
import { sqlArray, type Context, selectRows } from '../../kit/runtime';

@ObjectType({ description: 'Organizations one host admitted in the milestone year, up to the progress date.' })
export class AdmissionFact {
  @Field(() => ID)
  countyCode!: string;

  @Field(() => ID)
  hostId!: string;

  @Field(() => HostKind)
  hostKind!: HostKind;

  @Field(() => Int)
  admitted!: number;
}

@ObjectType({ description: "A county's incubation outcomes from the start up to the progress date." })
export class OutcomeFact {
  @Field(() => ID)
  countyCode!: string;

  @Field(() => Int, { description: 'Incubations graduated 出壳 by the date.' })
  graduated!: number;

  @Field(() => Int, { description: 'Incubations exited 退出 by the date.' })
  exited!: number;

  @Field(() => [String], { description: 'Service categories of the organizations admitted by the date.' })
  categories!: string[];
}

const likeAny = (prefixes: string[]) => sqlArray(prefixes.map((p) => `${p}%`));

@Resolver(() => MilestoneProgressReference)
export class OrganizationFactsResolver {
  @FieldResolver(() => [AdmissionFact], { description: 'Admissions per host in the year `year`, up to `asOf`.' })
  admissionFacts(@Root() progress: MilestoneProgressReference, @Ctx() ctx: Context): Promise<AdmissionFact[]> {
    return progressFacts<AdmissionFact>(ctx.loaders, 'admissionFacts', (year, asOf, prefixes) =>
      selectRows(ctx.em, 
        `select county_code as "countyCode", host_id as "hostId", host_kind as "hostKind", count(*)::int as admitted
         from incubation
         where county_code like any(?::text[]) and admitted_on between ? and least(?::date, ?::date)
         group by county_code, host_id, host_kind`,
        [likeAny(prefixes), `${year}-01-01`, `${year}-12-31`, asOf],
      ),
    )(progress);
  }

  @FieldResolver(() => [OutcomeFact], { description: 'Outcomes and categories per county, up to `asOf`.' })
  outcomeFacts(@Root() progress: MilestoneProgressReference, @Ctx() ctx: Context): Promise<OutcomeFact[]> {
    return progressFacts<OutcomeFact>(ctx.loaders, 'outcomeFacts', (_year, asOf, prefixes) =>
      selectRows(ctx.em, 
        `select i.county_code as "countyCode",
           count(*) filter (where i.graduated_on <= ?)::int as graduated,
           count(*) filter (where i.exited_on <= ?)::int as exited,
           coalesce(array_agg(distinct o.category::text), '{}') as categories
         from incubation i join organization o on o.id = i.organization_id
         where i.county_code like any(?::text[]) and i.admitted_on <= ?
         group by i.county_code`,
        [asOf, asOf, likeAny(prefixes), asOf],
      ),
    )(progress);
  }
}
