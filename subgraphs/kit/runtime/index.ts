// The subgraphs' runtime: server, schema, ORM, loaders, SQL helpers, dates, transactions, audit, series
// and the host base. Subgraphs only: the gateway and the command-line tools never load it (it brings
// MikroORM and type-graphql).
export * from './audit';
export * from './context';
export * from './dates';
export * from './host';
export * from './host-resolvers';
export * from './loaders';
export * from './orm';
export * from './schema';
export * from './series';
export * from './server';
export * from './sql';
export * from './subgraph';
export * from './transaction';
export * from './describe';
export * from './renamed';
export * from './statistics';
export * from './connection';
