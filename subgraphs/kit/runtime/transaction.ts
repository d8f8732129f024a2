// Every write runs in one transaction; the database's own rules (unique indexes, optimistic locks)
// come back to the clerk as CONFLICT with a message, not as a stack trace. A refusal rolls back whole.
import { Index, OptimisticLockError, Unique, UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { GraphQLError } from 'graphql';
import { pendingChanges, recordChanges } from './audit';
import { assertMayWrite, type WriteScope } from '../identity/access';
import type { Context } from './context';
import { conflict } from '../errors';

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

/**
 * A mutation's one transaction: `work` loads what it needs, calls `authorize` with the county (and
 * host) it is about to change, and changes it. Refused, failed or unauthorized, nothing is written;
 * done, every change is in the audit trail with who made it.
 */
export function write<T>(ctx: Context, operation: string, work: (tx: EntityManager, authorize: Authorize) => Promise<T>): Promise<T> {
  return transaction(ctx.em, async (tx) => {
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
    return result;
  });
}
