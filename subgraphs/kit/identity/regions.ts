// How region codes nest (GB/T 2260): 220000 a province, 220100 a prefecture, 220102 a county, 220102001
// a town; 000000 is the nation. The one place that knows it: scopes, access rules and filters all ask here.

/** The whole country as a scope: every province's counties. */
export const NATION = '000000';

export type RegionLevel = 'nation' | 'province' | 'prefecture' | 'county';

/** A six-digit region code (nation, province, prefecture or county); towns have nine digits. */
export const isRegionCode = (code: string) => /^\d{6}$/.test(code);

export function levelOf(code: string): RegionLevel {
  if (code === NATION) return 'nation';
  if (code.endsWith('0000')) return 'province';
  if (code.endsWith('00')) return 'prefecture';
  return 'county';
}

/**
 * The prefix every county code inside a region starts with: 000000 → '', 220000 → 22, 220100 → 2201,
 * 220102 → 220102 (and 469000 → 4690, a province's directly administered counties).
 */
export function regionPrefix(code: string): string {
  return code.replace(/(00)+$/, '');
}

/** Whether `code` (a county or town) lies inside `region`. */
export const contains = (region: string, code: string) => code.startsWith(regionPrefix(region));

/** The province a code belongs to (220102 → 220000). */
export const provinceOf = (code: string) => `${code.slice(0, 2)}0000`;

/** The prefecture a county belongs to by its code (220102 → 220100). */
export const prefectureOf = (code: string) => `${code.slice(0, 4)}00`;
