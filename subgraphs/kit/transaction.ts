// Every write runs in one transaction; the database's own rules (unique indexes, optimistic locks)
// come back to the clerk as CONFLICT with a message, not as a stack trace. A refusal rolls back whole.
import { OptimisticLockError, UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { GraphQLError } from 'graphql';
import { conflict } from './errors';

/** Messages for named unique indexes, so a lost race reads like the rule it broke. */
const constraintMessages = new Map<string, string>();
export function explainConstraint(name: string, message: string): void {
  constraintMessages.set(name, message);
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
