// The demo seed runs the lifecycle steps over an in-memory ledger of the records it created
// (subgraphs/organizations/seeds/ledger.ts). These check that the steps' rules still bite there: a
// look-up the ledger answered wrong would let a refused step through.
import 'reflect-metadata';
import type { EntityManager } from '@mikro-orm/postgresql';
import { HostKind } from '../../subgraphs/organizations/entities/host';
import { ServiceCategory } from '../../subgraphs/organizations/entities/organization';
import { Evaluation, ServiceKind } from '../../subgraphs/organizations/entities/incubation';
import * as admission from '../../subgraphs/organizations/lifecycle/admission';
import type { Desk } from '../../subgraphs/organizations/lifecycle/desk';
import * as steps from '../../subgraphs/organizations/lifecycle/incubation';
import { SeedLedger } from '../../subgraphs/organizations/seeds/ledger';

// The unit of work's part the ledger uses: create an entity from its data (no database in unit tests).
const unitOfWork = { create: (entity: new () => object, data: object) => Object.assign(new entity(), data) } as unknown as EntityManager;
const host = { id: 'host-1', kind: HostKind.CENTER, name: '南关区社会组织孵化中心', countyCode: '220102', establishedOn: '2015-01-01', closedOn: null };
const desk: Desk = { today: '2025-06-30', rules: { expertPassMark: 240, noticeMinDays: 5 }, hosts: { find: async (id) => (id === host.id ? host : null) } };
const seeding = () => {};

async function admitted(ledger: SeedLedger, n: number, scores = 70) {
  const tx = ledger.em;
  const { id } = await admission.submitApplication(tx, seeding, {
    hostId: host.id, organizationName: `社区服务社${n}`, category: ServiceCategory.ELDERLY_CARE, founderName: '王芳', fullTimeStaff: 2, submittedOn: '2020-01-02',
    compliesWithRegulations: true, grassRootsDirectService: true, needsIncubationServices: true, ids: { organization: `organization-${n}`, application: `application-${n}` },
  }, desk);
  await admission.acceptApplication(tx, seeding, { id, on: '2020-01-05' }, desk);
  await admission.passPreliminaryReview(tx, seeding, { id, on: '2020-01-12' }, desk);
  const reviewed = await admission.recordExpertReview(tx, seeding, { id, reviewedOn: '2020-01-22', publicBenefit: scores, feasibility: scores, team: scores, potential: scores }, desk);
  if (reviewed.status === 'REJECTED') return { id, incubationId: null };
  await admission.publishNotice(tx, seeding, { id, from: '2020-01-23', to: '2020-01-29' }, desk);
  const incubation = await admission.admit(tx, seeding, { applicationId: id, admittedOn: '2020-02-01', plannedEndOn: '2022-02-01', incubationId: `incubation-${n}` }, desk);
  return { id, incubationId: incubation.id };
}

describe('the seed ledger', () => {
  it('answers the steps as the database would: order, duplicates and later evaluations are refused', async () => {
    const ledger = new SeedLedger(unitOfWork);
    const { id, incubationId } = await admitted(ledger, 1);
    await expect(admission.acceptApplication(ledger.em, seeding, { id, on: '2020-03-01' }, desk)).rejects.toMatchObject({ extensions: { code: 'CONFLICT' } });
    await steps.recordEvaluation(ledger.em, seeding, { incubationId: incubationId!, period: '2021H1', score: 80 }, desk);
    await expect(steps.recordEvaluation(ledger.em, seeding, { incubationId: incubationId!, period: '2021H1', score: 90 }, desk)).rejects.toMatchObject({ extensions: { code: 'CONFLICT' } });
    // Graduating in 2020 would leave the 2021H1 evaluation after the end.
    await expect(steps.graduate(ledger.em, seeding, { incubationId: incubationId!, on: '2020-12-01' }, desk)).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    await steps.graduate(ledger.em, seeding, { incubationId: incubationId!, on: '2021-12-01' }, desk);
    await expect(steps.exitIncubation(ledger.em, seeding, { incubationId: incubationId!, on: '2021-12-02', reason: '主动申请退出' }, desk)).rejects.toMatchObject({ extensions: { code: 'CONFLICT' } });
  });

  it('keeps each organization to its own records, and a rejected application is not admitted', async () => {
    const ledger = new SeedLedger(unitOfWork);
    const first = await admitted(ledger, 1);
    const second = await admitted(ledger, 2);
    await steps.recordEvaluation(ledger.em, seeding, { incubationId: first.incubationId!, period: '2021H1', score: 80 }, desk);
    await steps.recordEvaluation(ledger.em, seeding, { incubationId: second.incubationId!, period: '2021H1', score: 75 }, desk);
    const rejected = await admitted(ledger, 3, 50);
    expect(rejected.incubationId).toBeNull();
    await expect(admission.admit(ledger.em, seeding, { applicationId: rejected.id, admittedOn: '2020-02-01', plannedEndOn: '2022-02-01' }, desk)).rejects.toMatchObject({ extensions: { code: 'CONFLICT' } });
    await expect(steps.recordService(ledger.em, seeding, { incubationId: 'incubation-none', kind: ServiceKind.PREMISES_AND_EQUIPMENT, on: '2020-03-01', note: null }, desk)).rejects.toMatchObject({ extensions: { code: 'NOT_FOUND' } });
  });

  it('refuses a look-up it cannot answer rather than answer it wrong', async () => {
    const ledger = new SeedLedger(unitOfWork);
    await expect(ledger.em.find(Evaluation, { period: { $like: '2021%' } })).rejects.toThrow(/does not answer \$like/);
    await expect(ledger.em.find(Evaluation, {}, { offset: 1 } as never)).rejects.toThrow(/does not answer the option offset/);
  });
});
