// Every scope follows the region of the path, for any province of the register: on the test seed
// (吉林省 220000 and 宁夏回族自治区 640000, demo data for both) a second province's page shows its own
// figures, the nation 000000 is a scope like any other, and a code that is no region is refused.
import { loadRegister } from '../subgraphs/kit/register';
import { counted, data, request } from './support/client';

const JILIN = '220000';
const NINGXIA = '640000';
const register = loadRegister('test');
const statutory = (province: string) => register.counties.filter((c) => c.code.startsWith(province.slice(0, 2)) && c.kind !== 'DEVELOPMENT_ZONE').length;

const PAGE = `query($code: ID!, $year: Int!) { province(code: $code) { code name milestone(year: $year) { year progress { scope asOf countiesTotal countiesMet counties { county { code } } } } } }`;
const page = async (code: string, year: number) => (await data(PAGE, { code, year })).province;
const NATION_PAGE = `query($year: Int!) { nation { code name provinces { code } milestone(year: $year) { progress { scope countiesTotal countiesMet } } } }`;

describe('a province page answers for its own province', () => {
  it.each([2015, 2017, 2020])('T%i: Ningxia and Jilin each count their own counties; the nation counts both', async (year) => {
    const [jilin, ningxia, { nation }] = await Promise.all([page(JILIN, year), page(NINGXIA, year), data(NATION_PAGE, { year })]);
    expect(ningxia.name).toBe('宁夏回族自治区');
    expect(ningxia.milestone.progress).toMatchObject({ scope: NINGXIA, asOf: `${year}-12-31`, countiesTotal: statutory(NINGXIA) });
    expect(jilin.milestone.progress).toMatchObject({ scope: JILIN, countiesTotal: 60 });
    expect(statutory(NINGXIA)).toBe(22);
    expect(ningxia.milestone.progress.counties.every((c: any) => c.county.code.startsWith('64'))).toBe(true);
    expect(jilin.milestone.progress.counties.every((c: any) => c.county.code.startsWith('22'))).toBe(true);

    expect(nation).toMatchObject({ code: '000000', name: '全国', provinces: [{ code: JILIN }, { code: NINGXIA }] });
    const n = nation.milestone.progress;
    expect(n.scope).toBe('000000');
    expect(n.countiesTotal).toBe(60 + 22);
    expect(n.countiesMet).toBe(jilin.milestone.progress.countiesMet + ningxia.milestone.progress.countiesMet);
    console.log(
      `T${year} test seed: 吉林 ${jilin.milestone.progress.countiesMet}/60 met, 宁夏 ${ningxia.milestone.progress.countiesMet}/22 met, nation ${n.countiesMet}/${n.countiesTotal} met`,
    );
  });

  it("rolls a province's prefectures up to the province's own figures", async () => {
    const { province } = await data(`{ province(code: "${NINGXIA}") { prefectures { code milestone(year: 2017) { progress { scope countiesTotal countiesMet } } } milestoneProgress(year: 2017) { countiesTotal countiesMet } } }`);
    expect(province.prefectures.map((p: any) => p.code)).toEqual(['640100', '640200', '640300', '640400', '640500']);
    for (const p of province.prefectures) expect(p.milestone.progress.scope).toBe(p.code);
    const sum = (key: string) => province.prefectures.reduce((s: number, p: any) => s + p.milestone.progress[key], 0);
    expect({ countiesTotal: sum('countiesTotal'), countiesMet: sum('countiesMet') }).toEqual(province.milestoneProgress);
  });

  it('follows the path to a county, and takes an explicit scope over the path', async () => {
    const { county, province } = await data(`{
      county(code: "640104") { milestone(year: 2017) { progress { scope countiesTotal counties { county { name } } } } }
      province(code: "${NINGXIA}") { milestone(year: 2017) { progress(scope: "${JILIN}") { scope countiesTotal } } }
    }`);
    expect(county.milestone.progress).toEqual({ scope: '640104', countiesTotal: 1, counties: [{ county: { name: '兴庆区' } }] });
    expect(province.milestone.progress).toEqual({ scope: JILIN, countiesTotal: 60 });
  });

  it('reads the nation from the root milestones, or from the scope 000000 anywhere', async () => {
    const { milestones, province } = await data(`{ milestones { year progress { scope countiesTotal } } province(code: "${JILIN}") { milestone(year: 2017) { progress(scope: "000000") { scope countiesTotal } } } }`);
    expect(milestones.map((m: any) => m.progress)).toEqual([2015, 2017, 2020].map(() => ({ scope: '000000', countiesTotal: 82 })));
    expect(province.milestone.progress).toEqual({ scope: '000000', countiesTotal: 82 });
  });
});

