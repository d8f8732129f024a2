// The rows analysts get for a scorecard, one per county and check, in these columns: what
// `npx fuhua export` writes and what the dashboard's CSV/XLSX export writes, from this one definition.
// Pure (no Node, no DOM), so the command line and the browser bundle share it.

export const COLUMNS = [
  'year', 'asOf', 'scope', 'countyCode', 'countyName', 'prefectureCode', 'prefectureName',
  'countyMet', 'atRisk', 'rule', 'required', 'actual', 'checkMet', 'projected',
] as const;

/** The part of a MilestoneProgress the rows are made of. */
export interface ScorecardForRows {
  year: number;
  asOf: string;
  scope: string;
  counties: {
    met: boolean;
    atRisk: boolean;
    county: { code: string; name: string; prefecture: { code: string; name: string } };
    checks: { rule: string; required: string; actual: number; met: boolean; projected: number | null }[];
  }[];
}

export function scorecardRows(progress: Omit<ScorecardForRows, 'counties'>, counties: ScorecardForRows['counties']) {
  return counties.flatMap((c) =>
    c.checks.map((check) => ({
      year: progress.year,
      asOf: progress.asOf,
      scope: progress.scope,
      countyCode: c.county.code,
      countyName: c.county.name,
      prefectureCode: c.county.prefecture.code,
      prefectureName: c.county.prefecture.name,
      countyMet: c.met,
      atRisk: c.atRisk,
      rule: check.rule,
      required: check.required,
      actual: check.actual,
      checkMet: check.met,
      projected: check.projected,
    })),
  );
}
