// The province's side of the facts (kit/federation/facts.ts): each fact list declared @external on
// MilestoneProgress with exactly the fields the rules read, and the @requires selection over them; like
// the tiers' own declarations they are @inaccessible: the gateway plans with them, clients never see them.
import { Directive, Field, ObjectType, getMetadataStorage } from 'type-graphql';
import { FACTS, FACT_NAMES, requiresSelection, type FactName } from '../../kit/federation';
import { INACCESSIBLE } from '../../kit/runtime';

function external(name: FactName): Function {
  const { fields, contributor, tier } = FACTS[name];
  const described = getMetadataStorage().objectTypes.find((t) => t.target === contributor)?.description;
  @Directive('@external')
  @Directive(INACCESSIBLE)
  @ObjectType(contributor.name, { description: `${described ?? name} Contributed by the ${tier} subgraph.` })
  class ExternalFact extends (fields as abstract new () => object) {}
  return ExternalFact;
}

export const EXTERNAL_FACTS = Object.fromEntries(FACT_NAMES.map((name) => [name, external(name)])) as Record<FactName, Function>;

/** Every field of the scorecard that the rules compute requires every fact list. */
export const REQUIRES = `@requires(fields: "${requiresSelection()}")`;

/** Declares the fact lists on `type` (MilestoneProgress) as @external fields. */
export function declareExternalFacts(type: Function): void {
  for (const name of FACT_NAMES) {
    Directive('@external')(type.prototype, name);
    Field(() => [EXTERNAL_FACTS[name]])(type.prototype, name);
  }
}
