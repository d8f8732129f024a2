// R1 申请 and R2 入驻: filing an application (conditions C1–C4), then 受理 → 初审 → 评审 → 公示 (with
// objections) → 入驻, which opens the incubation. Each step is one function holding all of its checks
// (dates, authorization, order, the rules of the desk) in the order a clerk meets them; the mutations
// and the demo seed both call these, inside one transaction.
import { randomUUID } from 'crypto';
import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput, conflict, notFound } from '../../kit/errors';
import type { Authorize } from '../../kit/runtime';
import { Application, ApplicationStatus, Objection } from '../entities/application';
import { Incubation, IncubationStatus } from '../entities/incubation';
import { Organization, ServiceCategory } from '../entities/organization';
import { daysFromTo, notBefore, pastOrToday } from './dates';
import type { Desk } from './desk';
import { findApplication, scopeOf } from './records';
import { checkRejectable, expertVerdict, nextStatus } from './states';

export interface Submission {
  hostId: string;
  /** An organization on record that applies again; absent for a new one. */
  organizationId?: string | null;
  organizationName: string;
  category: ServiceCategory;
  founderName: string;
  fullTimeStaff: number;
  submittedOn: string;
  compliesWithRegulations: boolean;
  grassRootsDirectService: boolean;
  needsIncubationServices: boolean;
  /** Ids for the records this creates (the demo's stable ids); new UUIDs otherwise. */
  ids?: { organization?: string; application?: string };
}

/** R1 申请: an application, checked against conditions C1–C4 and against its host. */
export async function submitApplication(tx: EntityManager, authorize: Authorize, input: Submission, desk: Desk): Promise<Application> {
  if (!input.compliesWithRegulations) throw badInput('C1: the applicant must comply with the policies and regulations on social organizations (compliesWithRegulations is false).', { condition: 'C1' });
  if (!input.grassRootsDirectService) throw badInput('C2: only start-up, grass-roots organizations that provide social services directly may be incubated (grassRootsDirectService is false).', { condition: 'C2' });
  if (!input.needsIncubationServices) throw badInput('C3: the applicant must need to organize and need the services the center offers (needsIncubationServices is false).', { condition: 'C3' });
  if (!(input.fullTimeStaff >= 1)) throw badInput('C4: the applicant needs at least one full-time staff member working on it (fullTimeStaff is 0).', { condition: 'C4' });
  if (!input.organizationName.trim()) throw badInput('organizationName must not be empty.');
  if (!input.founderName.trim()) throw badInput('founderName must not be empty.');
  pastOrToday(input.submittedOn, 'submittedOn', desk.today);

  const host = await desk.hosts.find(input.hostId);
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
      id: input.ids?.organization ?? randomUUID(),
      name: input.organizationName.trim(),
      category: input.category,
      founderName: input.founderName.trim(),
      fullTimeStaff: input.fullTimeStaff,
    });
  }
  return tx.create(Application, {
    id: input.ids?.application ?? randomUUID(),
    organization,
    hostId: host.id,
    hostKind: host.kind,
    countyCode: host.countyCode,
    submittedOn: input.submittedOn,
  });
}

/** R2 受理: accepts a submitted application. */
export async function acceptApplication(tx: EntityManager, authorize: Authorize, input: { id: string; on: string }, desk: Desk): Promise<Application> {
  pastOrToday(input.on, 'acceptedOn', desk.today);
  const application = await findApplication(tx, input.id);
  authorize(scopeOf(application));
  const status = nextStatus(application.status, 'accept');
  notBefore(input.on, application.submittedOn, 'acceptance', 'submission');
  application.acceptedOn = input.on;
  application.status = status;
  return application;
}

/** R2 初审: records a passed preliminary review. */
export async function passPreliminaryReview(tx: EntityManager, authorize: Authorize, input: { id: string; on: string }, desk: Desk): Promise<Application> {
  pastOrToday(input.on, 'preliminaryReviewedOn', desk.today);
  const application = await findApplication(tx, input.id);
  authorize(scopeOf(application));
  const status = nextStatus(application.status, 'passPreliminaryReview');
  notBefore(input.on, application.acceptedOn!, 'preliminary review', 'acceptance');
  application.preliminaryReviewedOn = input.on;
  application.status = status;
  return application;
}

export interface ExpertReview {
  id: string;
  reviewedOn: string;
  publicBenefit: number;
  feasibility: number;
  team: number;
  potential: number;
}

/** R2 评审: records the four expert scores; a total below the desk's pass mark rejects the application. */
export async function recordExpertReview(tx: EntityManager, authorize: Authorize, input: ExpertReview, desk: Desk): Promise<Application> {
  const { id, reviewedOn, publicBenefit, feasibility, team, potential } = input;
  pastOrToday(reviewedOn, 'expertReviewedOn', desk.today);
  const application = await findApplication(tx, id);
  authorize(scopeOf(application));
  const status = nextStatus(application.status, 'recordExpertReview');
  notBefore(reviewedOn, application.preliminaryReviewedOn!, 'expert review', 'preliminary review');
  Object.assign(application, { publicBenefit, feasibility, team, potential, expertReviewedOn: reviewedOn });
  const verdict = expertVerdict(application.totalScore!, desk.rules.expertPassMark);
  if (verdict.passed) application.status = status;
  else reject(application, reviewedOn, verdict.reason);
  return application;
}

