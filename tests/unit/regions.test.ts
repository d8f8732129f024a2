// How region codes nest (subgraphs/kit/identity/regions.ts): the one module scopes, access and filters ask.
import { NATION, contains, countyCodesIn, isRegionCode, levelOf, prefectureOf, provinceOf, regionPrefix } from '../../subgraphs/kit/identity/regions';

describe('region codes (GB/T 2260)', () => {
  it.each([
    [NATION, 'nation', ''],
    ['220000', 'province', '22'],
    ['220100', 'prefecture', '2201'],
    ['220102', 'county', '220102'],
    ['222400', 'prefecture', '2224'], // 延边朝鲜族自治州
    ['220171', 'county', '220171'], // a development zone counts as a county-level unit
    ['469000', 'prefecture', '4690'], // Hainan's directly administered counties
  ] as const)('%s is a %s with prefix "%s"', (code, level, prefix) => {
    expect(levelOf(code)).toBe(level);
    expect(regionPrefix(code)).toBe(prefix);
  });

  it.each([
    [NATION, '220102', true],
    [NATION, '110101', true],
    ['220000', '220102', true],
    ['220000', '220102001', true], // a town
    ['220000', '210102', false],
    ['220100', '220102', true],
    ['220100', '220171', true],
    ['220100', '220202', false],
    ['220100', '220000', false], // a prefecture does not contain its province
    ['220102', '220102', true],
    ['220102', '220102001', true],
    ['220102', '220103', false],
    ['220102', '220103001', false],
  ] as const)('contains(%s, %s) is %s', (region, code, inside) => {
    expect(contains(region, code)).toBe(inside);
  });

  it('finds the province and prefecture of a county or a town', () => {
    expect(provinceOf('220102')).toBe('220000');
    expect(prefectureOf('220102')).toBe('220100');
    expect(provinceOf('222402101')).toBe('220000');
    expect(prefectureOf('222402101')).toBe('222400');
  });

  it('takes six digits as a region code, and nothing else', () => {
    expect(['000000', '220000', '220102'].map(isRegionCode)).toEqual([true, true, true]);
    expect(['22010', '2201020', '220102001', '22a102', '', ' 220102'].map(isRegionCode)).toEqual([false, false, false, false, false, false]);
  });

  it('bounds the county codes inside a region as a range: the same codes as its prefix, no more', () => {
    const inside = (region: string, code: string) => {
      const { $gte, $lt } = countyCodesIn(region);
      return code >= $gte && code < $lt;
    };
    for (const [region, code] of [['220000', '220102'], ['220000', '229001'], ['220100', '220199'], ['220102', '220102'], ['460000', '469001'], ['469000', '469026']]) {
      expect(inside(region, code)).toBe(true);
      expect(contains(region, code)).toBe(true);
    }
    for (const [region, code] of [['220000', '230102'], ['220000', '210000'], ['220100', '220200'], ['220102', '220103'], ['469000', '460100']]) {
      expect(inside(region, code)).toBe(false);
      expect(contains(region, code)).toBe(false);
    }
  });
});
