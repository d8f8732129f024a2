// The facts each tier contributes to a milestone scorecard 目标进度, declared once. Each fact is an
// abstract class of the fields the province's rules read; from it come the contributing tier's type (a
// subclass, which may show more), the province's @external copy, the @requires selection and the
// `Facts` type the rules are written against. Adding a fact is one entry in FACTS and its SQL in its tier.
// The abstract classes are @ObjectType so subclasses inherit their fields; type-graphql prints only types
// a schema reaches, so they never appear by their own names.
// Decorated classes: the module loads the metadata polyfill itself, so the pure scorecard code (and its
// unit tests) can import FACTS without a subgraph's start-up.
import 'reflect-metadata';
import { Ctx, Directive, Field, FieldResolver, ID, Int, ObjectType, Resolver, Root, getMetadataStorage } from 'type-graphql';
import type { Context } from '../runtime/context';
import { INACCESSIBLE } from '../runtime/schema';
import { progressFacts } from './progress-facts';
import { MilestoneProgressReference } from './stubs';

@ObjectType()
export abstract class CountyFact {
  @Field(() => ID, { description: 'The county 县级行政区 the row is about (six-digit code).' })
  countyCode!: string;
}

// One row per county and fact (a county a tier has nothing to say about is left out): added up in the
// contributing tier's SQL, so the province's second fetch carries a few numbers per county, not a row per
// host. Only what the rules read; station ids are the one thing two tiers must match up (no tier knows
// both which stations count and what they admitted), as parallel lists.

@ObjectType()
export abstract class CenterFactFields extends CountyFact {
  @Field(() => Int, { description: 'Incubation centers 孵化中心 open in the county on the progress date.' })
  open!: number;
}

@ObjectType()
export abstract class StationFactFields extends CountyFact {
  @Field(() => [ID], { description: 'The stations 孵化站 open on the progress date in towns designated larger 较大的街道(镇) on that date: those counted for T2017.' })
  largeTownStationIds!: string[];
}

@ObjectType()
export abstract class AdmissionFactFields extends CountyFact {
  @Field(() => Int, { description: 'Organizations admitted 入驻 in the milestone year up to the date, by every host in the county.' })
  admitted!: number;

  @Field(() => Int, { description: 'Of those, admitted by a center 孵化中心.' })
  admittedByCenter!: number;

  @Field(() => [ID], { description: 'The stations 孵化站 that admitted any (parallel to `stationAdmitted`).' })
  stationIds!: string[];

  @Field(() => [Int], { description: 'How many each of `stationIds` admitted 入驻数.' })
  stationAdmitted!: number[];
}

@ObjectType()
export abstract class OutcomeFactFields extends CountyFact {
  @Field(() => Int, { description: 'Incubations graduated 出壳 by the date.' })
  graduated!: number;

  @Field(() => Int, { description: 'Incubations exited 退出 by the date.' })
  exited!: number;

  @Field(() => [String], { description: 'Service categories 服务门类 of the organizations admitted in the county by the date, each once.' })
  categories!: string[];
}

// The contributing tiers' types: what they show beyond what the rules read (nothing, now), @inaccessible.

@Directive(INACCESSIBLE)
@ObjectType({ description: 'Centers open on the progress date in one county (the facts of the "center" check).' })
export class CenterFact extends CenterFactFields {}

@Directive(INACCESSIBLE)
@ObjectType({ description: 'Stations counted in one county on the progress date (the facts of the "large-town-stations" checks).' })
export class StationFact extends StationFactFields {}

@Directive(INACCESSIBLE)
@ObjectType({ description: 'Organizations admitted in one county in the milestone year, up to the progress date: in all, by its center, by each station.' })
export class AdmissionFact extends AdmissionFactFields {}

@Directive(INACCESSIBLE)
@ObjectType({ description: "A county's incubation outcomes from the start up to the progress date." })
export class OutcomeFact extends OutcomeFactFields {}

