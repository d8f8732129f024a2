import { startTestFederation, type TestFederation } from './start';

/** Points the test helpers (client, tokens) at one federation: its URLs and secrets. */
export function useFederation(federation: TestFederation) {
  process.env.FUHUA_TEST_GATEWAY = federation.gatewayUrl;
  process.env.FUHUA_TEST_SUBGRAPHS = JSON.stringify(federation.subgraphUrls);
  process.env.FUHUA_TEST_DATABASES = JSON.stringify(federation.databaseUrls);
  process.env.FUHUA_TEST_METRICS = JSON.stringify(federation.metricsUrls);
  process.env.FUHUA_TEST_JWT_SECRET = federation.jwtSecret;
  process.env.FUHUA_TEST_GATEWAY_SECRET = federation.gatewaySecret;
}

/** One federation seeded with the test scale (Jilin and Ningxia) for every test file; its URLs travel to the workers in the environment. */
export default async function globalSetup() {
  // Every gateway the tests start counts fetches per request and meets stand-in subgraphs without
  // /generation; the response cache's own test (tests/response-cache.test.ts) turns it on.
  process.env.FUHUA_RESPONSE_CACHE ??= '0';
  // Ten minutes, as npm start waits: on a machine shared with other builds the demo seed can take five.
  const federation = await startTestFederation({ seed: 'test', timeoutMs: 600_000 });
  (globalThis as { __fuhua?: unknown }).__fuhua = federation;
  useFederation(federation);
}
