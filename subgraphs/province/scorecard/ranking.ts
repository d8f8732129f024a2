// The national comparison 全国比较 (T2020: 达到全国中上水平 "in scale, social impact and service capacity"):
// every province with counted counties ranked on four indicators, and a composite rank — the mean of its
// four indicator ranks, ranked again. Pure: the province's resolvers feed it the tiers' per-province
// totals (kit/federation/national-facts.ts) and the register's county counts; tests/unit works it by hand.
import type { NationalFacts } from '../../kit/federation';
import { within, type CheckOutcome } from './evaluate';
import { provinceRuleOf, type Threshold } from './rules';

/** One province's totals over its counted counties (development zones only when the milestone counts them). */
export interface ProvinceFigures {
  provinceCode: string;
  counties: number;
  countiesWithCenter: number;
  largeTowns: number;
  largeTownsWithStation: number;
  admitted: number;
  graduated: number;
  exited: number;
}

export type IndicatorId = 'CENTER_COVERAGE' | 'LARGE_TOWN_STATION_COVERAGE' | 'ADMISSIONS_PER_COUNTY' | 'GRADUATION_RATE';

export interface Indicator {
  id: IndicatorId;
  definition: string;
  /** The province's figure; null when it has nothing to measure (no larger towns, no incubation ended). Higher is better. */
  value(figures: ProvinceFigures): number | null;
}

const share = (part: number, whole: number) => (whole ? (100 * part) / whole : null);

/** The indicators T2020 speaks of, each tied to the policy's words; all weigh the same in the composite. */
export const INDICATORS: Indicator[] = [
  {
    id: 'CENTER_COVERAGE',
    definition: 'Service capacity 服务能力: counties with an incubation center open on the date, as a percentage of the counted counties.',
    value: (f) => share(f.countiesWithCenter, f.counties),
  },
  {
    id: 'LARGE_TOWN_STATION_COVERAGE',
    definition: 'Service capacity 服务能力: towns designated larger 较大的街道(镇) on the date with a station open, as a percentage of those towns.',
    value: (f) => share(f.largeTownsWithStation, f.largeTowns),
  },
  {
    id: 'ADMISSIONS_PER_COUNTY',
    definition: 'Scale 规模数量: organizations admitted 入驻 in the year (up to the date) per counted county.',
    value: (f) => (f.counties ? f.admitted / f.counties : null),
  },
  {
    id: 'GRADUATION_RATE',
    definition: 'Social impact 社会影响: incubations graduated 出壳 as a percentage of those ended (graduated + exited) by the date.',
    value: (f) => share(f.graduated, f.graduated + f.exited),
  },
];

/**
 * Competition ranks ("1224"), higher values first: equal values share a rank and the next rank skips.
 * A null (nothing to measure) ranks after every value, all nulls tied.
 */
export function competitionRanks(values: readonly (number | null)[]): number[] {
  return values.map((v) => (v === null ? values.filter((o) => o !== null).length + 1 : values.filter((o) => o !== null && o > v).length + 1));
}

export interface ProvinceRanking {
  provinceCode: string;
  values: Record<IndicatorId, number | null>;
  ranks: Record<IndicatorId, number>;
  /** The mean of its indicator ranks (lower is better). */
  meanRank: number;
  /** Its composite rank: its mean rank ranked among the provinces (competition ranks, 1 best). */
  rank: number;
}

/** Every province ranked, best first (ties by code). */
export function rankProvinces(figures: readonly ProvinceFigures[]): ProvinceRanking[] {
  const values = INDICATORS.map((indicator) => figures.map((f) => indicator.value(f)));
  const ranks = values.map(competitionRanks);
  const meanRanks = figures.map((_, p) => ranks.reduce((sum, r) => sum + r[p], 0) / INDICATORS.length);
  const composite = competitionRanks(meanRanks.map((m) => -m)); // a lower mean rank is better
  return figures
    .map((f, p) => ({
      provinceCode: f.provinceCode,
      values: Object.fromEntries(INDICATORS.map((indicator, i) => [indicator.id, values[i][p]])) as ProvinceRanking['values'],
      ranks: Object.fromEntries(INDICATORS.map((indicator, i) => [indicator.id, ranks[i][p]])) as ProvinceRanking['ranks'],
      meanRank: meanRanks[p],
      rank: composite[p],
    }))
    .sort((a, b) => a.rank - b.rank || a.provinceCode.localeCompare(b.provinceCode));
}

/**
 * Each province's totals from the tiers' rows and the register's county counts; a province is compared
 * when it has at least one counted county. Development zones' rows count only when `countsDevelopmentZones`.
 */
export function figuresOf(
  facts: NationalFacts,
  counties: readonly { provinceCode: string; developmentZones: boolean; counties: number }[],
  countsDevelopmentZones: boolean,
): ProvinceFigures[] {
  const counted = (row: { developmentZones: boolean }) => countsDevelopmentZones || !row.developmentZones;
  const byProvince = new Map<string, ProvinceFigures>();
  for (const row of counties.filter(counted)) {
    const figures = byProvince.get(row.provinceCode) ?? { provinceCode: row.provinceCode, counties: 0, countiesWithCenter: 0, largeTowns: 0, largeTownsWithStation: 0, admitted: 0, graduated: 0, exited: 0 };
    figures.counties += row.counties;
    byProvince.set(row.provinceCode, figures);
  }
  const add = <T extends { provinceCode: string; developmentZones: boolean }>(rows: readonly T[], fields: (keyof T & keyof ProvinceFigures)[]) => {
    for (const row of rows.filter(counted)) {
      const figures = byProvince.get(row.provinceCode);
      if (figures) for (const field of fields) (figures[field] as number) += row[field] as number;
    }
  };
  add(facts.centerTotals, ['countiesWithCenter']);
  add(facts.stationTotals, ['largeTowns', 'largeTownsWithStation']);
  add(facts.incubationTotals, ['admitted', 'graduated', 'exited']);
  return [...byProvince.values()].filter((f) => f.counties > 0).sort((a, b) => a.provinceCode.localeCompare(b.provinceCode));
}

/** A province check (e.g. national-upper-middle) judged on a province's standing; NOT_JUDGEABLE with fewer than two provinces. */
export function judgeStanding(check: Threshold & { rule: string }, standing: { rank: number }, ranked: number): CheckOutcome {
  const rule = provinceRuleOf(check.rule);
  const { actual, possible, judgeable } = rule ? rule.measure({ rank: standing.rank, ranked }) : { actual: 0, possible: false, judgeable: false };
  const met = possible && judgeable && within(actual, check.min, check.max);
  return {
    rule: check.rule,
    min: check.min,
    max: check.max,
    required: rule ? rule.required(check, ranked) : 'unknown rule',
    actual,
    met,
    status: !judgeable ? 'NOT_JUDGEABLE' : met ? 'MET' : 'NOT_MET',
    projected: null,
    definition: rule?.definition ?? `No rule "${check.rule}" in this version.`,
  };
}
