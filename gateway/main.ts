// The gateway: @apollo/gateway in @apollo/server over the static supergraph in schema/supergraph.graphql.
// No IntrospectAndCompose: the composed file is checked in, reviewed and the same one Apollo Router loads.
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import { readFileSync } from 'fs';
import type { Server } from 'http';
import { join } from 'path';
import { Counter } from 'prom-client';
import { DEFAULT_PORTS, graphqlRequests, registry, ROOT } from '../subgraphs/kit';

const subgraphFetches = new Counter({
  name: 'fuhua_subgraph_fetches_total',
  help: 'Fetches the gateway sent to each subgraph',
  labelNames: ['subgraph'],
  registers: [registry],
});

/** Where a subgraph answers: FUHUA_<NAME>_URL, else the routing URL composed into the supergraph. */
export function subgraphUrl(name: string, composedUrl: string | undefined, env = process.env): string {
  return env[`FUHUA_${name.toUpperCase()}_URL`] ?? composedUrl ?? '';
}

class SubgraphSource extends RemoteGraphQLDataSource {
  override willSendRequest() {
    subgraphFetches.inc({ subgraph: this.name });
  }
  constructor(readonly name: string, url: string) {
    super({ url });
  }
}

export async function startGateway(env = process.env) {
  const port = Number(env.PORT ?? DEFAULT_PORTS.gateway);
  const gateway = new ApolloGateway({
    supergraphSdl: readFileSync(env.FUHUA_SUPERGRAPH ?? join(ROOT, 'schema', 'supergraph.graphql'), 'utf8'),
    buildService: ({ name, url }) => new SubgraphSource(name, subgraphUrl(name, url, env)),
  });
  const server = new ApolloServer({
    gateway,
    introspection: true,
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      {
        async requestDidStart() {
          return {
            async didResolveOperation({ operationName }) {
              graphqlRequests.inc({ operation: operationName ?? '' });
            },
          };
        },
      },
    ],
  });
  await server.start();

  const app = express();
  app.get('/health', (_req, res) => void res.json({ gateway: true, ok: true }));
  app.get('/metrics', async (_req, res) => {
    res.type(registry.contentType).send(await registry.metrics());
  });
  app.use('/graphql', express.json({ limit: '1mb' }), expressMiddleware(server));
  const http: Server = await new Promise((resolve) => {
    const listening = app.listen(port, () => resolve(listening));
  });
  const url = `http://localhost:${port}/graphql`;
  console.log(`[gateway] ready at ${url}`);
  return {
    url,
    async stop() {
      await server.stop();
      const closed = new Promise<void>((resolve) => http.close(() => resolve()));
      http.closeAllConnections();
      await closed;
    },
  };
}

if (require.main === module) {
  startGateway().then(
    (running) => {
      for (const signal of ['SIGTERM', 'SIGINT'] as const) {
        process.once(signal, () => void running.stop().then(() => process.exit(0)));
      }
    },
    (error) => {
      console.error('[gateway] failed to start:', error);
      process.exit(1);
    },
  );
}
