// R3–R6: an incubation's services and micro-grants (R3), half-yearly evaluations (R4), graduation 出壳
// (R5) and the follow-ups after it, or exit 退出 (R6). Each step is one function holding all of its
// checks; the mutations and the demo seed both call these, inside one transaction.
import { randomUUID } from 'crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput, conflict } from '../../kit/errors';
import type { Authorize } from '../../kit/runtime';
import { Evaluation, FollowUp, FollowUpKind, FundingSource, Incubation, IncubationStatus, MicroGrant, ServiceDelivery, ServiceKind } from '../entities/incubation';
import { pastOrToday, withinIncubation } from './dates';
import type { Desk } from './desk';
import { checkEvaluable, periodBounds, periodOf } from './periods';
import { findIncubation, scopeOf } from './records';
import { checkIncubating } from './states';

/** R3: a service delivered to an incubated organization, while it was incubated. */
export async function recordService(
  tx: EntityManager,
  authorize: Authorize,
  input: { incubationId: string; kind: ServiceKind; on: string; note: string | null; id?: string },
  desk: Desk,
): Promise<ServiceDelivery> {
  const { kind, on, note } = input;
  pastOrToday(on, 'deliveredOn', desk.today);
  const incubation = await findIncubation(tx, input.incubationId);
  authorize(scopeOf(incubation));
  withinIncubation(on, incubation.admittedOn, incubation.endedOn, 'A service');
  return tx.create(ServiceDelivery, { id: input.id ?? randomUUID(), incubation, kind, deliveredOn: on, note });
}

/** R3 小额资助: a micro-grant in exact decimal yuan, while the organization was incubated. */
export async function recordMicroGrant(
  tx: EntityManager,
  authorize: Authorize,
  input: { incubationId: string; amount: string; on: string; source: FundingSource; id?: string },
  desk: Desk,
): Promise<MicroGrant> {
  const { amount, on, source } = input;
  if (!/^\d{1,10}(\.\d{1,2})?$/.test(amount) || Number(amount) <= 0) throw badInput(`amountYuan "${amount}" must be a positive number of yuan with at most two decimals, like "5000.00".`);
  pastOrToday(on, 'grantedOn', desk.today);
  const incubation = await findIncubation(tx, input.incubationId);
  authorize(scopeOf(incubation));
  withinIncubation(on, incubation.admittedOn, incubation.endedOn, 'A micro-grant');
  return tx.create(MicroGrant, { id: input.id ?? randomUUID(), incubation, amountYuan: amount, grantedOn: on, source });
}

/** R4 评估: the evaluation of one half-year the incubation ran in, once that half-year is over. */
export async function recordEvaluation(
  tx: EntityManager,
  authorize: Authorize,
  input: { incubationId: string; period: string; score: number; id?: string },
  desk: Desk,
): Promise<Evaluation> {
  const { period, score } = input;
  if (!Number.isInteger(score) || score < 0 || score > 100) throw badInput(`score must be a whole number from 0 to 100 (got ${score}).`);
  const incubation = await findIncubation(tx, input.incubationId);
  authorize(scopeOf(incubation));
  checkEvaluable(period, incubation.admittedOn, incubation.endedOn, desk.today);
  const existing = await tx.findOne(Evaluation, { incubation, period });
  if (existing) throw conflict(`${period} is evaluated already for this incubation (score ${existing.score}).`);
  return tx.create(Evaluation, { id: input.id ?? randomUUID(), incubation, period, score });
}

/** An incubation cannot end before a half-year it was evaluated for began: that evaluation would stay in place. */
async function checkNoEvaluationAfter(tx: EntityManager, incubation: Incubation, on: string): Promise<void> {
  const [later] = await tx.find(Evaluation, { incubation, period: { $gt: periodOf(on) } }, { orderBy: { period: 'asc' }, limit: 1 });
  if (later) {
    throw badInput(`${later.period} is evaluated already for this incubation, which would have ended (${on}) before that half-year began; end it on ${periodBounds(later.period).from} or later.`);
  }
}

/** R5 出壳: graduation of a running incubation, not before its admission. */
export async function graduate(tx: EntityManager, authorize: Authorize, input: { incubationId: string; on: string }, desk: Desk): Promise<Incubation> {
  const { on } = input;
  pastOrToday(on, 'graduatedOn', desk.today);
  const incubation = await findIncubation(tx, input.incubationId);
  authorize(scopeOf(incubation));
  checkIncubating(incubation.status, incubation.endedOn, 'graduate');
  if (on < incubation.admittedOn) throw badInput(`Graduation (${on}) cannot come before admission (${incubation.admittedOn}).`);
  await checkNoEvaluationAfter(tx, incubation, on);
  incubation.graduatedOn = on;
  incubation.status = IncubationStatus.GRADUATED;
  return incubation;
}

/** R6 退出: a running incubation ends without graduation, with the reason. */
export async function exitIncubation(
  tx: EntityManager,
  authorize: Authorize,
  input: { incubationId: string; on: string; reason: string },
  desk: Desk,
): Promise<Incubation> {
  const { on, reason } = input;
  pastOrToday(on, 'exitedOn', desk.today);
  const incubation = await findIncubation(tx, input.incubationId);
  authorize(scopeOf(incubation));
  checkIncubating(incubation.status, incubation.endedOn, 'exit');
  if (on < incubation.admittedOn) throw badInput(`Exit (${on}) cannot come before admission (${incubation.admittedOn}).`);
  if (!reason.trim()) throw badInput('Say why the organization exits (reason must not be empty).');
  await checkNoEvaluationAfter(tx, incubation, on);
  incubation.exitedOn = on;
  incubation.exitReason = reason.trim();
  incubation.status = IncubationStatus.EXITED;
  return incubation;
}

/** R5: a follow-up after graduation (growth evaluation 成长评估, project recommendation 项目推介). */
export async function recordFollowUp(
  tx: EntityManager,
  authorize: Authorize,
  input: { incubationId: string; kind: FollowUpKind; on: string; note: string | null; id?: string },
  desk: Desk,
): Promise<FollowUp> {
  const { kind, on, note } = input;
  pastOrToday(on, 'followedUpOn', desk.today);
  const incubation = await findIncubation(tx, input.incubationId);
  authorize(scopeOf(incubation));
  if (incubation.status !== IncubationStatus.GRADUATED) throw conflict(`Follow-ups come after graduation 出壳; this incubation is ${incubation.status}.`);
  if (on < incubation.graduatedOn!) throw badInput(`A follow-up (${on}) cannot come before graduation (${incubation.graduatedOn}).`);
  return tx.create(FollowUp, { id: input.id ?? randomUUID(), incubation, kind, followedUpOn: on, note });
}
