// What the subgraphs share about each other: stubs of the entities other tiers own, how a tier
// contributes scorecard facts, and the client that asks an owning subgraph for an entity.
export * from './stubs';
export * from './progress-facts';
export * from './entities-client';
