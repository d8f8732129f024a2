// The gateway: @apollo/gateway in @apollo/server over the static supergraph in schema/supergraph.graphql.
// No IntrospectAndCompose: the composed file is checked in, reviewed and the same one Apollo Router loads.
import { ApolloGateway, RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { GraphQLError, print } from 'graphql';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import { readFileSync } from 'fs';
import type { Server } from 'http';
import { join } from 'path';
import { Counter } from 'prom-client';
import { DEFAULT_PORTS, graphqlRequests, INTERNAL_HEADER, PUBLIC, registry, ROOT, signInternalToken, verifyUserToken, type Viewer } from '../subgraphs/kit';

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

interface GatewayContext {
  viewer: Viewer;
  /** Signed once per request, reused by each of its subgraph fetches. */
  internalToken?: Promise<string>;
}

/** Each fetch carries the caller's identity as the gateway's signed word, and a time limit. */
class SubgraphSource extends RemoteGraphQLDataSource<GatewayContext> {
  override async willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>) {
    subgraphFetches.inc({ subgraph: this.name });
    context.internalToken ??= signInternalToken(context.viewer ?? PUBLIC, this.env);
    request.http?.headers.set(INTERNAL_HEADER, await context.internalToken);
  }
  constructor(readonly name: string, url: string, private readonly env: NodeJS.ProcessEnv) {
    const timeoutMs = Number(env.FUHUA_SUBGRAPH_TIMEOUT_MS ?? 15_000);
    super({
      url,
      // A subgraph that is down or too slow is named in the error, and the rest of the page still comes back.
      fetcher: (async (input: string, init: RequestInit) => {
        try {
          return await fetch(input, { ...init, signal: AbortSignal.timeout(timeoutMs) });
        } catch (error) {
          throw new Error(`The ${name} subgraph did not answer (${(error as Error).message}); its part of the answer is missing.`);
        }
      }) as never,
    });
  }
}

/** The caller: anonymous (the public) without a token; a bad token is refused before anything runs. */
async function viewerOf(authorization: string | undefined, env: NodeJS.ProcessEnv): Promise<Viewer> {
  if (!authorization) return PUBLIC;
  const [scheme, token] = authorization.split(' ');
  if (scheme?.toLowerCase() !== 'bearer' || !token) {
    throw new GraphQLError('Send the token as "Authorization: Bearer <token>".', { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
  }
  try {
    return await verifyUserToken(token, env);
  } catch (error) {
    throw new GraphQLError((error as Error).message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
  }
}

/** Limits for ad-hoc queries, checked before execution (graphql-armor). Tunable by environment. */
export function armor(env = process.env) {
  return new ApolloArmor({
    maxDepth: { n: Number(env.FUHUA_MAX_DEPTH ?? 12) },
    costLimit: { maxCost: Number(env.FUHUA_MAX_COST ?? 50_000) },
    maxAliases: { n: Number(env.FUHUA_MAX_ALIASES ?? 15) },
    maxTokens: { n: Number(env.FUHUA_MAX_TOKENS ?? 4_000) },
    maxDirectives: { n: 20 },
  }).protect();
}

/** In production, the schema is described to signed-in callers only. */
const introspectionForSignedIn = (env: NodeJS.ProcessEnv): ApolloServerPlugin<GatewayContext> => ({
  async requestDidStart({ contextValue }) {
    return {
      async didResolveOperation({ document }) {
        if (env.NODE_ENV !== 'production' || contextValue.viewer.role !== 'public') return;
        const text = print(document);
        if (/\b__schema\b|\b__type\b/.test(text)) {
          throw new GraphQLError('Sign in to introspect the schema.', { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
        }
      },
    };
  },
});

export async function startGateway(env = process.env) {
  const port = Number(env.PORT ?? DEFAULT_PORTS.gateway);
  const gateway = new ApolloGateway({
    supergraphSdl: readFileSync(env.FUHUA_SUPERGRAPH ?? join(ROOT, 'schema', 'supergraph.graphql'), 'utf8'),
    buildService: ({ name, url }) => new SubgraphSource(name, subgraphUrl(name, url, env), env),
  });
  const protection = armor(env);
  const server = new ApolloServer<GatewayContext>({
    gateway,
    introspection: true,
    ...protection,
    plugins: [
      ...protection.plugins,
      introspectionForSignedIn(env),
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
  app.use(
    '/graphql',
    express.json({ limit: '1mb' }),
    expressMiddleware(server, { context: async ({ req }) => ({ viewer: await viewerOf(req.header('authorization'), env) }) }),
  );
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
