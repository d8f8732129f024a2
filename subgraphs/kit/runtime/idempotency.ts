// Idempotency keys: the first write under a caller's key stores its result in the writing subgraph's own
// database, in the write's own transaction; a replay of the key returns that result without writing
// again. Stored in `idempotent_write` (kit migration). A key belongs to the caller who used it first:
// another caller's request under it is refused, and never sees the first caller's result.
import { Entity, Index, PrimaryKey, Property, Utils, wrap } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Viewer } from '../identity/viewer';
import { badInput, conflict } from '../errors';
import type { WriteRequest } from '../exactly-once';

const KEY = /^[\x20-\x7e]{1,200}$/;

/**
 * The table as the ORM knows it, so the committed migration and the entities agree (the tests compare
 * them); reads and writes go through the raw statements below, inside the write's own transaction.
 */
@Entity({ tableName: 'idempotent_write' })
@Index({ name: 'idempotent_write_at_index', properties: ['at'] })
export class IdempotentWrite {
  @PrimaryKey({ type: 'string', length: 200 })
  key!: string;

  /** The n-th write of one request under the key (a request may carry several mutations). */
  @PrimaryKey({ type: 'int' })
  position!: number;

  @Property({ type: 'string' })
  subject!: string;

  @Property({ type: 'string' })
  operation!: string;

  /** A digest of the request, so the same key with another request is refused. */
  @Property({ columnType: 'char(64)' })
  request!: string;

  @Property({ type: 'string', nullable: true })
  entityType!: string | null;

  @Property({ type: 'json', nullable: true })
  entityId!: unknown;

  @Property({ type: 'json', nullable: true })
  response!: unknown;

  @Property({ type: 'timestamptz' })
  at!: Date;
}

interface Stored {
  subject: string;
  operation: string;
  request: string;
  entity_type: string | null;
  entity_id: unknown;
  response: unknown;
}

/** A write's claim on its key: either the result of the first write to replay, or a way to store its own. */
export type Claim = { replay: true; result: unknown } | { replay: false; store(result: unknown): Promise<void> };

export async function claimKey(tx: EntityManager, viewer: Viewer, operation: string, request: WriteRequest, position: number): Promise<Claim> {
  const key = request.idempotencyKey!;
  if (!KEY.test(key)) throw badInput('The Idempotency-Key header must be 1 to 200 printable characters; a new UUID per write is a good key.');
  const subject = viewer.sub;
  // Two requests with one key queue here: the second waits for the first to commit, then replays it.
  await tx.execute(`select pg_advisory_xact_lock(hashtextextended(?, 0))`, [key]);
  const [found] = await tx.execute<Stored[]>(
    `select subject, operation, request, entity_type, entity_id, response from idempotent_write where key = ? and position = ?`,
    [key, position],
  );
  if (found) {
    if (found.subject !== subject) throw conflict(`The Idempotency-Key "${key}" belongs to another caller's write; send a new key (a new UUID) with each write. Nothing was changed.`);
    if (found.operation !== operation || found.request !== request.fingerprint) {
      throw conflict(`The Idempotency-Key "${key}" was used for a different request (${found.operation}); send a new key with a new write. Nothing was changed.`);
    }
    const result = found.entity_type ? await tx.findOne(found.entity_type, found.entity_id as never) : found.response;
    return { replay: true, result };
  }
  return {
    replay: false,
    async store(result) {
      const entity = result && Utils.isEntity(result) ? wrap(result as object, true) : undefined;
      await tx.execute(
        `insert into idempotent_write (subject, key, position, operation, request, entity_type, entity_id, response, at) values (?, ?, ?, ?, ?, ?, ?, ?, now())`,
        [
          subject,
          key,
          position,
          operation,
          request.fingerprint,
          entity ? entity.__meta.className : null,
          entity ? JSON.stringify(entity.getPrimaryKey()) : null,
          entity ? null : JSON.stringify(result ?? null),
        ],
      );
    },
  };
}
