// The scorecard's rules, one object each: its id (what a milestone check names), its definition (what
// the schema and the checks show), whether it is counted over the milestone year, and how it is
// measured from one county's facts. A milestone's checks say which rules apply and their thresholds
// (data a province administrator tunes); adding a rule is one entry here (and a fact, if it needs one).
import type { CountyFacts } from '../../kit/federation';

/** A check's thresholds, as the milestone's data gives them. */
export interface Threshold {
  min: number | null;
  max: number | null;
  categories: string[] | null;
}

/** One county's figure for a rule, and whether the check can be met at all (e.g. no station counted). */
export interface Measure {
  actual: number;
  possible: boolean;
}

export interface Rule<Id extends string = string> {
  id: Id;
  definition: string;
  /** Counted over the milestone year, up to the date: before the deadline it is projected to the year's end. */
  perYear: boolean;
  /** The figure from one county's facts. */
  measure(county: CountyFacts, check: Threshold): Measure;
}

const rule = <Id extends string>(r: Rule<Id>) => r;
/** What each station counted for T2017 (open in a town designated larger on the date) admitted in the year. */
function countedStationsAdmitted({ stationFacts, admissionFacts }: CountyFacts): number[] {
  const admitted = new Map(admissionFacts.stationIds.map((id, i) => [id, admissionFacts.stationAdmitted[i]]));
  return stationFacts.largeTownStationIds.map((id) => admitted.get(id) ?? 0);
}

export const RULES = [
  rule({
    id: 'center',
    definition: 'Incubation centers 孵化中心 open in the county on the date.',
    perYear: false,
    measure: (county) => ({ actual: county.centerFacts.open, possible: true }),
  }),
  rule({
    id: 'center-incubations-per-year',
    definition: 'Organizations admitted 入驻 by the county center in the milestone year, up to the date.',
    perYear: true,
    measure: (county) => ({ actual: county.admissionFacts.admittedByCenter, possible: true }),
  }),
  rule({
    id: 'large-town-stations',
    definition: 'Incubation stations open on the date in towns the county had designated larger 较大的街道(镇) on the date.',
    perYear: false,
    measure: (county) => ({ actual: county.stationFacts.largeTownStationIds.length, possible: true }),
  }),
  rule({
    id: 'station-incubations-per-year',
    definition:
      'The fewest organizations admitted in the milestone year (up to the date) by any station counted for large-town-stations; not met when no station counts.',
    perYear: true,
    measure: (county) => {
      const admitted = countedStationsAdmitted(county);
      return { actual: admitted.length ? Math.min(...admitted) : 0, possible: admitted.length > 0 };
    },
  }),
  rule({
    id: 'category-coverage',
    definition: 'T2020 门类齐全 (complete in categories): how many of the configured service categories the organizations admitted in the county so far cover.',
    perYear: false,
    measure: (county, check) => {
      const wanted = new Set(check.categories ?? []);
      return { actual: new Set(county.outcomeFacts.categories.filter((c) => wanted.has(c))).size, possible: true };
    },
  }),
  rule({
    id: 'graduation-rate',
    definition:
      'T2020 功能完善、作用明显 (functioning, visible effect): graduated 出壳 as a percentage of incubations ended by the date (graduated + exited); not met before any has ended.',
    perYear: false,
    measure: (county) => {
      const { graduated, exited } = county.outcomeFacts;
      const ended = graduated + exited;
      return { actual: ended ? Math.round((100 * graduated) / ended) : 0, possible: ended > 0 };
    },
  }),
  rule({
    id: 'county-incubations-per-year',
    definition: 'T2020 规模 (scale): organizations admitted in the milestone year by the county center and its stations together, up to the date.',
    perYear: true,
    measure: (county) => ({ actual: county.admissionFacts.admitted, possible: true }),
  }),
] as const;

/** Where a province stands among the provinces ranked (scorecard/ranking.ts). */
export interface Standing {
  rank: number;
  ranked: number;
}

/**
 * A rule judged once per province against the others, not per county: it never enters a county's checks.
 * `judgeable` is false when the comparison has nothing to compare with (a single province loaded).
 */
export interface ProvinceRule<Id extends string = string> {
  id: Id;
  definition: string;
  measure(standing: Standing): Measure & { judgeable: boolean };
  required(check: Threshold, ranked: number): string;
}

const provinceRule = <Id extends string>(r: ProvinceRule<Id>) => r;

export const PROVINCE_RULES = [
  provinceRule({
    id: 'national-upper-middle',
    definition:
      'T2020 全国中上水平 (the nation\'s upper-middle): the province\'s composite rank among the provinces ranked, as a percentage of them ' +
      '(rank 9 of 31 → 30); met when at most `max` (default 50, the upper half). Cannot be judged with fewer than two provinces loaded.',
    measure: ({ rank, ranked }) => ({ actual: Math.ceil((100 * rank) / Math.max(1, ranked)), possible: ranked >= 2, judgeable: ranked >= 2 }),
    required: (check, ranked) => {
      const top = (percent: number) => Math.floor((ranked * percent) / 100);
      if (check.max === null) return 'any rank';
      return `top ${check.max} % (rank ≤ ${top(check.max)} of ${ranked})`;
    },
  }),
] as const;

export type RuleId = (typeof RULES)[number]['id'] | (typeof PROVINCE_RULES)[number]['id'];
export const RULE_IDS: RuleId[] = [...RULES.map((r) => r.id), ...PROVINCE_RULES.map((r) => r.id)];

const byId = new Map<string, Rule>(RULES.map((r) => [r.id, r]));
const provinceById = new Map<string, ProvinceRule>(PROVINCE_RULES.map((r) => [r.id, r]));
/** The county rule a check names (undefined for a province rule or a name this version does not know). */
export const ruleOf = (id: string): Rule | undefined => byId.get(id);
/** The province rule a check names, if it names one. */
export const provinceRuleOf = (id: string): ProvinceRule | undefined => provinceById.get(id);
/** Whether this version knows the rule, of either kind. */
export const isRule = (id: string): boolean => byId.has(id) || provinceById.has(id);
/** What a rule measures, in words. */
export const definitionOf = (id: string): string => (ruleOf(id) ?? provinceRuleOf(id))?.definition ?? `No rule "${id}" in this version.`;
