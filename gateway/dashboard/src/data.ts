// The operations the dashboard sends, and how a county's and a check's status is read from the answer.
export const MILESTONES = `query DashboardMilestones {
  milestones { year deadline binding summary countsDevelopmentZones }
}`;

export const OVERVIEW = `query DashboardOverview($asOf: Date) {
  t2015: province(code: "220000") { milestone(year: 2015) { progress(asOf: $asOf) { year asOf countiesTotal countiesMet atRisk { county { code } } } } }
  t2017: province(code: "220000") { milestone(year: 2017) { progress(asOf: $asOf) { year asOf countiesTotal countiesMet atRisk { county { code } } } } }
  t2020: province(code: "220000") { milestone(year: 2020) { progress(asOf: $asOf) { year asOf countiesTotal countiesMet atRisk { county { code } } } } }
}`;

export const SCORECARD = `query DashboardScorecard($year: Int!, $asOf: Date) {
  province(code: "220000") {
    milestone(year: $year) {
      year deadline binding countsDevelopmentZones
      checks { rule min max definition perProvince }
      progress(asOf: $asOf) {
        year asOf scope countiesTotal countiesMet
        counties {
          met atRisk
          county { code name kind prefecture { code name } }
          checks { rule required min max actual met projected definition }
        }
      }
    }
  }
}`;

export const PREFECTURES = `query DashboardPrefectures($year: Int!, $asOf: Date) {
  province(code: "220000") {
    prefectures { code name milestoneProgress(year: $year, asOf: $asOf) { countiesTotal countiesMet } }
  }
}`;

export const DEVELOPMENT_ZONES = `query DashboardDevelopmentZones {
  counties(kinds: [DEVELOPMENT_ZONE]) { code name prefecture { code name } }
}`;

export const COUNTY = `query DashboardCounty($code: ID!, $asOf: Date) {
  county(code: $code) {
    code name kind statutory
    prefecture { code name }
    incubationCenter(asOf: $asOf) { id name establishedOn constructionMode operationMode operator }
    towns { code name isLarge(asOf: $asOf) station(asOf: $asOf) { id name establishedOn } }
    stations(asOf: $asOf) { id name establishedOn town { code name } }
    centerYears { year open }
    stationYears { year stations largeTownStations }
    incubationYears { year admitted admittedByCenter admittedByStations graduated exited incubatingAtYearEnd }
  }
}`;

// The county desk 待办: the organizations tier's work queues, each a page of 20 with its total and a
// cursor for the next page (a county with thousands of records is never cut short).
const APPLICATION_QUEUE = `applicationQueue(countyCode: $code, first: 20, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    nodes { id status hostKind submittedOn noticeFrom noticeTo organization { id name founderName } }
  }`;
const INCUBATION_QUEUE = `incubationQueue(countyCode: $code, plannedEndBy: $endingBy, first: 20, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    nodes { id hostKind admittedOn plannedEndOn organization { id name } }
  }`;
const EVALUATIONS_DUE = `evaluationsDue(countyCode: $code, asOf: $today, first: 20, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    nodes { period periodEnd incubation { id hostKind organization { id name } } }
  }`;

export const COUNTY_DESK = `query DashboardCountyDesk($code: ID!, $today: Date!, $endingBy: Date!, $after: String) {
  ${APPLICATION_QUEUE}
  readyToAdmit: applicationQueue(countyCode: $code, readyToAdmitOn: $today, first: 0) { totalCount }
  ${INCUBATION_QUEUE}
  ${EVALUATIONS_DUE}
}`;

/** The next page of one queue of the desk, after `after`. */
export const DESK_PAGES = {
  applicationQueue: `query DashboardApplicationQueue($code: ID!, $after: String) { ${APPLICATION_QUEUE} }`,
  incubationQueue: `query DashboardIncubationQueue($code: ID!, $endingBy: Date!, $after: String) { ${INCUBATION_QUEUE} }`,
  evaluationsDue: `query DashboardEvaluationsDue($code: ID!, $today: Date!, $after: String) { ${EVALUATIONS_DUE} }`,
} as const;

export interface Check {
  rule: string;
  required: string;
  min: number | null;
  max: number | null;
  actual: number;
  met: boolean;
  projected: number | null;
  definition: string;
}
export interface CountyRow {
  met: boolean;
  atRisk: boolean;
  county: { code: string; name: string; kind: string; prefecture: { code: string; name: string } };
  checks: Check[];
}
export interface Progress {
  year: number;
  asOf: string;
  scope: string;
  countiesTotal: number;
  countiesMet: number;
  counties: CountyRow[];
}
export interface Milestone {
  year: number;
  deadline: string;
  binding: 'STRIVE' | 'MUST';
  summary: string;
  countsDevelopmentZones: boolean;
}

export type Status = 'met' | 'atRisk' | 'pending' | 'missed';

const within = (value: number | null, check: Check) => value !== null && (check.min === null || value >= check.min) && (check.max === null || value <= check.max);

/** A check: met; before the deadline, on pace (pending) or not (at risk); after it, missed. */
export function checkStatus(check: Check, asOf: string, deadline: string): Status {
  if (check.met) return 'met';
  if (asOf >= deadline) return 'missed';
  return within(check.projected, check) ? 'pending' : 'atRisk';
}

/** A county: met when every check is; the API's atRisk before the deadline; missed after it. */
export function countyStatus(row: CountyRow, asOf: string, deadline: string): Status {
  if (row.met) return 'met';
  if (asOf >= deadline) return 'missed';
  return row.atRisk ? 'atRisk' : 'pending';
}

export const STATUS_COLORS: Record<Status, string> = { met: '#1b7f3b', atRisk: '#a35200', pending: '#5a6b7b', missed: '#b3261e' };
