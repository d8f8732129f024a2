// The contract's CountyProfile for one county, and batching across subgraphs: resolving the centers
// and towns of all 69 counties costs the same SQL statements and subgraph fetches as 9.
import { contract } from './support/contract';
import { counted, data } from './support/client';
import { loadRegister } from '../subgraphs/kit/register';
import { planDemo } from '../subgraphs/kit/demo';

describe('CountyProfile', () => {
  const plan = planDemo('jilin');
  // A county the demo gives a center and at least one station.
  const county = loadRegister('jilin').counties.find(
    (c) => plan.centers.some((x) => x.countyCode === c.code) && plan.stations.some((s) => s.countyCode === c.code),
  )!;

  it('shows a county with its prefecture, center, towns and stations', async () => {
    const { county: profile } = await data(contract('CountyProfile'), { code: county.code, year: 2017 });
    const center = plan.centers.find((c) => c.countyCode === county.code)!;
    expect(profile).toMatchObject({
      code: county.code,
      name: county.name,
      kind: county.kind,
      prefecture: { code: county.prefectureCode },
      incubationCenter: { id: center.id, name: center.name, establishedOn: center.establishedOn, operator: center.operator },
    });
    const towns = loadRegister('jilin').towns.filter((t) => t.countyCode === county.code);
    expect(profile.towns.map((t: any) => t.code)).toEqual(towns.map((t) => t.code));
    const stations = plan.stations.filter((s) => s.countyCode === county.code);
    expect(profile.stations.map((s: any) => s.town.code).sort()).toEqual(stations.map((s) => s.townCode).sort());
    // admitted(year) and incubations(year) count what the demo admitted in 2017, host by host.
    const admittedIn2017 = (hostId: string) => plan.incubations.filter((i) => i.hostId === hostId && i.admittedOn.startsWith('2017'));
    expect(profile.incubationCenter.admitted).toBe(admittedIn2017(center.id).length);
    expect(profile.incubationCenter.incubations.map((i: any) => i.organization.id).sort()).toEqual(
      admittedIn2017(center.id).map((i) => i.organizationId).sort(),
    );
    for (const station of profile.stations) expect(station.admitted).toBe(admittedIn2017(station.id).length);
    for (const town of profile.towns) {
      const station = stations.find((s) => s.townCode === town.code);
      expect(town.station?.id ?? null).toBe(station?.id ?? null);
      if (station) expect(town.isLarge).toBe(true); // the demo opens stations only in larger towns
    }
  });
});

describe('batched entity resolution', () => {
  const query = `query Batch($codes: [ID!]) {
    counties(codes: $codes) { code name prefecture { name } incubationCenter { name county { code } } towns { code isLarge station { name } } stations { name town { name } } }
  }`;
  const all = loadRegister('jilin').counties.map((c) => c.code);

  it('costs the same statements and fetches for 69 counties as for 9', async () => {
    const nine = await counted(() => data(query, { codes: all.slice(0, 9) }));
    const sixtyNine = await counted(() => data(query, { codes: all }));
    expect(nine.result.counties).toHaveLength(9);
    expect(sixtyNine.result.counties).toHaveLength(69);
    expect(sixtyNine.counts.subgraphFetches).toBe(nine.counts.subgraphFetches);
    expect(sixtyNine.counts.sqlStatements).toBe(nine.counts.sqlStatements);
    expect(sixtyNine.counts.sqlStatements).toBeGreaterThan(0);
    console.log(`9 counties: ${JSON.stringify(nine.counts)}\n69 counties: ${JSON.stringify(sixtyNine.counts)}`);
  });
});
