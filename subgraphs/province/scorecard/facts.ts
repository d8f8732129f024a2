// The province's side of the facts (kit/federation/facts.ts, national-facts.ts): each fact list declared
// @external on its entity with exactly the fields the province reads, and the @requires selection over them;
// like the tiers' own declarations they are @inaccessible: the gateway plans with them, clients never see them.
import { Directive, Field, ObjectType, getMetadataStorage } from 'type-graphql';
import { FACTS, FACT_NAMES, requiresSelection, type FactName } from '../../kit/federation';
import { INACCESSIBLE } from '../../kit/runtime';

/** The province's @external copy of a contributed type: named like it, with the fields of `fields`. */
export function externalType(contributor: Function, fields: Function, tier: string): Function {
  const described = getMetadataStorage().objectTypes.find((t) => t.target === contributor)?.description;
  @Directive('@external')
  @Directive(INACCESSIBLE)
  @ObjectType(contributor.name, { description: `${described ?? contributor.name} Contributed by the ${tier} subgraph.` })
  class ExternalFact extends (fields as abstract new () => object) {}
  return ExternalFact;
}

/** Declares each list on `type` as an @external field of its @external copy. */
export function declareExternalLists(type: Function, lists: Record<string, Function>, descriptions: Record<string, string> = {}): void {
  for (const [name, external] of Object.entries(lists)) {
    Directive('@external')(type.prototype, name);
    Field(() => [external], { description: descriptions[name] })(type.prototype, name);
  }
}

export const EXTERNAL_FACTS = Object.fromEntries(
  FACT_NAMES.map((name) => [name, externalType(FACTS[name].contributor, FACTS[name].fields, FACTS[name].tier)]),
) as Record<FactName, Function>;

/** Every field of the scorecard that the rules compute requires every fact list. */
export const REQUIRES = `@requires(fields: "${requiresSelection()}")`;

/** Declares the fact lists on `type` (MilestoneProgress) as @external fields. */
export function declareExternalFacts(type: Function): void {
  declareExternalLists(type, EXTERNAL_FACTS);
}
