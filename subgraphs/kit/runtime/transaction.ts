// Every write runs in one transaction; the database's own rules (unique indexes, optimistic locks)
// come back to the clerk as CONFLICT with a message, not as a stack trace. A refusal rolls back whole.
import { Index, OptimisticLockError, Unique, UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { GraphQLError } from 'graphql';
import { pendingChanges, recordChanges } from './audit';
import { assertMayWrite, type WriteScope } from '../identity/access';
import type { Context } from './context';
import { conflict } from '../errors';
import type { WriteRequest } from '../exactly-once';
import { claimKey } from './idempotency';

/** Messages for named unique indexes, so a lost race reads like the rule it broke. */
const constraintMessages = new Map<string, string>();

/** Gives the constraint `name` the message a clerk reads when a write breaks it; returns the name. */
export function explainConstraint(name: string, message: string): string {
  constraintMessages.set(name, message);
  return name;
}

/** A unique index that holds a rule: on columns (`properties`) or as SQL (`expression`, e.g. a partial index). */
export type UniqueRuleOptions = { name: string; message: string } & ({ properties: string[]; expression?: never } | { expression: string; properties?: never });

/**
 * Declares an entity's unique index together with its message: a lost race comes back as CONFLICT
 * with `message`. The index itself is MikroORM's (`@Unique` on columns, `@Index` for an expression).
 */
export function UniqueRule({ name, message, properties, expression }: UniqueRuleOptions): ClassDecorator {
  explainConstraint(name, message);
  return (expression === undefined ? Unique({ name, properties: properties as never }) : Index({ name, expression })) as ClassDecorator;
}

export async function transaction<T>(em: EntityManager, work: (tx: EntityManager) => Promise<T>): Promise<T> {
  try {
    return await em.transactional(work);
  } catch (error) {
    if (error instanceof GraphQLError) throw error;
    if (error instanceof UniqueConstraintViolationException) {
      const name = /constraint "([^"]+)"/.exec(error.message)?.[1] ?? '';
      throw conflict(constraintMessages.get(name) ?? `This would duplicate an existing record (${name}); nothing was changed.`);
    }
    if (error instanceof OptimisticLockError) {
      throw conflict('Someone else changed this record at the same time; reload it and try again. Nothing was changed.');
    }
    throw error;
  }
}

/** Checks that the caller may write where `scope` says; a write must call it before it changes anything. */
export type Authorize = (scope: WriteScope) => void;

/** The answer when a write ran out of time or lost its caller: it was rolled back, and a retry is safe. */
export const deadlineExceeded = (why: string) =>
  new GraphQLError(`${why}, so the write was rolled back and nothing was changed. Retry it (with the same Idempotency-Key, if you sent one).`, {
    // No HTTP status of its own: the gateway passes the error on to the caller as it is.
    extensions: { code: 'DEADLINE_EXCEEDED' },
  });

/** Why the request may no longer commit, or undefined while it may. */
function cutOff(request: WriteRequest | undefined): string | undefined {
  if (!request) return undefined;
  if (request.signal.aborted) return 'The caller stopped waiting for the answer';
  if (request.deadline !== undefined && Date.now() >= request.deadline) return 'The write did not finish within the time the gateway waits for it';
  return undefined;
}

/**
 * Binds the transaction to the request: PostgreSQL cancels any statement that runs past the deadline
 * (a lock wait included), and a caller who goes away cancels the statement running now.
 */
async function bindToRequest(ctx: Context, tx: EntityManager, request: WriteRequest): Promise<() => void> {
  const why = cutOff(request);
  if (why) throw deadlineExceeded(why);
  const remaining = request.deadline === undefined ? undefined : Math.max(1, request.deadline - Date.now());
  // now() is the transaction's start: with the pid it names this transaction, not a later one on the same connection.
  const [{ pid, started }] = await tx.execute<{ pid: number; started: string }[]>(
    `select pg_backend_pid() as pid, now()::text as started${remaining === undefined ? '' : `, set_config('statement_timeout', ?, true)`}`,
    remaining === undefined ? [] : [String(remaining)],
  );
  const cancel = () =>
    void ctx.em
      .getConnection()
      .execute(`select pg_cancel_backend(pid) from pg_stat_activity where pid = ? and xact_start = ?::timestamptz`, [pid, started])
      .catch(() => undefined);
  request.signal.addEventListener('abort', cancel, { once: true });
  return () => request.signal.removeEventListener('abort', cancel);
}

/**
 * A mutation's one transaction: `work` loads what it needs, calls `authorize` with the county (and
 * host) it is about to change, and changes it. Refused, failed or unauthorized, nothing is written;
 * done, every change is in the audit trail with who made it.
 *
 * Exactly once from the caller's view: the transaction commits only before the gateway's deadline and
 * while the caller still waits (else it rolls back and says so), and under an Idempotency-Key the
 * result is stored with the write, so a replay of the key answers it again without writing.
 */
export async function write<T>(ctx: Context, operation: string, work: (tx: EntityManager, authorize: Authorize) => Promise<T>): Promise<T> {
  const request = ctx.request;
  const position = request ? request.writes++ : 0;
  try {
    return await transaction(ctx.em, async (tx) => {
      const unbind = request ? await bindToRequest(ctx, tx, request) : () => undefined;
      try {
        const claim = request?.idempotencyKey !== undefined ? await claimKey(tx, ctx.viewer, operation, request, position) : undefined;
        if (claim?.replay) return claim.result as T;
        let scope: WriteScope | undefined;
        const result = await work(tx, (s) => {
          assertMayWrite(ctx.viewer, s, operation);
          scope ??= s;
        });
        if (!scope) throw new Error(`${operation} changed data without asking who may write it`);
        // Before the flush "before" is known; after it, "after" and generated ids are final.
        const changes = pendingChanges(tx);
        await tx.flush();
        recordChanges(tx, changes, ctx.viewer, operation, scope.province ? '000000' : scope.countyCode);
        await tx.flush();
        await claim?.store(result);
        // The last moment to give up: past here the commit may land, so the caller must still be waiting.
        const why = cutOff(request);
        if (why) throw deadlineExceeded(why);
        return result;
      } finally {
        unbind();
      }
    });
  } catch (error) {
    // A statement PostgreSQL cancelled for the deadline (or for a caller gone) is a rolled-back write.
    const why = cutOff(request);
    if (why && !(error instanceof GraphQLError && error.extensions.code !== 'INTERNAL_SERVER_ERROR')) throw deadlineExceeded(why);
    throw error;
  }
}
