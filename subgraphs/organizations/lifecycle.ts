// The incubation process of the policy (R1–R6, C1–C4) as operations on one transaction's
// EntityManager. The GraphQL mutations and the demo seed both go through these, so the demo's history
// is one the system itself could have recorded.
import { randomUUID } from 'crypto';
import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput, conflict, notFound } from '../kit/errors';
import { type WriteScope } from '../kit/identity';
import { today, type Authorize } from '../kit/runtime';
import { Application, ApplicationStatus, Objection } from './entities/application';
import { Evaluation, FollowUp, periodBounds, FollowUpKind, FundingSource, Incubation, IncubationStatus, MicroGrant, ServiceDelivery, ServiceKind } from './entities/incubation';
import { Organization, ServiceCategory } from './entities/organization';
import type { HostDirectory } from './hosts';

export interface Submission {
  hostId: string;
  organizationId?: string | null;
  organizationName: string;
  category: ServiceCategory;
  founderName: string;
  fullTimeStaff: number;
  submittedOn: string;
  compliesWithRegulations: boolean;
  grassRootsDirectService: boolean;
  needsIncubationServices: boolean;
}

/** `on` is a real, non-future day: nothing is recorded ahead of time. */
export function pastOrToday(on: string, what: string, now = today()) {
  if (Number.isNaN(Date.parse(on))) throw badInput(`${what} ${on} is not a calendar date (YYYY-MM-DD).`);
  if (on > now) throw badInput(`${what} ${on} is in the future; record it on or after the day it happens.`);
}

/** R1: an application, checked against conditions C1–C4 and against its host. */
export async function submitApplication(
  tx: EntityManager,
  authorize: Authorize,
  hosts: HostDirectory,
  input: Submission,
  now = today(),
  ids: { organization?: string; application?: string } = {},
): Promise<Application> {
  if (!input.compliesWithRegulations) throw badInput('C1: the applicant must comply with the policies and regulations on social organizations (compliesWithRegulations is false).', { condition: 'C1' });
  if (!input.grassRootsDirectService) throw badInput('C2: only start-up, grass-roots organizations that provide social services directly may be incubated (grassRootsDirectService is false).', { condition: 'C2' });
  if (!input.needsIncubationServices) throw badInput('C3: the applicant must need to organize and need the services the center offers (needsIncubationServices is false).', { condition: 'C3' });
  if (!(input.fullTimeStaff >= 1)) throw badInput('C4: the applicant needs at least one full-time staff member working on it (fullTimeStaff is 0).', { condition: 'C4' });
  if (!input.organizationName.trim()) throw badInput('organizationName must not be empty.');
  if (!input.founderName.trim()) throw badInput('founderName must not be empty.');
  pastOrToday(input.submittedOn, 'submittedOn', now);

  const host = await hosts.find(input.hostId);
  if (!host) throw notFound(`No incubation center or station has id ${input.hostId}.`);
  authorize({ countyCode: host.countyCode, hostId: host.id });
  if (host.establishedOn > input.submittedOn || (host.closedOn && host.closedOn <= input.submittedOn)) {
    throw badInput(`"${host.name}" was not open on ${input.submittedOn} (open ${host.establishedOn}${host.closedOn ? ` to ${host.closedOn}` : ''}).`);
  }

  let organization: Organization;
  if (input.organizationId) {
    const found = await tx.findOne(Organization, { id: input.organizationId });
    if (!found) throw notFound(`No organization has id ${input.organizationId}.`);
    // An organization on record belongs to the county it applied in: only that county may file for it
    // again (and so change its staff figure), not whoever runs the host it now applies to.
    const previous = await tx.find(Application, { organization: found }, { orderBy: { submittedOn: 'desc' }, limit: 1 });
    if (previous[0]) authorize({ countyCode: previous[0].countyCode });
    const pending = await tx.count(Application, {
      organization: found,
      status: { $nin: [ApplicationStatus.ADMITTED, ApplicationStatus.REJECTED] },
    });
    if (pending) throw conflict(`${found.name} already has an application under review; finish or reject it first.`);
    organization = found;
    organization.fullTimeStaff = input.fullTimeStaff;
  } else {
    organization = tx.create(Organization, {
      id: ids.organization ?? randomUUID(),
      name: input.organizationName.trim(),
      category: input.category,
      founderName: input.founderName.trim(),
      fullTimeStaff: input.fullTimeStaff,
    });
  }
  return tx.create(Application, {
    id: ids.application ?? randomUUID(),
    organization,
    hostId: host.id,
    hostKind: host.kind,
    countyCode: host.countyCode,
    submittedOn: input.submittedOn,
  });
}