/** Every fact list on MilestoneProgress: its fields, the contributing tier's type, and who contributes it. */
export const FACTS = {
  centerFacts: {
    fields: CenterFactFields, contributor: CenterFact, tier: 'centers',
    description: 'Centers open on `asOf`, per county of the scope.',
    none: { open: 0 },
  },
  stationFacts: {
    fields: StationFactFields, contributor: StationFact, tier: 'stations',
    description: 'Stations open on `asOf` in larger towns, per county of the scope.',
    none: { largeTownStationIds: [] },
  },
  admissionFacts: {
    fields: AdmissionFactFields, contributor: AdmissionFact, tier: 'organizations',
    description: 'Admissions in the year `year` up to `asOf`, per county of the scope.',
    none: { admitted: 0, admittedByCenter: 0, stationIds: [], stationAdmitted: [] },
  },
  outcomeFacts: {
    fields: OutcomeFactFields, contributor: OutcomeFact, tier: 'organizations',
    description: 'Outcomes up to `asOf`, and the categories of `checkedCategories` covered, per county of the scope.',
    none: { graduated: 0, exited: 0, categories: [] },
    // Only the categories some check names: none for T2015/T2017, so no join with the organizations.
    asks: 'checkedCategories',
  },
} as const;

/**
 * What the province tells a contributing tier about the milestone's checks, so the tier sends only what
 * they read: a field of the province's MilestoneProgress, @external where a fact's `asks` names it and
 * passed with the progress's key through @requires (in the province's first fetch: no fetch added).
 */
export const ASKED = {
  checkedCategories: {
    type: () => [String],
    description: "The service categories 服务门类 the milestone's checks name (the only ones whose coverage a county's facts report).",
  },
} as const;
export type AskedName = keyof typeof ASKED;
/** The progress as a contributing tier receives it: its key, and what its facts ask for. */
export type AskedProgress = MilestoneProgressReference & { [K in AskedName]?: string[] };

export type FactName = keyof typeof FACTS;
export const FACT_NAMES = Object.keys(FACTS) as FactName[];
/** One fact as the rules read it. */
export type Fact<K extends FactName> = InstanceType<(typeof FACTS)[K]['fields']>;
/** One fact as its tier contributes it. */
export type ContributedFact<K extends FactName> = InstanceType<(typeof FACTS)[K]['contributor']>;
/** The facts of a scope: at most one row per county in each list. */
export type Facts = { [K in FactName]: Fact<K>[] };
/** One county's facts, what a rule is measured over: a row of each (all zero when its tier sent none). */
export type CountyFacts = { [K in FactName]: Omit<Fact<K>, 'countyCode'> };
/** One county's facts when no tier sent any row for it. */
export const noFacts = (): CountyFacts =>
  Object.fromEntries(FACT_NAMES.map((name) => [name, structuredClone(FACTS[name].none)])) as unknown as CountyFacts;

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
  load: (ctx: Context, year: number, asOf: string, prefixes: string[], progress: AskedProgress) => Promise<ContributedFact<K>[]>,
) {
  const asks = (FACTS[name] as { asks?: AskedName }).asks;
  // The province's field, @external in this subgraph only (each subgraph prints its schema in its own process).
  if (asks) {
    Directive('@external')(MilestoneProgressReference.prototype, asks);
    Field(ASKED[asks].type, { description: ASKED[asks].description })(MilestoneProgressReference.prototype, asks);
  }
  // The method is named after the field: type-graphql matches a field resolver to its field by method
  // name, so two of these in one subgraph (organizations) must not share one.
  @Resolver(() => MilestoneProgressReference)
  class FactsResolver {
    @Directive(INACCESSIBLE) // plumbing for the province's @requires, never shown to clients
    @FieldResolver(() => [FACTS[name].contributor], { description: FACTS[name].description })
    [name as string](@Root() progress: AskedProgress, @Ctx() ctx: Context): Promise<ContributedFact<K>[]> {
      return progressFacts<ContributedFact<K>, AskedProgress>(ctx.loaders, name, (prefixes, first) => load(ctx, first.year, first.asOf, prefixes, first))(progress, asks);
    }
  }
  if (asks) Directive(`@requires(fields: "${asks}")`)(FactsResolver.prototype, name);
  return FactsResolver;
}