describe('a code that is no region is refused, never answered empty', () => {
  const refusal = async (query: string) => {
    const response = await request(query);
    expect(response.errors).toHaveLength(1);
    return { code: response.errors![0].extensions?.code, message: response.errors![0].message };
  };

  it.each([
    ['a scorecard scope', `{ province(code: "220000") { milestone(year: 2017) { progress(scope: "100000") { countiesTotal } } } }`],
    ['a province', `{ province(code: "100000") { name } }`],
    ['a prefecture', `{ prefecture(code: "229900") { name } }`],
    ['an audit trail scope', `{ auditTrail(scope: "100000") { province { id } } }`],
    ['a prefecture filter', `{ counties(prefectureCode: "229900") { code } }`],
    ['county codes', `{ counties(codes: ["220102", "229999"]) { code } }`],
  ])('NOT_FOUND for a well-formed code of no region: %s', async (_what, query) => {
    const { code, message } = await refusal(query);
    expect(code).toBe('NOT_FOUND');
    expect(message).toMatch(/100000|229900|229999/);
  });

  it.each([
    ['a scorecard scope', `{ milestones { progress(scope: "22") { countiesTotal } } }`],
    ['an audit trail scope', `{ auditTrail(scope: "jilin") { province { id } } }`],
    ['a county', `{ county(code: "220102001") { name } }`],
  ])('BAD_USER_INPUT for a code that is not six digits: %s', async (_what, query) => {
    const { code, message } = await refusal(query);
    expect(code).toBe('BAD_USER_INPUT');
    expect(message).toMatch(/six digits/);
  });
});

describe('the audit trail of any region', () => {
  it("shows a prefecture its counties' writes and another province none of them", async () => {
    // A town of 兴庆区 not designated larger now, so the designation below is a change.
    const { county } = await data(`{ county(code: "640104") { towns { code isLarge } } }`);
    const town = county.towns.find((t: { isLarge: boolean }) => !t.isLarge).code;
    await data(`mutation($t: ID!) { designateLargeTown(code: $t, isLarge: true, on: "2024-03-01") { isLarge } }`, { t: town });
    await data(`mutation($t: ID!) { designateLargeTown(code: $t, isLarge: false, on: "2024-06-01") { isLarge } }`, { t: town });
    const trail = async (scope: string) =>
      (await data(`query($s: ID!) { auditTrail(scope: $s) { scope stations(first: 500) { countyCode } } }`, { s: scope })).auditTrail.stations.map((e: any) => e.countyCode);
    for (const scope of ['640104', '640100', NINGXIA, '000000']) expect(await trail(scope)).toContain('640104');
    expect(await trail(JILIN)).not.toContain('640104');
    expect((await trail('640100')).every((code: string) => code.startsWith('6401'))).toBe(true);
  });
});

describe('the cost of a scorecard does not depend on its scope', () => {
  it('takes 5 fetches for a county, a province and the nation, and the same SQL statements for a county and a province', async () => {
    const query = `query($scope: ID!) { nation { milestone(year: 2017) { progress(scope: $scope) { countiesTotal countiesMet counties { met county { name } checks { rule actual met } } } } } }`;
    const [county, province, nation] = [
      await counted(() => data(query, { scope: '640104' })),
      await counted(() => data(query, { scope: NINGXIA })),
      await counted(() => data(query, { scope: '000000' })),
    ];
    expect(county.result.nation.milestone.progress.countiesTotal).toBe(1);
    expect(nation.result.nation.milestone.progress.countiesTotal).toBe(82);
    for (const { counts } of [county, province, nation]) expect(counts.subgraphFetches).toBe(5);
    expect(province.counts.sqlStatements).toBe(county.counts.sqlStatements);
    // Scopes are checked against the register the province holds in memory: the nation costs what a province costs.
    expect(nation.counts.sqlStatements).toBe(province.counts.sqlStatements);
    console.log(`T2017 scorecard cost (SQL statements, subgraph fetches): county ${county.counts.sqlStatements}/${county.counts.subgraphFetches}, province ${province.counts.sqlStatements}/${province.counts.subgraphFetches}, nation ${nation.counts.sqlStatements}/${nation.counts.subgraphFetches}`);
  });
});
