// Identity: who is asking and what they may do. Loaded by the gateway, the command-line tools and the
// subgraphs alike, so it imports only jose and graphql (for error codes), never the ORM or type-graphql.
export * from './viewer';
export * from './regions';
export * from './access';
export * from './tokens';
