// The gateway: @apollo/gateway in @apollo/server over the static supergraph in schema/supergraph.graphql.
// No IntrospectAndCompose: the composed file is checked in, reviewed and the same one Apollo Router loads.
// It loads the kit's identity, configuration and HTTP shell only: no ORM, no type-graphql.
import { ApolloGateway, RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import express from 'express';
import { readFileSync } from 'fs';
import { GraphQLError, print } from 'graphql';
import { join } from 'path';
import { Counter } from 'prom-client';
import { gatewayConfig, type GatewayConfig } from '../subgraphs/kit/config';
import { countOperations, listen, runProcess } from '../subgraphs/kit/http';
import { INTERNAL_HEADER, PUBLIC, signInternalToken, verifyUserToken, type Viewer } from '../subgraphs/kit/identity';
import { registry } from '../subgraphs/kit/metrics';
import { ROOT } from '../subgraphs/kit/paths';
import type { SubgraphName } from '../subgraphs/kit/topology';
import { mountPages } from './pages';

const subgraphFetches = new Counter({
  name: 'fuhua_subgraph_fetches_total',
  help: 'Fetches the gateway sent to each subgraph',
  labelNames: ['subgraph'],
  registers: [registry],
});

interface GatewayContext {
  viewer: Viewer;
  /** Signed once per request, reused by each of its subgraph fetches. */
  internalToken?: Promise<string>;
}

/** Each fetch carries the caller's identity as the gateway's signed word, and a time limit. */
class SubgraphSource extends RemoteGraphQLDataSource<GatewayContext> {
  override async willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>) {
    subgraphFetches.inc({ subgraph: this.name });
    context.internalToken ??= signInternalToken(context.viewer ?? PUBLIC, this.config.gatewaySecret);
    request.http?.headers.set(INTERNAL_HEADER, await context.internalToken);
  }
  constructor(
    readonly name: string,
    url: string,
    private readonly config: GatewayConfig,
  ) {
    super({
      url,
      // A subgraph that is down or too slow is named in the error, and the rest of the page still comes back.
      fetcher: (async (input: string, init: RequestInit) => {
        try {
          return await fetch(input, { ...init, signal: AbortSignal.timeout(config.subgraphTimeoutMs) });
        } catch (error) {
          throw new Error(`The ${name} subgraph did not answer (${(error as Error).message}); its part of the answer is missing.`);
        }
      }) as never,
    });
  }
}

const unauthenticated = (message: string) => new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });

/** The caller: anonymous (the public) without a token; a bad token is refused before anything runs. */
async function viewerOf(authorization: string | undefined, config: GatewayConfig): Promise<Viewer> {
  if (!authorization) return PUBLIC;
  const [scheme, token] = authorization.split(' ');
  if (scheme?.toLowerCase() !== 'bearer' || !token) throw unauthenticated('Send the token as "Authorization: Bearer <token>".');
  try {
    return await verifyUserToken(token, config.userTokens);
  } catch (error) {
    throw unauthenticated((error as Error).message);
  }
}

/** Limits for ad-hoc queries, checked before execution (graphql-armor). */
export function armor({ limits }: GatewayConfig) {
  return new ApolloArmor({
    maxDepth: { n: limits.maxDepth },
    costLimit: { maxCost: limits.maxCost },
    maxAliases: { n: limits.maxAliases },
    maxTokens: { n: limits.maxTokens },
    maxDirectives: { n: 20 },
  }).protect();
}

/** In production, the schema is described to signed-in callers only. */
const introspectionForSignedIn = (config: GatewayConfig): ApolloServerPlugin<GatewayContext> => ({
  async requestDidStart({ contextValue }) {
    return {
      async didResolveOperation({ document }) {
        if (!config.production || contextValue.viewer.role !== 'public') return;
        if (/\b__schema\b|\b__type\b/.test(print(document))) throw unauthenticated('Sign in to introspect the schema.');
      },
    };
  },
});

export async function startGateway(config: GatewayConfig = gatewayConfig()) {
  const gateway = new ApolloGateway({
    supergraphSdl: readFileSync(config.supergraphFile ?? join(ROOT, 'schema', 'supergraph.graphql'), 'utf8'),
    // Where each subgraph answers: FUHUA_<NAME>_URL, else the routing URL composed into the supergraph.
    buildService: ({ name, url }) => new SubgraphSource(name, config.subgraphUrls[name as SubgraphName] ?? url ?? '', config),
  });
  const protection = armor(config);
  const server = new ApolloServer<GatewayContext>({
    gateway,
    introspection: true,
    ...protection,
    plugins: [...protection.plugins, introspectionForSignedIn(config), ApolloServerPluginLandingPageDisabled(), countOperations],
  });
  await server.start();

  const shell = await listen({
    name: 'gateway',
    port: config.port,
    mount: (app) => {
      // The dashboard, GraphiQL, compression and CORS (gateway/pages.ts), ahead of /graphql.
      mountPages(app, config);
      app.use(
        '/graphql',
        express.json({ limit: '1mb' }),
        expressMiddleware(server, { context: async ({ req }) => ({ viewer: await viewerOf(req.header('authorization'), config) }) }),
      );
    },
    onStop: () => server.stop(),
  });
  console.log(`[gateway] ready at ${shell.url}`);
  return shell;
}

if (require.main === module) runProcess('gateway', () => startGateway());
