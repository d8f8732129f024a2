// The scorecard: rules (one object each), their pure evaluation, and the facts they read.
export * from './rules';
export * from './evaluate';
export * from './facts';
export * from './ranking';
