// Serves a subgraph: its own database (migrated, seeded when empty), one EntityManager fork and one set
// of loaders per request, inside the kit's HTTP shell (health, readiness, metrics, drained stop).
import { ApolloServer } from '@apollo/server';
import { printSubgraphSchema } from '@apollo/subgraph';
import { ApolloServerPluginInlineTrace } from '@apollo/server/plugin/inlineTrace';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import type { MikroORM } from '@mikro-orm/postgresql';
import express from 'express';
import { subgraphConfig, type SubgraphConfig } from '../config';
import { writeRequestOf } from '../exactly-once';
import { countOperations, listen, runProcess } from '../http';
import { configureLogging, log } from '../logging';
import { observeOperations } from '../operations';
import { GENERATION_PATH, INTERNAL_HEADER, verifyInternalToken } from '../identity/tokens';
import { ClusterLease } from './generation';
import { DEFAULT_TEXT_LIMITS, type TextLimits } from '../input';
import { maskErrors } from '../masking';
import { AuditTrailReference, auditTrailResolver } from './audit';
import type { Context } from './context';
import { Loaders } from './loaders';
import { openOrm } from './orm';
import { buildFederatedSchema } from './schema';
import { entitiesOf, migrationsOf, type SubgraphDefinition } from './subgraph';

/** The subgraph's schema: its own parts and the kit's (its share of the audit trail). */
export function schemaOf(definition: SubgraphDefinition, limits: TextLimits = DEFAULT_TEXT_LIMITS) {
  return buildFederatedSchema(
    {
      ...definition,
      resolvers: [...definition.resolvers, auditTrailResolver(definition.name)],
      orphanedTypes: [...(definition.orphanedTypes ?? []), AuditTrailReference],
    },
    limits,
  );
}

export interface RunningSubgraph {
  url: string;
  orm: MikroORM;
  stop(): Promise<void>;
}

/** Opens the subgraph's database: migrated and seeded when empty, or (migrate off) checked to be migrated. */
async function openDatabase(definition: SubgraphDefinition, config: SubgraphConfig, migrate: boolean, lease?: ClusterLease): Promise<MikroORM> {
  definition.configure?.();
  const orm = await openOrm({
    databaseUrl: config.databaseUrl,
    entities: entitiesOf(definition),
    migrations: migrationsOf(definition),
    statementTimeoutMs: config.statementTimeoutMs,
    poolMax: config.poolMax,
    sqlLog: config.sqlLog,
    migrate,
    onConnect: lease && ((connection) => lease.admit(connection)),
  });
  if (migrate && config.seed) {
    const em = orm.em.fork();
    if (!(await definition.isSeeded(em))) {
      // FUHUA_DEMO=0 seeds the register alone (the tests' hand-made fixtures start from there).
      const summary = await definition.seed(em, config.seed, config.demo);
      log().info({ seeded: config.seed, demo: config.demo }, `seeded: ${summary}`);
    }
  }
  return orm;
}

/** The one-shot migration job (`main.js --migrate`): migrate, seed an empty database when FUHUA_SEED says, exit. */
export async function migrateOnce(definition: SubgraphDefinition, config: SubgraphConfig = subgraphConfig(definition.name)): Promise<void> {
  configureLogging(definition.name, config.logLevel);
  const orm = await openDatabase(definition, config, true);
  await orm.close(true);
  log().info('migrated');
}

/**
 * Under `npm start` (FUHUA_AWAIT_DATABASE) the process is spawned while PostgreSQL starts: it asks the
 * supervisor over IPC and connects once the answer says its database exists.
 */
function databaseReady(config: SubgraphConfig): Promise<void> {
  const send = process.send?.bind(process);
  if (!config.awaitDatabase || !send) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const answered = (message: { databaseReady?: boolean }) => {
      if (!message?.databaseReady) return;
      process.off('message', answered).off('disconnect', gone);
      process.disconnect(); // from here on, as if started alone
      resolve();
    };
    const gone = () => reject(new Error('the supervisor went away before the database was ready'));
    process.on('message', answered).once('disconnect', gone);
    send({ awaitingDatabase: true });
  });
}

