// The demo's organizations, driven through the same step functions as the mutations (../lifecycle):
// every application is checked against C1–C4, goes through the admission steps in order, and is
// admitted, served, evaluated, graduated or exited by the same rules a county clerk's requests meet.
import { FlushMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { addDays, planDemo, stableId, type DemoIncubation, type DemoPlan } from '../../kit/demo';
import { type Scale } from '../../kit/register';
import { FundingSource, ServiceKind } from '../entities/incubation';
import { HostKind, type HostFacts } from '../entities/host';
import { ServiceCategory } from '../entities/organization';
import type { HostDirectory } from '../hosts';
import * as admission from '../lifecycle/admission';
import { deskToday, type Desk } from '../lifecycle/desk';
import * as steps from '../lifecycle/incubation';
import { halfYearsEnded } from '../lifecycle/periods';
import { log } from '../../kit/logging';
import { SeedLedger } from './ledger';

/** The hosts as the demo plan has them: the same facts the centers and stations subgraphs seed. */
function planHosts(plan: DemoPlan): HostDirectory {
  const hosts = new Map<string, HostFacts>();
  for (const c of plan.centers) hosts.set(c.id, { id: c.id, kind: HostKind.CENTER, name: c.name, countyCode: c.countyCode, establishedOn: c.establishedOn, closedOn: null });
  for (const s of plan.stations) hosts.set(s.id, { id: s.id, kind: HostKind.STATION, name: s.name, countyCode: s.countyCode, establishedOn: s.establishedOn, closedOn: null });
  return { find: async (id) => hosts.get(id) ?? null };
}

/** The seed writes as the system itself: no caller to authorize. */
const seeding = () => {};

const hash = (key: string) => parseInt(stableId(key).slice(0, 8), 16);

async function incubate(tx: EntityManager, desk: Desk, p: DemoIncubation) {
  const s = p.submittedOn;
  const submission = {
    hostId: p.hostId,
    organizationName: p.organizationName,
    category: p.category as ServiceCategory,
    founderName: p.founderName,
    fullTimeStaff: p.fullTimeStaff,
    submittedOn: s,
    compliesWithRegulations: true,
    grassRootsDirectService: true,
    needsIncubationServices: true,
  };
  const h = hash(p.organizationId);
  // One applicant in eight is turned down by the expert panel: a second organization, same host and days.
  if (h % 8 === 0) {
    const { id } = await admission.submitApplication(tx, seeding, {
      ...submission,
      organizationName: `${p.organizationName}筹备组`,
      ids: { organization: stableId(`rejected-organization:${p.organizationId}`), application: stableId(`rejected-application:${p.organizationId}`) },
    }, desk);
    await admission.acceptApplication(tx, seeding, { id, on: addDays(s, 3) }, desk);
    await admission.passPreliminaryReview(tx, seeding, { id, on: addDays(s, 10) }, desk);
    await admission.recordExpertReview(tx, seeding, { id, reviewedOn: addDays(s, 20), publicBenefit: 55, feasibility: 50, team: 45 + (h % 10), potential: 50 }, desk);
  }
  const { id } = await admission.submitApplication(tx, seeding, { ...submission, ids: { organization: p.organizationId, application: stableId(`application:${p.organizationId}`) } }, desk);
  await admission.acceptApplication(tx, seeding, { id, on: addDays(s, 3) }, desk);
  await admission.passPreliminaryReview(tx, seeding, { id, on: addDays(s, 10) }, desk);
  await admission.recordExpertReview(tx, seeding, {
    id,
    reviewedOn: addDays(s, 20),
    publicBenefit: 60 + (h % 35),
    feasibility: 60 + ((h >>> 3) % 35),
    team: 60 + ((h >>> 6) % 35),
    potential: 60 + ((h >>> 9) % 35),
  }, desk);
  await admission.publishNotice(tx, seeding, { id, from: addDays(s, 21), to: addDays(s, 27) }, desk);
  const incubationId = stableId(`incubation:${p.organizationId}`);
  const incubation = await admission.admit(tx, seeding, { applicationId: id, admittedOn: p.admittedOn, plannedEndOn: p.plannedEndOn, incubationId }, desk);
  await steps.recordService(tx, seeding, { incubationId, kind: ServiceKind.PREMISES_AND_EQUIPMENT, on: p.admittedOn, note: null, id: stableId(`service:${incubationId}`) }, desk);
  if (h % 3 === 0) {
    const source = h % 2 ? FundingSource.PUBLIC_FINANCE : FundingSource.DONATION;
    await steps.recordMicroGrant(tx, seeding, { incubationId, amount: `${2000 + (h % 9) * 500}.00`, on: p.admittedOn, source, id: stableId(`grant:${incubationId}`) }, desk);
  }
  if (p.exitedOn) await steps.exitIncubation(tx, seeding, { incubationId, on: p.exitedOn, reason: p.exitReason! }, desk);
  if (p.graduatedOn) await steps.graduate(tx, seeding, { incubationId, on: p.graduatedOn }, desk);
  // Most half-years are evaluated; a few are left overdue, as they are in real county records.
  for (const period of halfYearsEnded(p.admittedOn, p.graduatedOn ?? p.exitedOn ?? null, desk.today)) {
    if (hash(`${incubationId}:${period}`) % 20 === 0) continue;
    const score = 60 + (hash(period + incubationId) % 40);
    await steps.recordEvaluation(tx, seeding, { incubationId, period, score, id: stableId(`evaluation:${incubationId}:${period}`) }, desk);
  }
  return incubation;
}

export async function seedDemo(em: EntityManager, scale: Scale, demo: boolean): Promise<string> {
  if (!demo) return 'no demo data';
  const plan = planDemo(scale);
  // The admission rules this process read at start, as for the mutations; the hosts as the plan has them.
  const desk = deskToday(planHosts(plan));
  const chunk = 200;
  // The national seed takes minutes: a progress bar, one line per tenth (npm start prints children's lines).
  let shown = 0;
  const progress = (done: number) => {
    const tenth = Math.floor((10 * done) / plan.incubations.length);
    if (scale !== 'national' || tenth <= shown) return;
    shown = tenth;
    log().info({ done, of: plan.incubations.length }, `seeding ${'█'.repeat(tenth)}${'░'.repeat(10 - tenth)} ${done.toLocaleString('en')}/${plan.incubations.length.toLocaleString('en')}`);
  };
  // One transaction: a start interrupted while seeding leaves an empty database, seeded again next time,
  // never a partial demo. The steps look up the chunk's records in memory (./ledger) and the chunk is
  // written in multi-row INSERTs, then forgotten, which keeps memory flat.
  await em.fork({ flushMode: FlushMode.COMMIT }).transactional(async (tx) => {
    const ledger = new SeedLedger(tx);
    for (let i = 0; i < plan.incubations.length; i += chunk) {
      for (const p of plan.incubations.slice(i, i + chunk)) await incubate(ledger.em, desk, p);
      await ledger.flush();
      progress(Math.min(i + chunk, plan.incubations.length));
    }
  });
  return `${plan.incubations.length} organizations incubated through the lifecycle`;
}
