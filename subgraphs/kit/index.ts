// The kit: what every subgraph shares, once.
export * from './context';
export * from './errors';
export * from './loaders';
export * from './metrics';
export * from './orm';
export * from './paths';
export * from './register';
export * from './scalars';
export * from './schema';
export * from './server';
export * from './subgraph';
export * from './references';
export * from './demo';
export * from './transaction';
export * from './audit';
export * from './auth';
export * from './host';