export async function serve(definition: SubgraphDefinition, config: SubgraphConfig = subgraphConfig(definition.name)): Promise<RunningSubgraph> {
  configureLogging(definition.name, config.logLevel);
  // The lease's 500 ms after the process started (its first connection waits them out) run while the schema builds.
  const lease = new ClusterLease();
  // The schema needs no database: built first, while PostgreSQL may still be starting.
  const schema = await schemaOf(definition, { maxText: config.maxText });
  await databaseReady(config);
  const orm = await openDatabase(definition, config, config.migrate, lease);
  await definition.warm?.(orm);

  const server = new ApolloServer<Context>({
    schema,
    introspection: true,
    // No stacks, SQL or addresses in answers (the gateway passes them on to callers) unless FUHUA_DEBUG_ERRORS=1.
    formatError: maskErrors({ service: definition.name, debug: config.debugErrors }),
    includeStacktraceInErrorResponses: config.debugErrors,
    plugins: [
      countOperations,
      observeOperations(),
      ApolloServerPluginLandingPageDisabled(),
      // Inline traces cost every fetch; only on when asked (FUHUA_INLINE_TRACE=1).
      config.inlineTrace ? ApolloServerPluginInlineTrace() : ApolloServerPluginInlineTraceDisabled(),
      // No schema gives cache hints (@cacheControl) and the gateway keeps its own response cache: the
      // cache-control plugin would only wrap every resolver for nothing.
      ApolloServerPluginCacheControlDisabled(),
    ],
  });
  await server.start();

  const shell = await listen({
    name: definition.name,
    port: config.port,
    host: config.host,
    operatorToken: config.operatorToken,
    metrics: config.metrics,
    mount: (app) => {
      app.use(
        '/graphql',
        express.json({ limit: '2mb' }),
        expressMiddleware(server, {
          context: async ({ req, res }) => {
            // Only the gateway (or a sibling subgraph) holds the secret that signs this header.
            const viewer = await verifyInternalToken(req.header(INTERNAL_HEADER), config.gatewaySecret);
            const em = orm.em.fork() as Context['em'];
            return { em, loaders: new Loaders(em), viewer, request: writeRequestOf(req, res) };
          },
        }),
      );
    },
    // The gateway's response cache asks whether anything was written since it stored an answer, on
    // every cached read: answered before express, on a pooled connection without the query builder.
    early: (req, res) => req.url === GENERATION_PATH && req.method === 'GET' && (void lease.serve(orm.em.getConnection().getKnex().client, config.gatewaySecret, req, res), true),
    ready: () => orm.isConnected(),
    onStop: async () => {
      await server.stop();
      await orm.close(true);
    },
  });
  return { url: shell.url, orm, stop: shell.stop };
}

/** The entry point of a subgraph process: serve, and stop cleanly on SIGTERM or Ctrl-C. */
export function main(definition: SubgraphDefinition): void {
  // `--print-schema`: print the subgraph's SDL and exit (scripts/compose.ts runs this per subgraph).
  if (process.argv.includes('--print-schema')) {
    schemaOf(definition).then((schema) => process.stdout.write(printSubgraphSchema(schema) + '\n'));
    return;
  }
  // `--migrate`: the production migration job, run once before the replicas start (they set FUHUA_MIGRATE=0).
  if (process.argv.includes('--migrate')) {
    migrateOnce(definition).then(
      () => process.exit(0),
      (error: Error) => {
        console.error(`[${definition.name}] migration failed: ${error.constructor?.name === 'ConfigError' ? error.message : (error.stack ?? error)}`);
        process.exit(1);
      },
    );
    return;
  }
  runProcess(definition.name, () => serve(definition));
}
