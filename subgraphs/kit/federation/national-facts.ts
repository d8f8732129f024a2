// The per-province totals each tier contributes to the national comparison 全国比较 (T2020's 全国中上水平),
// declared once like the scorecard's facts (facts.ts): the contributing tier's type, the province's
// @external copy, the @requires selection and the `NationalFacts` type come from here. Each tier adds its
// totals up per province in one SQL statement over the whole country, grouped by province and by
// whether the county is a development zone (the province decides whether those count).
import { Ctx, Directive, Field, FieldResolver, ID, Int, ObjectType, Resolver, Root } from 'type-graphql';
import type { Context } from '../runtime/context';
import { INACCESSIBLE } from '../runtime/schema';
import { fieldNames } from './facts';
import { NationalComparisonReference } from './stubs';

@ObjectType()
export abstract class ProvinceTotal {
  @Field(() => ID, { description: 'The province 省 the counties belong to.' })
  provinceCode!: string;

  @Field({ description: 'Whether these are the totals of its development zones 开发区 (true) or of its other counties (false).' })
  developmentZones!: boolean;
}

@Directive(INACCESSIBLE)
@ObjectType({ description: 'Counties of a province with an incubation center 孵化中心 open on the date (one row per province and kind of county).' })
export class CenterProvinceTotal extends ProvinceTotal {
  @Field(() => Int, { description: 'Counties with a center open on the date 已建孵化中心的县.' })
  countiesWithCenter!: number;
}

@Directive(INACCESSIBLE)
@ObjectType({ description: 'Larger towns 较大的街道(镇) of a province on the date, and those with a station open (one row per province and kind of county).' })
export class StationProvinceTotal extends ProvinceTotal {
  @Field(() => Int, { description: 'Towns designated larger on the date 较大的街道(镇).' })
  largeTowns!: number;

  @Field(() => Int, { description: 'Of those, towns with an incubation station 孵化站 open on the date.' })
  largeTownsWithStation!: number;
}

@Directive(INACCESSIBLE)
@ObjectType({ description: "A province's admissions in the year and incubation outcomes up to the date (one row per province and kind of county)." })
export class IncubationProvinceTotal extends ProvinceTotal {
  @Field(() => Int, { description: 'Organizations admitted 入驻 in the year, up to the date.' })
  admitted!: number;

  @Field(() => Int, { description: 'Incubations graduated 出壳 by the date.' })
  graduated!: number;

  @Field(() => Int, { description: 'Incubations exited 退出 by the date.' })
  exited!: number;
}

/** Every per-province total list on NationalComparison: its type and who contributes it. */
export const NATIONAL_FACTS = {
  centerTotals: { type: CenterProvinceTotal, tier: 'centers', description: 'Counties with a center open on `asOf`, per province 各省孵化中心覆盖.' },
  stationTotals: { type: StationProvinceTotal, tier: 'stations', description: 'Larger towns and those with a station open on `asOf`, per province 各省孵化站覆盖.' },
  incubationTotals: { type: IncubationProvinceTotal, tier: 'organizations', description: 'Admissions in `year` and outcomes up to `asOf`, per province 各省孵化规模与出壳.' },
} as const;

export type NationalFactName = keyof typeof NATIONAL_FACTS;
export const NATIONAL_FACT_NAMES = Object.keys(NATIONAL_FACTS) as NationalFactName[];
export type NationalFact<K extends NationalFactName> = InstanceType<(typeof NATIONAL_FACTS)[K]['type']>;
/** The totals the ranking is computed from. */
export type NationalFacts = { [K in NationalFactName]: NationalFact<K>[] };

/** The @requires selection over every total: `centerTotals { provinceCode developmentZones countiesWithCenter } …`. */
export function nationalRequiresSelection(): string {
  return NATIONAL_FACT_NAMES.map((name) => `${name} { ${fieldNames(NATIONAL_FACTS[name].type).join(' ')} }`).join(' ');
}

/**
 * The resolver through which a tier contributes one total list: `load` runs once per (year, asOf) of the
 * request, whatever the scopes (the totals are the whole country's).
 */
export function nationalFactsResolver<K extends NationalFactName>(name: K, load: (ctx: Context, year: number, asOf: string) => Promise<NationalFact<K>[]>) {
  @Resolver(() => NationalComparisonReference)
  class NationalFactsResolver {
    @Directive(INACCESSIBLE) // plumbing for the province's @requires, never shown to clients
    @FieldResolver(() => [NATIONAL_FACTS[name].type], { description: NATIONAL_FACTS[name].description })
    [name as string](@Root() comparison: NationalComparisonReference, @Ctx() ctx: Context): Promise<NationalFact<K>[]> {
      return ctx.loaders
        .custom<NationalFact<K>[]>(`${name}:${comparison.year}:${comparison.asOf}`, async (scopes) => {
          const totals = await load(ctx, comparison.year, comparison.asOf);
          return scopes.map(() => totals);
        })
        .load(comparison.scope);
    }
  }
  return NationalFactsResolver;
}
