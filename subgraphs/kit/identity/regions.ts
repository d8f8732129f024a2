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

/**
 * An ORM filter for the county codes inside a region (not the nation): a range of codes, which a plain
 * index on the column serves — `like '22%'` is a scan unless the index is built with pattern ops.
 * Codes are digits of one length, so the next prefix bounds the range (22 → 23, 2201 → 2202).
 */
export function countyCodesIn(region: string): { $gte: string; $lt: string } {
  const prefix = regionPrefix(region);
  return { $gte: prefix, $lt: String(Number(prefix) + 1).padStart(prefix.length, '0') };
}

/** Whether `code` (a county or town) lies inside `region`. */
export const contains = (region: string, code: string) => code.startsWith(regionPrefix(region));

/** The province a code belongs to (220102 → 220000). */
export const provinceOf = (code: string) => `${code.slice(0, 2)}0000`;

/** The prefecture a county belongs to by its code (220102 → 220100). */
export const prefectureOf = (code: string) => `${code.slice(0, 4)}00`;

/**
 * Development zones 开发区 have 7 as the fifth digit of their code (220171 长春经济技术开发区): GB/T 2260's
 * statistical convention, held against the register by tests/unit/regions.test.ts. Tiers that do not
 * hold the register's county kinds group by it in SQL, so the province can leave development zones out.
 */
export const isDevelopmentZoneCode = (code: string) => code.length >= 6 && code[4] === '7';

/** SQL over a county-code column: its province's code, and whether it is a development zone (as above). */
export const provinceSql = (column: string) => `left(${column}, 2) || '0000'`;
export const developmentZoneSql = (column: string) => `substr(${column}, 5, 1) = '7'`;
