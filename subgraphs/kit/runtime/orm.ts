// One MikroORM instance per subgraph, on that subgraph's own database. Migrations are committed code,
// listed explicitly (no file globbing, so the same list runs from the sources and from dist/).
import { DefaultLogger, type LogContext, type LoggerNamespace, type LoggerOptions, type MigrationObject } from '@mikro-orm/core';
import { MikroORM, type Options } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import { log, redactSql } from '../logging';
import { sqlDuration, sqlStatements, statementKind } from '../metrics';
import { tally } from '../operations';

/**
 * MikroORM's logging through the process's logger (JSON, no colour codes, the request id on each line):
 * every statement is counted and timed for /metrics and the request's log line, and printed (its string
 * literals blanked) only when asked (`sqlLog`). The ORM's warnings and errors are always logged.
 */
class OrmLogger extends DefaultLogger {
  override log(namespace: LoggerNamespace | string, message: string, context?: LogContext): void {
    const level = context?.level === 'error' ? 'error' : context?.level === 'warning' ? 'warn' : 'debug';
    if (level === 'debug' && !this.isEnabled(namespace as LoggerNamespace, context)) return;
    log()[level]({ orm: namespace, ...(context?.label ? { label: context.label } : {}) }, message.replace(/\s+/g, ' ').trim());
  }

  override logQuery(context: { query: string } & LogContext): void {
    const kind = statementKind(context.query);
    sqlStatements.inc();
    if (context.took != null) sqlDuration.observe({ statement: kind }, context.took / 1000);
    tally('sql', kind);
    if (!this.isEnabled('query', context)) return;
    log()[context.level === 'error' ? 'error' : 'info'](
      { orm: 'query', sql: redactSql(context.query), tookMs: context.took, rows: context.results, affected: context.affected },
      'sql',
    );
  }
}

export interface OrmOptions {
  databaseUrl: string;
  entities: Function[];
  migrations: MigrationObject[];
  /** Pool size (FUHUA_POOL_MAX); the default suits one subgraph process. */
  poolMax?: number;
  /** PostgreSQL cancels any statement running longer: a runaway query cannot hold the database. */
  statementTimeoutMs?: number;
  /** Print every statement (FUHUA_SQL_LOG). */
  sqlLog?: boolean;
  /** Runs on each new connection before it is used (the /generation endpoint's cluster lease). */
  onConnect?: (connection: any) => Promise<void>;
}

export function ormConfig({ databaseUrl, entities, migrations, poolMax = 10, statementTimeoutMs, sqlLog = false, onConnect }: OrmOptions): Options {
  const debug: LoggerNamespace[] = sqlLog ? ['query', 'query-params'] : [];
  return {
    clientUrl: databaseUrl,
    entities,
    debug,
    loggerFactory: (options: LoggerOptions) => new OrmLogger(options),
    colors: false,
    extensions: [Migrator],
    migrations: { migrationsList: migrations, transactional: true, allOrNothing: true, disableForeignKeys: false },
    pool: {
      min: 0,
      max: poolMax,
      ...(onConnect ? { afterCreate: (connection: any, done: (error: Error | null, connection: any) => void) => void onConnect(connection).then(() => done(null, connection), (error: Error) => done(error, connection)) } : {}),
    },
    ...(statementTimeoutMs ? { driverOptions: { connection: { statement_timeout: statementTimeoutMs } } } : {}),
    // Entities are validated by the database's constraints and our domain code; no lazy surprises.
    forceUndefined: false,
    allowGlobalContext: false,
  };
}

/**
 * Connects and brings the schema up to the newest committed migration (never schema:update). With
 * `migrate: false` (production, where a migration job ran first) it only checks that none is pending.
 */
export async function openOrm(options: OrmOptions & { migrate?: boolean }): Promise<MikroORM> {
  const orm = await MikroORM.init(ormConfig(options));
  if (options.migrate ?? true) {
    await orm.getMigrator().up();
  } else {
    const pending = await orm.getMigrator().getPendingMigrations();
    if (pending.length) {
      await orm.close(true);
      throw new Error(`the database lacks ${pending.length} migration(s) (${pending.map((m) => m.name).join(', ')}): run this subgraph's migration job (main.js --migrate) first`);
    }
  }
  return orm;
}
