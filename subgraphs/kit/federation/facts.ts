// The facts each tier contributes to a milestone scorecard 目标进度, declared once. Each fact is an
// abstract class of the fields the province's rules read; from it come the contributing tier's type (a
// subclass, which may show more), the province's @external copy, the @requires selection and the
// `Facts` type the rules are written against. Adding a fact is one entry in FACTS and its SQL in its tier.
// The abstract classes are @ObjectType so subclasses inherit their fields; type-graphql prints only types
// a schema reaches, so they never appear by their own names.
import { Ctx, Directive, Field, FieldResolver, ID, Int, ObjectType, Resolver, Root, getMetadataStorage } from 'type-graphql';
import type { Context } from '../runtime/context';
import { INACCESSIBLE } from '../runtime/schema';
import { progressFacts } from './progress-facts';
import { HostKind, MilestoneProgressReference } from './stubs';

@ObjectType()
export abstract class CountyFact {
  @Field(() => ID)
  countyCode!: string;
}

@ObjectType()
export abstract class CenterFactFields extends CountyFact {
  @Field(() => ID)
  centerId!: string;
}

@ObjectType()
export abstract class StationFactFields extends CountyFact {
  @Field(() => ID)
  stationId!: string;

  @Field({ description: 'Whether its town was designated larger 较大的街道(镇) on the progress date.' })
  inLargeTown!: boolean;
}

@ObjectType()
export abstract class AdmissionFactFields extends CountyFact {
  @Field(() => ID)
  hostId!: string;

  @Field(() => HostKind)
  hostKind!: HostKind;

  @Field(() => Int)
  admitted!: number;
}

@ObjectType()
export abstract class OutcomeFactFields extends CountyFact {
  @Field(() => Int, { description: 'Incubations graduated 出壳 by the date.' })
  graduated!: number;

  @Field(() => Int, { description: 'Incubations exited 退出 by the date.' })
  exited!: number;

  @Field(() => [String], { description: 'Service categories of the organizations admitted by the date.' })
  categories!: string[];
}

// What the contributing tiers show beyond what the rules read.

@Directive(INACCESSIBLE)
@ObjectType({ description: 'A center open on the progress date (a fact the province evaluates the "center" check over).' })
export class CenterFact extends CenterFactFields {
  @Field(() => Date)
  establishedOn!: string;
}

@Directive(INACCESSIBLE)
@ObjectType({ description: 'A station open on the progress date (facts for the "large-town-stations" checks).' })
export class StationFact extends StationFactFields {
  @Field(() => ID)
  townCode!: string;
}

@Directive(INACCESSIBLE)
@ObjectType({ description: 'Organizations one host admitted in the milestone year, up to the progress date.' })
export class AdmissionFact extends AdmissionFactFields {}

@Directive(INACCESSIBLE)
@ObjectType({ description: "A county's incubation outcomes from the start up to the progress date." })
export class OutcomeFact extends OutcomeFactFields {}

/** Every fact list on MilestoneProgress: its fields, the contributing tier's type, and who contributes it. */
export const FACTS = {
  centerFacts: { fields: CenterFactFields, contributor: CenterFact, tier: 'centers', description: 'Centers open on `asOf` in the counties of the scope.' },
  stationFacts: { fields: StationFactFields, contributor: StationFact, tier: 'stations', description: 'Stations open on `asOf` in the counties of the scope.' },
  admissionFacts: { fields: AdmissionFactFields, contributor: AdmissionFact, tier: 'organizations', description: 'Admissions per host in the year `year`, up to `asOf`.' },
  outcomeFacts: { fields: OutcomeFactFields, contributor: OutcomeFact, tier: 'organizations', description: 'Outcomes and categories per county, up to `asOf`.' },
} as const;

export type FactName = keyof typeof FACTS;
export const FACT_NAMES = Object.keys(FACTS) as FactName[];
/** One fact as the rules read it. */
export type Fact<K extends FactName> = InstanceType<(typeof FACTS)[K]['fields']>;
/** One fact as its tier contributes it. */
export type ContributedFact<K extends FactName> = InstanceType<(typeof FACTS)[K]['contributor']>;
/** The facts of a scope (or of one county): what the scorecard's rules are evaluated over. */
export type Facts = { [K in FactName]: Fact<K>[] };

/** The fields type-graphql knows a class (and the classes it extends) by, base class first. */
export function fieldNames(type: Function): string[] {
  const chain: Function[] = [];
  for (let t = type; t && t !== Function.prototype; t = Object.getPrototypeOf(t)) chain.unshift(t);
  const fields = getMetadataStorage().fields;
  return chain.flatMap((t) => fields.filter((f) => f.target === t).map((f) => f.name));
}

/** The @requires selection over every fact: `centerFacts { countyCode centerId } stationFacts { … } …`. */
export function requiresSelection(): string {
  return FACT_NAMES.map((name) => `${name} { ${fieldNames(FACTS[name].fields).join(' ')} }`).join(' ');
}

/**
 * The resolver through which a tier contributes one fact list to MilestoneProgress: `load` answers every
 * scope of the request (as county-code prefixes) in one statement; the facts are split by scope here.
 */
export function factsResolver<K extends FactName>(
  name: K,
  load: (ctx: Context, year: number, asOf: string, prefixes: string[]) => Promise<ContributedFact<K>[]>,
) {
  // The method is named after the field: type-graphql matches a field resolver to its field by method
  // name, so two of these in one subgraph (organizations) must not share one.
  @Resolver(() => MilestoneProgressReference)
  class FactsResolver {
    @Directive(INACCESSIBLE) // plumbing for the province's @requires, never shown to clients
    @FieldResolver(() => [FACTS[name].contributor], { description: FACTS[name].description })
    [name as string](@Root() progress: MilestoneProgressReference, @Ctx() ctx: Context): Promise<ContributedFact<K>[]> {
      return progressFacts<ContributedFact<K>>(ctx.loaders, name, (year, asOf, prefixes) => load(ctx, year, asOf, prefixes))(progress);
    }
  }
  return FactsResolver;
}
