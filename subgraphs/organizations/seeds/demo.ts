// The demo's organizations, driven through the real lifecycle (lifecycle.ts): every application is
// checked against C1–C4, goes through the admission steps in order, and is admitted, evaluated,
// graduated or exited by the same rules a county clerk's requests meet.
import { FlushMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { addDays, planDemo, stableId, type DemoIncubation, type DemoPlan } from '../../kit/demo';
import { type Scale } from '../../kit/register';
import { today } from '../../kit/runtime';
import { FundingSource, ServiceKind } from '../entities/incubation';
import { HostKind, type HostFacts } from '../entities/host';
import { ServiceCategory } from '../entities/organization';
import type { HostDirectory } from '../hosts';
import * as lifecycle from '../lifecycle';

/** The hosts as the demo plan has them: the same facts the centers and stations subgraphs seed. */
function planHosts(plan: DemoPlan): HostDirectory {
  const hosts = new Map<string, HostFacts>();
  for (const c of plan.centers) hosts.set(c.id, { id: c.id, kind: HostKind.CENTER, name: c.name, countyCode: c.countyCode, establishedOn: c.establishedOn, closedOn: null });
  for (const s of plan.stations) hosts.set(s.id, { id: s.id, kind: HostKind.STATION, name: s.name, countyCode: s.countyCode, establishedOn: s.establishedOn, closedOn: null });
  return { find: async (id) => hosts.get(id) ?? null };
}

/** Every half-year that ended while the incubation ran and before `until`. */
function halvesOf(p: DemoIncubation, until: string): string[] {
  const end = p.graduatedOn ?? p.exitedOn ?? until;
  const periods: string[] = [];
  for (let year = Number(p.admittedOn.slice(0, 4)); year <= Number(end.slice(0, 4)); year++) {
    for (const [half, last] of [['H1', '06-30'], ['H2', '12-31']] as const) {
      const periodEnd = `${year}-${last}`;
      if (periodEnd >= p.admittedOn && periodEnd < until && `${year}-${half === 'H1' ? '01-01' : '07-01'}` <= end) periods.push(`${year}${half}`);
    }
  }
  return periods;
}

/** The seed writes as the system itself: no caller to authorize. */
const seeding = () => {};

const hash = (key: string) => parseInt(stableId(key).slice(0, 8), 16);

async function incubate(tx: EntityManager, hosts: HostDirectory, p: DemoIncubation, now: string) {
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
    const rejected = await lifecycle.submitApplication(tx, seeding, hosts, { ...submission, organizationName: `${p.organizationName}筹备组` }, now, {
      organization: stableId(`rejected-organization:${p.organizationId}`),
      application: stableId(`rejected-application:${p.organizationId}`),
    });
    rejected.accept(addDays(s, 3));
    rejected.passPreliminaryReview(addDays(s, 10));
    rejected.recordExpertReview(addDays(s, 20), { publicBenefit: 55, feasibility: 50, team: 45 + (h % 10), potential: 50 });
  }
  const application = await lifecycle.submitApplication(tx, seeding, hosts, submission, now, {
    organization: p.organizationId,
    application: stableId(`application:${p.organizationId}`),
  });
  application.accept(addDays(s, 3));
  application.passPreliminaryReview(addDays(s, 10));
  application.recordExpertReview(addDays(s, 20), { publicBenefit: 60 + (h % 35), feasibility: 60 + ((h >>> 3) % 35), team: 60 + ((h >>> 6) % 35), potential: 60 + ((h >>> 9) % 35) });
  application.publishNotice(addDays(s, 21), addDays(s, 27));
  const incubationId = stableId(`incubation:${p.organizationId}`);
  const incubation = await lifecycle.admit(tx, seeding, application.id, p.admittedOn, p.plannedEndOn, now, incubationId);
  await lifecycle.recordService(tx, seeding, incubationId, ServiceKind.PREMISES_AND_EQUIPMENT, p.admittedOn, null, now);
  if (h % 3 === 0) await lifecycle.recordMicroGrant(tx, seeding, incubationId, `${2000 + (h % 9) * 500}.00`, p.admittedOn, h % 2 ? FundingSource.PUBLIC_FINANCE : FundingSource.DONATION, now);
  if (p.exitedOn) await lifecycle.exitIncubation(tx, seeding, incubationId, p.exitedOn, p.exitReason!, now);
  if (p.graduatedOn) await lifecycle.graduate(tx, seeding, incubationId, p.graduatedOn, now);
  // Most half-years are evaluated; a few are left overdue, as they are in real county records.
  for (const period of halvesOf(p, now)) {
    if (hash(`${incubationId}:${period}`) % 20 === 0) continue;
    await lifecycle.recordEvaluation(tx, seeding, incubationId, period, 60 + (hash(period + incubationId) % 40), now, stableId(`evaluation:${incubationId}:${period}`));
  }
  return incubation;
}

export async function seedDemo(em: EntityManager, scale: Scale, demo: boolean): Promise<string> {
  if (!demo) return 'no demo data';
  const plan = planDemo(scale);
  const hosts = planHosts(plan);
  const now = today();
  const chunk = 200;
  // The national seed takes minutes: a progress bar, one line per tenth (npm start prints children's lines).
  let shown = 0;
  const progress = (done: number) => {
    const tenth = Math.floor((10 * done) / plan.incubations.length);
    if (scale !== 'national' || tenth <= shown) return;
    shown = tenth;
    console.log(`[organizations] seeding ${'█'.repeat(tenth)}${'░'.repeat(10 - tenth)} ${done.toLocaleString('en')}/${plan.incubations.length.toLocaleString('en')}`);
  };
  // One transaction: a start interrupted while seeding leaves an empty database, seeded again next time,
  // never a partial demo. Flushed and cleared chunk by chunk (each record is new, so no query needs the
  // unflushed ones), which keeps memory flat.
  await em.fork({ flushMode: FlushMode.COMMIT }).transactional(async (tx) => {
    for (let i = 0; i < plan.incubations.length; i += chunk) {
      for (const p of plan.incubations.slice(i, i + chunk)) await incubate(tx, hosts, p, now);
      await tx.flush();
      tx.clear();
      progress(Math.min(i + chunk, plan.incubations.length));
    }
  });
  return `${plan.incubations.length} organizations incubated through the lifecycle`;
}
