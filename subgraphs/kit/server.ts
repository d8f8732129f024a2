// Serves a subgraph: its own database (migrated, seeded when empty), one EntityManager fork and one set
// of loaders per request, Prometheus counters on /metrics, a clean stop on SIGTERM/SIGINT.
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { printSubgraphSchema } from '@apollo/subgraph';
import { ApolloServerPluginInlineTrace } from '@apollo/server/plugin/inlineTrace';
import { ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import type { MikroORM } from '@mikro-orm/postgresql';
import express from 'express';
import type { Server } from 'http';
import { AuditTrailReference, auditTrailResolver } from './audit';
import { INTERNAL_HEADER, verifyInternalToken } from './auth';
import type { Context } from './context';
import { Loaders } from './loaders';
import { graphqlRequests, registry } from './metrics';
import { openOrm } from './orm';
import { parseScale } from './register';
import { buildFederatedSchema } from './schema';
import { DEFAULT_PORTS, entitiesOf, migrationsOf, type SubgraphDefinition } from './subgraph';

/** The subgraph's schema: its own parts and the kit's (its share of the audit trail). */
export function schemaOf(definition: SubgraphDefinition) {
  return buildFederatedSchema({
    ...definition,
    resolvers: [...definition.resolvers, auditTrailResolver(definition.name)],
    orphanedTypes: [...(definition.orphanedTypes ?? []), AuditTrailReference],
  });
}

export interface RunningSubgraph {
  url: string;
  orm: MikroORM;
  stop(): Promise<void>;
}

/** The database URL of a subgraph: FUHUA_<NAME>_DATABASE_URL, else DATABASE_URL. */
export function databaseUrlOf(name: string, env = process.env): string {
  const url = env[`FUHUA_${name.toUpperCase()}_DATABASE_URL`] ?? env.DATABASE_URL;
  if (!url) throw new Error(`${name}: set DATABASE_URL (or FUHUA_${name.toUpperCase()}_DATABASE_URL) to its PostgreSQL database`);
  return url;
}

const countRequests: ApolloServerPlugin<Context> = {
  async requestDidStart() {
    return {
      async didResolveOperation({ operationName }) {
        graphqlRequests.inc({ operation: operationName ?? '' });
      },
    };
  },
};

export async function serve(definition: SubgraphDefinition, env = process.env): Promise<RunningSubgraph> {
  const port = Number(env.PORT ?? DEFAULT_PORTS[definition.name]);
  const orm = await openOrm({
    databaseUrl: databaseUrlOf(definition.name, env),
    entities: entitiesOf(definition),
    migrations: migrationsOf(definition),
    statementTimeoutMs: Number(env.FUHUA_STATEMENT_TIMEOUT_MS ?? 10_000),
  });
  if (env.FUHUA_SEED) {
    const em = orm.em.fork();
    if (!(await definition.isSeeded(em))) {
      // FUHUA_DEMO=0 seeds the register alone (the tests' hand-made fixtures start from there).
      const summary = await definition.seed(em, parseScale(env.FUHUA_SEED), env.FUHUA_DEMO !== '0');
      console.log(`[${definition.name}] seeded: ${summary}`);
    }
  }

  const server = new ApolloServer<Context>({
    schema: await schemaOf(definition),
    introspection: true,
    plugins: [
      countRequests,
      ApolloServerPluginLandingPageDisabled(),
      // Inline traces cost every fetch; only on when asked (FUHUA_INLINE_TRACE=1).
      env.FUHUA_INLINE_TRACE ? ApolloServerPluginInlineTrace() : ApolloServerPluginInlineTraceDisabled(),
    ],
  });
  await server.start();

  const app = express();
  // The pid lets an operator (or a test) find the process behind a port.
  app.get('/health', (_req, res) => void res.json({ subgraph: definition.name, ok: true, pid: process.pid }));
  app.get('/metrics', async (_req, res) => {
    res.type(registry.contentType).send(await registry.metrics());
  });
  app.use(
    '/graphql',
    express.json({ limit: '2mb' }),
    expressMiddleware(server, {
      context: async ({ req }) => {
        // Only the gateway (or a sibling subgraph) holds the secret that signs this header.
        const viewer = await verifyInternalToken(req.header(INTERNAL_HEADER), env);
        const em = orm.em.fork() as Context['em'];
        return { em, loaders: new Loaders(em), viewer };
      },
    }),
  );

  const http: Server = await new Promise((resolve) => {
    const listening = app.listen(port, () => resolve(listening));
  });
  http.keepAliveTimeout = 65_000; // longer than the gateway's idle sockets, so reused sockets are not cut
  const url = `http://localhost:${port}/graphql`;
  console.log(`[${definition.name}] ready at ${url}`);

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      await server.stop();
      const closed = new Promise<void>((resolve) => http.close(() => resolve()));
      http.closeAllConnections(); // idle keep-alive sockets would hold close() open
      await closed;
      await orm.close(true);
    })());
  return { url, orm, stop };
}

/** The entry point of a subgraph process: serve, and stop cleanly on SIGTERM or Ctrl-C. */
export function main(definition: SubgraphDefinition): void {
  // `--print-schema`: print the subgraph's SDL and exit (scripts/compose.ts runs this per subgraph).
  if (process.argv.includes('--print-schema')) {
    schemaOf(definition).then((schema) => process.stdout.write(printSubgraphSchema(schema) + '\n'));
    return;
  }
  serve(definition).then(
    (running) => {
      for (const signal of ['SIGTERM', 'SIGINT'] as const) {
        process.once(signal, () => void running.stop().then(() => process.exit(0)));
      }
    },
    (error) => {
      console.error(`[${definition.name}] failed to start:`, error);
      process.exit(1);
    },
  );
}