/** The county and host a record belongs to: what a write about it must be authorized for. */
export const scopeOf = (record: { countyCode: string; hostId: string }): WriteScope => ({ countyCode: record.countyCode, hostId: record.hostId });

/** Loads an application for a write, locking its row: steps, objections and admission of one application queue up. */
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

export async function recordObjection(tx: EntityManager, authorize: Authorize, applicationId: string, raisedOn: string, text: string): Promise<Objection> {
  const application = await findApplication(tx, applicationId);
  authorize(scopeOf(application));
  if (application.status !== ApplicationStatus.IN_NOTICE) throw conflict(`Objections are raised during the public notice 公示; this application is ${application.status}.`);
  if (raisedOn < application.noticeFrom! || raisedOn > application.noticeTo!) {
    throw badInput(`The notice runs ${application.noticeFrom} to ${application.noticeTo}; an objection on ${raisedOn} falls outside it.`);
  }
  if (!text.trim()) throw badInput('An objection needs its text.');
  return tx.create(Objection, { id: randomUUID(), application, raisedOn, text: text.trim() });
}

/** Deciding an objection; an upheld one rejects the application (R2 公示). */
export async function decideObjection(tx: EntityManager, authorize: Authorize, objectionId: string, upheld: boolean, on: string): Promise<Objection> {
  const found = await tx.findOne(Objection, { id: objectionId });
  if (!found) throw notFound(`No objection has id ${objectionId}.`);
  await findApplication(tx, found.application.id); // lock the application first, as every write about it does
  const objection = await tx.findOneOrFail(Objection, { id: objectionId }, { populate: ['application'], lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
  authorize(scopeOf(objection.application));
  if (objection.upheld !== null) throw conflict(`This objection was decided already (upheld: ${objection.upheld}).`);
  objection.upheld = upheld;
  if (upheld) objection.application.reject(on, `objection upheld: ${objection.text}`);
  return objection;
}

/** R2 入驻: the last step, which opens the Incubation (R3). */
export async function admit(
  tx: EntityManager,
  authorize: Authorize,
  applicationId: string,
  admittedOn: string,
  plannedEndOn: string,
  now = today(),
  incubationId: string = randomUUID(),
): Promise<Incubation> {
  pastOrToday(admittedOn, 'admittedOn', now);
  if (plannedEndOn <= admittedOn) throw badInput(`plannedEndOn (${plannedEndOn}) must come after admittedOn (${admittedOn}).`);
  const application = await findApplication(tx, applicationId);
  authorize(scopeOf(application));
  const undecided = await tx.count(Objection, { application, upheld: null });
  if (undecided) throw conflict(`${undecided} objection(s) to this application are still undecided; decide them before admission.`);
  application.admit(admittedOn);
  const open = await tx.findOne(Incubation, { organization: application.organization, status: IncubationStatus.INCUBATING });
  if (open) throw conflict(`${application.organization.name} is already being incubated (incubation ${open.id}, since ${open.admittedOn}).`);
  return tx.create(Incubation, {
    id: incubationId,
    organization: application.organization,
    application,
    hostId: application.hostId,
    hostKind: application.hostKind,
    countyCode: application.countyCode,
    admittedOn,
    plannedEndOn,
  });
}

export async function recordEvaluation(
  tx: EntityManager,
  authorize: Authorize,
  incubationId: string,
  period: string,
  score: number,
  now = today(),
  id: string = randomUUID(),
): Promise<Evaluation> {
  if (!Number.isInteger(score) || score < 0 || score > 100) throw badInput(`score must be a whole number from 0 to 100 (got ${score}).`);
  const incubation = await findIncubation(tx, incubationId);
  authorize(scopeOf(incubation));
  incubation.checkEvaluationPeriod(period, now);
  const existing = await tx.findOne(Evaluation, { incubation, period });
  if (existing) throw conflict(`${period} is evaluated already for this incubation (score ${existing.score}).`);
  return tx.create(Evaluation, { id, incubation, period, score });
}

/** An incubation cannot end before a half-year it was evaluated for began: that evaluation would stay in place. */
async function checkNoEvaluationAfter(tx: EntityManager, incubation: Incubation, on: string) {
  const half = `${on.slice(0, 4)}H${on.slice(5, 7) <= '06' ? 1 : 2}`; // periods compare as text: 2016H1 < 2016H2 < 2017H1
  const [later] = await tx.find(Evaluation, { incubation, period: { $gt: half } }, { orderBy: { period: 'asc' }, limit: 1 });
  if (later) throw badInput(`${later.period} is evaluated already for this incubation, which would have ended (${on}) before that half-year began; end it on ${periodBounds(later.period).from} or later.`);
}

export async function graduate(tx: EntityManager, authorize: Authorize, incubationId: string, on: string, now = today()): Promise<Incubation> {
  pastOrToday(on, 'on', now);
  const incubation = await findIncubation(tx, incubationId);
  authorize(scopeOf(incubation));
  incubation.graduate(on);
  await checkNoEvaluationAfter(tx, incubation, on);
  return incubation;
}

export async function exitIncubation(tx: EntityManager, authorize: Authorize, incubationId: string, on: string, reason: string, now = today()): Promise<Incubation> {
  pastOrToday(on, 'on', now);
  const incubation = await findIncubation(tx, incubationId);
  authorize(scopeOf(incubation));
  incubation.exit(on, reason);
  await checkNoEvaluationAfter(tx, incubation, on);
  return incubation;
}

/** The incubation was running on `on`: services and grants belong inside it. */
function within(incubation: Incubation, on: string, what: string) {
  if (on < incubation.admittedOn || (incubation.endedOn && on > incubation.endedOn)) {
    throw badInput(`${what} on ${on} falls outside the incubation (${incubation.admittedOn} to ${incubation.endedOn ?? 'now'}).`);
  }
}

export async function recordService(tx: EntityManager, authorize: Authorize, incubationId: string, kind: ServiceKind, on: string, note: string | null, now = today()) {
  pastOrToday(on, 'on', now);
  const incubation = await findIncubation(tx, incubationId);
  authorize(scopeOf(incubation));
  within(incubation, on, 'A service');
  return tx.create(ServiceDelivery, { id: randomUUID(), incubation, kind, deliveredOn: on, note });
}

export async function recordMicroGrant(tx: EntityManager, authorize: Authorize, incubationId: string, amount: string, on: string, source: FundingSource, now = today()) {
  if (!/^\d{1,10}(\.\d{1,2})?$/.test(amount) || Number(amount) <= 0) throw badInput(`amount "${amount}" must be a positive number of yuan with at most two decimals, like "5000.00".`);
  pastOrToday(on, 'on', now);
  const incubation = await findIncubation(tx, incubationId);
  authorize(scopeOf(incubation));
  within(incubation, on, 'A micro-grant');
  return tx.create(MicroGrant, { id: randomUUID(), incubation, amount, grantedOn: on, source });
}

export async function recordFollowUp(tx: EntityManager, authorize: Authorize, incubationId: string, kind: FollowUpKind, on: string, note: string | null, now = today()) {
  pastOrToday(on, 'on', now);
  const incubation = await findIncubation(tx, incubationId);
  authorize(scopeOf(incubation));
  if (incubation.status !== IncubationStatus.GRADUATED) throw conflict(`Follow-ups come after graduation 出壳; this incubation is ${incubation.status}.`);
  if (on < incubation.graduatedOn!) throw badInput(`A follow-up (${on}) cannot come before graduation (${incubation.graduatedOn}).`);
  return tx.create(FollowUp, { id: randomUUID(), incubation, kind, on, note });
}
