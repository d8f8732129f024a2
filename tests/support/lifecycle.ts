// Drives the contract's county mutations the way a county system does.
import { contract } from './contract';
import { data, request } from './client';

export const validApplication = (hostId: string, overrides: Record<string, unknown> = {}) => ({
  hostId,
  organizationName: '测试社区互助服务社',
  category: 'COMMUNITY_SERVICE',
  founderName: '王测试',
  fullTimeStaff: 1,
  submittedOn: '2025-03-01',
  compliesWithRegulations: true,
  grassRootsDirectService: true,
  needsIncubationServices: true,
  ...overrides,
});

export async function openCenter(countyCode: string, establishedOn = '2024-01-10') {
  const { openIncubationCenter } = await data(contract('OpenCenter'), {
    input: { countyCode, name: `测试孵化中心${countyCode}`, establishedOn, constructionMode: 'PUBLIC_PREMISES', operationMode: 'PURCHASED_SERVICE', operator: '测试社会组织发展促进会' },
  });
  return openIncubationCenter as { id: string };
}

/** Submits and takes an application through every admission step up to an ended public notice. */
export async function throughNotice(hostId: string, overrides: Record<string, unknown> = {}, start = '2025-03-01') {
  const day = (n: number) => new Date(Date.parse(start) + n * 86_400_000).toISOString().slice(0, 10);
  const { submitApplication } = await data(contract('SubmitApplication'), { input: validApplication(hostId, { submittedOn: start, ...overrides }) });
  const id = submitApplication.id as string;
  await data(contract('AcceptApplication'), { id, acceptedOn: day(2) });
  await data(contract('PassPreliminaryReview'), { id, preliminaryReviewedOn: day(7) });
  await data(contract('RecordExpertReview'), { id, input: { expertReviewedOn: day(14), publicBenefit: 80, feasibility: 70, team: 75, potential: 85 } });
  await data(contract('PublishNotice'), { id, noticeFrom: day(15), noticeTo: day(21) });
  return { id, admitOn: day(22), day };
}

export async function admitted(hostId: string, overrides: Record<string, unknown> = {}, start = '2025-03-01') {
  const { id, admitOn } = await throughNotice(hostId, overrides, start);
  const { admit } = await data(contract('Admit'), { applicationId: id, admittedOn: admitOn, plannedEndOn: '2026-06-30' });
  return { applicationId: id, incubation: admit as { id: string; organization: { id: string } }, admitOn };
}

export async function errorCode(operation: string, variables: Record<string, unknown>) {
  const response = await request(contract(operation), variables);
  return { code: response.errors?.[0]?.extensions?.code, message: response.errors?.[0]?.message ?? '', data: response.data };
}
