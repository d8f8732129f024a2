// What the subgraphs share about each other: stubs of the entities other tiers own, the scorecard facts
// each tier contributes (declared once), and the client that asks an owning subgraph for an entity.
export * from './stubs';
export * from './progress-facts';
export * from './facts';
export * from './entities-client';
export * from './national-facts';
