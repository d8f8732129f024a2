// The register as Jilin's officials know it: 1 province, 9 prefecture-level units, 69 county-level
// units (60 statutory + 9 development zones), 1,075 town-level units, read through the gateway.
import { loadRegister } from '../subgraphs/kit/register';
import { data } from './support/client';

describe('the Jilin register through the gateway', () => {
  let province: any;
  beforeAll(async () => {
    ({ province } = await data(`{
      province(code: "220000") {
        code name
        prefectures { code name counties { code name kind statutory towns { code name kind } } }
      }
    }`));
  });
  const counties = () => province.prefectures.flatMap((p: any) => p.counties);
  const towns = () => counties().flatMap((c: any) => c.towns);

  it('has the province with its nine prefecture-level units, codes normalized to six digits', () => {
    expect(province).toMatchObject({ code: '220000', name: '吉林省' });
    expect(province.prefectures.map((p: any) => `${p.code} ${p.name}`)).toEqual([
      '220100 长春市', '220200 吉林市', '220300 四平市', '220400 辽源市', '220500 通化市',
      '220600 白山市', '220700 松原市', '220800 白城市', '222400 延边朝鲜族自治州',
    ]);
  });

  it('has 69 county-level units: 60 statutory and 9 development zones', () => {
    expect(counties()).toHaveLength(69);
    expect(counties().filter((c: any) => c.statutory)).toHaveLength(60);
    const zones = counties().filter((c: any) => c.kind === 'DEVELOPMENT_ZONE');
    expect(zones.map((c: any) => c.name)).toContain('长春经济技术开发区');
    expect(zones).toHaveLength(9);
    expect(zones.every((c: any) => !c.statutory)).toBe(true);
  });

  it('names each county kind as the register does', () => {
    const kindOf = (name: string) => counties().find((c: any) => c.name === name)?.kind;
    expect(kindOf('南关区')).toBe('DISTRICT');
    expect(kindOf('榆树市')).toBe('COUNTY_CITY');
    expect(kindOf('农安县')).toBe('COUNTY');
    expect(kindOf('长白朝鲜族自治县')).toBe('AUTONOMOUS_COUNTY');
    expect(kindOf('伊通满族自治县')).toBe('AUTONOMOUS_COUNTY');
  });

  it('has 1,075 town-level units with nine-digit codes, each under its own county', () => {
    expect(towns()).toHaveLength(1075);
    for (const county of counties()) {
      for (const town of county.towns) expect(town.code).toMatch(new RegExp(`^${county.code}\\d{3}$`));
    }
    const kinds = towns().reduce((acc: Record<string, number>, t: any) => ({ ...acc, [t.kind]: (acc[t.kind] ?? 0) + 1 }), {});
    expect(kinds.STREET + kinds.TOWN + kinds.TOWNSHIP + kinds.OTHER).toBe(1075);
    expect(kinds.TOWN).toBeGreaterThan(kinds.TOWNSHIP);
    expect(towns().find((t: any) => t.code === '220102001')).toEqual({ code: '220102001', name: '南岭街道', kind: 'STREET' });
  });

  it('matches the committed national register, which carries every province', () => {
    const national = loadRegister('national');
    expect(national.counties).toHaveLength(2978);
    expect(national.towns).toHaveLength(41352);
    expect(national.provinces.length).toBeGreaterThan(30);
    expect(national.provinces.every((p) => /^\d{2}0000$/.test(p.code))).toBe(true);
    const jilin = loadRegister('jilin');
    expect(national.counties.filter((c) => c.code.startsWith('22'))).toEqual(jilin.counties);
  });

  it('answers an unknown code with NOT_FOUND', async () => {
    const { request } = await import('./support/client');
    const response = await request(`{ county(code: "229999") { name } }`);
    expect(response.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });
});
