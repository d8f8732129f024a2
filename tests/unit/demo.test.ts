// The demo plan (subgraphs/kit/demo) is deterministic: every subgraph computes the same plan on its own,
// on every machine, so each can seed its slice without reading another's database.
import { loadRegister } from '../../subgraphs/kit/register';
import { CATEGORIES, planDemo, profileOf, stableId } from '../../subgraphs/kit/demo';

describe('the demo plan', () => {
  const plan = planDemo('jilin');

  it('is the same plan on every run', () => {
    expect(planDemo('jilin')).toEqual(plan);
  });

  it('keeps the ids and figures the tests and documentation rely on', () => {
    expect(stableId('center:220122')).toBe('dd88b189-6d5e-5b95-a4f9-de00c36555f7');
    expect(plan.centers.find((c) => c.countyCode === '220122')).toEqual({
      id: 'dd88b189-6d5e-5b95-a4f9-de00c36555f7',
      countyCode: '220122',
      name: '农安县社会组织孵化中心',
      establishedOn: '2015-04-20',
      constructionMode: 'PUBLIC_PREMISES',
      operationMode: 'PURCHASED_SERVICE',
      operator: '农安县社会组织发展促进会',
    });
    expect(plan.stations.filter((s) => s.countyCode === '220122').map((s) => [s.id, s.townCode])).toEqual([
      ['42fe408e-ecd7-5314-a5b5-893eb80e6545', '220122100'],
      ['88a1a7cb-56f1-5540-acc9-ea340451b47d', '220122101'],
    ]);
    expect([plan.centers.length, plan.largeTowns.length, plan.stations.length, plan.incubations.length]).toEqual([60, 134, 82, 5005]);
  });

  it('gives the counties uneven profiles, so targets are met and missed for different reasons', () => {
    const profiles: Record<string, number> = {};
    for (const county of loadRegister('jilin').counties) profiles[profileOf(county)] = (profiles[profileOf(county)] ?? 0) + 1;
    expect(profiles).toEqual({ 'on-track': 29, 'late-center': 15, 'few-incubations': 3, 'no-stations': 9, 'weak-stations': 2, 'too-many-stations': 2, 'no-center': 9 });
  });

  it('has unique ids, and every incubation at a planned host, after it opened, in its own county', () => {
    const ids = [...plan.centers.map((c) => c.id), ...plan.stations.map((s) => s.id), ...plan.incubations.map((i) => i.organizationId)];
    expect(new Set(ids).size).toBe(ids.length);
    const hosts = new Map([...plan.centers, ...plan.stations].map((h) => [h.id, h]));
    expect(plan.incubations.length).toBeGreaterThan(0);
    for (const incubation of plan.incubations) {
      const host = hosts.get(incubation.hostId);
      expect(host).toBeDefined();
      expect([incubation.organizationId, host!.countyCode]).toEqual([incubation.organizationId, incubation.countyCode]);
      expect(incubation.submittedOn >= host!.establishedOn && incubation.submittedOn < incubation.admittedOn).toBe(true);
      expect(CATEGORIES).toContain(incubation.category);
    }
  });
});