/** R2 公示: publishes the public notice, first to last day, at least the desk's minimum number of days. */
export async function publishNotice(tx: EntityManager, authorize: Authorize, input: { id: string; from: string; to: string }, desk: Desk): Promise<Application> {
  const { from, to } = input;
  pastOrToday(from, 'noticeFrom', desk.today);
  const application = await findApplication(tx, input.id);
  authorize(scopeOf(application));
  const status = nextStatus(application.status, 'publishNotice');
  notBefore(from, application.expertReviewedOn!, 'public notice', 'expert review');
  const days = daysFromTo(from, to);
  if (days < desk.rules.noticeMinDays) throw badInput(`A public notice 公示 must run at least ${desk.rules.noticeMinDays} days; ${from} to ${to} is ${days}.`);
  application.noticeFrom = from;
  application.noticeTo = to;
  application.status = status;
  return application;
}

/** Rejects an application at any review step, with its reason. */
export async function rejectApplication(tx: EntityManager, authorize: Authorize, input: { id: string; on: string; reason: string }, desk: Desk): Promise<Application> {
  pastOrToday(input.on, 'decidedOn', desk.today);
  const application = await findApplication(tx, input.id);
  authorize(scopeOf(application));
  reject(application, input.on, input.reason);
  return application;
}

/** An objection 异议 raised during the public notice. */
export async function recordObjection(
  tx: EntityManager,
  authorize: Authorize,
  input: { applicationId: string; on: string; text: string; id?: string },
  _desk: Desk,
): Promise<Objection> {
  const { on, text } = input;
  const application = await findApplication(tx, input.applicationId);
  authorize(scopeOf(application));
  if (application.status !== ApplicationStatus.IN_NOTICE) throw conflict(`Objections are raised during the public notice 公示; this application is ${application.status}.`);
  if (on < application.noticeFrom! || on > application.noticeTo!) {
    throw badInput(`The notice runs ${application.noticeFrom} to ${application.noticeTo}; an objection on ${on} falls outside it.`);
  }
  if (!text.trim()) throw badInput('An objection needs its text.');
  return tx.create(Objection, { id: input.id ?? randomUUID(), application, raisedOn: on, text: text.trim() });
}

/** Decides an objection; an upheld one rejects the application (R2 公示). */
export async function decideObjection(tx: EntityManager, authorize: Authorize, input: { id: string; upheld: boolean; on: string }, desk: Desk): Promise<Objection> {
  const { id, upheld, on } = input;
  pastOrToday(on, 'decidedOn', desk.today);
  const found = await tx.findOne(Objection, { id });
  if (!found) throw notFound(`No objection has id ${id}.`);
  await findApplication(tx, found.application.id); // lock the application first, as every write about it does
  const objection = await tx.findOneOrFail(Objection, { id }, { populate: ['application'], lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
  authorize(scopeOf(objection.application));
  if (objection.upheld !== null) throw conflict(`This objection was decided already (upheld: ${objection.upheld}).`);
  objection.upheld = upheld;
  if (upheld) reject(objection.application, on, `objection upheld: ${objection.text}`);
  return objection;
}

/** R2 入驻: admits the organization once the public notice has ended, and opens its Incubation (R3). */
export async function admit(
  tx: EntityManager,
  authorize: Authorize,
  input: { applicationId: string; admittedOn: string; plannedEndOn: string; incubationId?: string },
  desk: Desk,
): Promise<Incubation> {
  const { admittedOn, plannedEndOn } = input;
  pastOrToday(admittedOn, 'admittedOn', desk.today);
  if (plannedEndOn <= admittedOn) throw badInput(`plannedEndOn (${plannedEndOn}) must come after admittedOn (${admittedOn}).`);
  const application = await findApplication(tx, input.applicationId);
  authorize(scopeOf(application));
  const undecided = await tx.count(Objection, { application, upheld: null });
  if (undecided) throw conflict(`${undecided} objection(s) to this application are still undecided; decide them before admission.`);
  const status = nextStatus(application.status, 'admit');
  if (admittedOn <= application.noticeTo!) throw conflict(`The public notice runs until ${application.noticeTo}; admit on ${application.noticeTo} + 1 day or later.`);
  const open = await tx.findOne(Incubation, { organization: application.organization, status: IncubationStatus.INCUBATING });
  if (open) throw conflict(`${application.organization.name} is already being incubated (incubation ${open.id}, since ${open.admittedOn}).`);
  application.decidedOn = admittedOn;
  application.status = status;
  return tx.create(Incubation, {
    id: input.incubationId ?? randomUUID(),
    organization: application.organization,
    application,
    hostId: application.hostId,
    hostKind: application.hostKind,
    countyCode: application.countyCode,
    admittedOn,
    plannedEndOn,
  });
}

/** Ends an application undecided so far: a step's refusal (评审, an upheld objection) or the clerk's. */
function reject(application: Application, on: string, reason: string): void {
  checkRejectable(application.status);
  notBefore(on, application.submittedOn, 'rejection', 'submission');
  application.decidedOn = on;
  application.rejectionReason = reason;
  application.status = ApplicationStatus.REJECTED;
}
