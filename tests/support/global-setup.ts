import { startTestFederation } from './start';

/** One seeded Jilin federation for every test file; its URLs travel to the workers in the environment. */
export default async function globalSetup() {
  const federation = await startTestFederation({ seed: 'jilin' });
  (globalThis as { __fuhua?: unknown }).__fuhua = federation;
  process.env.FUHUA_TEST_GATEWAY = federation.gatewayUrl;
  process.env.FUHUA_TEST_SUBGRAPHS = JSON.stringify(federation.subgraphUrls);
  process.env.FUHUA_TEST_DATABASES = JSON.stringify(federation.databaseUrls);
}
