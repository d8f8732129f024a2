// Loading the records a step works on, and the scope a write about them must be authorized for.
import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { notFound } from '../../kit/errors';
import { type WriteScope } from '../../kit/identity';
import { Application } from '../entities/application';
import { Incubation } from '../entities/incubation';

/** The county and host a record belongs to: what a write about it must be authorized for. */
export const scopeOf = (record: { countyCode: string; hostId: string }): WriteScope => ({ countyCode: record.countyCode, hostId: record.hostId });

/**
 * Loads an application for a write, locking its row: steps, objections and admission of one
 * application queue up. (One created earlier in the same transaction comes from the identity map
 * with no statement: no one else can see it yet.)
 */
export async function findApplication(tx: EntityManager, id: string): Promise<Application> {
  const application = await tx.findOne(Application, { id }, { populate: ['organization'], lockMode: LockMode.PESSIMISTIC_WRITE });
  if (!application) throw notFound(`No application has id ${id}.`);
  return application;
}

/** Loads an incubation for a write, locking its row: a service cannot slip in beside its exit, nor two ends race. */
export async function findIncubation(tx: EntityManager, id: string): Promise<Incubation> {
  const incubation = await tx.findOne(Incubation, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  if (!incubation) throw notFound(`No incubation has id ${id}.`);
  return incubation;
}
