// The federation's shape: which subgraphs there are and where each answers by default. No entity or
// ORM imports, so the gateway, `npm start` and the command-line tools can load it cheaply.
export const SUBGRAPHS = ['province', 'centers', 'stations', 'organizations'] as const;
export type SubgraphName = (typeof SUBGRAPHS)[number];
export type ProcessName = SubgraphName | 'gateway';

/** Default ports; each process takes PORT (or FUHUA_<NAME>_PORT for `npm start`). */
export const DEFAULT_PORTS: Record<ProcessName, number> = {
  gateway: 4000,
  province: 4001,
  centers: 4002,
  stations: 4003,
  organizations: 4004,
};

/** The register's scales a database can be seeded with: Jilin, the tests' (Jilin and 宁夏), the nation. */
export const SCALES = ['jilin', 'test', 'national'] as const;
export type Scale = (typeof SCALES)[number];

/** Where `npm start` has each process serve /metrics (FUHUA_<NAME>_METRICS_PORT), apart from its public port. */
export const DEFAULT_METRICS_PORTS: Record<ProcessName, number> = {
  gateway: 9400,
  province: 9401,
  centers: 9402,
  stations: 9403,
  organizations: 9404,
};

/** Where a process answers GraphQL on a host. */
export const graphqlUrl = (port: number, host = 'localhost') => `http://${host}:${port}/graphql`;

/** The environment-variable stem of a subgraph: centers → CENTERS (FUHUA_CENTERS_URL, …). */
export const envStem = (name: ProcessName) => name.toUpperCase();
