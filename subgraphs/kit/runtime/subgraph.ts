import type { MigrationObject } from '@mikro-orm/core';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Scale } from '../register';
import type { SubgraphName } from '../topology';
import { AuditEntry } from './audit';
import { IdempotentWrite } from './idempotency';
import { kitMigrations } from './migrations';
import type { SchemaParts } from './schema';

/** Everything that makes one tier's subgraph; the kit turns it into a running service. */
export interface SubgraphDefinition extends SchemaParts {
  name: SubgraphName;
  entities: Function[];
  migrations: MigrationObject[];
  /** Fills an empty database with its part of the register and, when `demo`, of the demo; returns a summary. */
  seed(em: EntityManager, scale: Scale, demo: boolean): Promise<string>;
  /** Whether the database already holds data (a second start keeps what it finds). */
  isSeeded(em: EntityManager): Promise<boolean>;
  /** Reads and checks the tier's own settings at start, so a bad one stops the process there. */
  configure?(): void;
  /** Reads what the tier keeps in memory for every request (immutable reference data), once migrated and seeded, before it listens. */
  warm?(orm: MikroORM): Promise<void>;
}

/** A subgraph's entities and the kit's own (every subgraph keeps its audit trail and its idempotency keys). */
export function entitiesOf(definition: SubgraphDefinition): Function[] {
  return [...definition.entities, AuditEntry, IdempotentWrite];
}

/** The kit's migrations, then the subgraph's own. */
export function migrationsOf(definition: SubgraphDefinition): MigrationObject[] {
  return [...kitMigrations, ...definition.migrations];
}
