// The operations dashboards and county systems are built on (the contract's dashboard and county
// operations), preloaded as the workbench's tabs with variables that work on the Jilin demo.
const tab = (query: string, variables: Record<string, unknown>) => ({ query: query.trim() + '\n', variables: JSON.stringify(variables, null, 2) });

export const EXAMPLES = [
  tab(
    `# The scorecard of one milestone (2015, 2017 or 2020) as it stood on asOf (default: its deadline).
query ProvinceScorecard($year: Int!, $asOf: Date) {
  province(code: "220000") {
    code
    name
    milestone(year: $year) {
      year
      deadline
      binding
      progress(asOf: $asOf) {
        asOf
        countiesTotal
        countiesMet
        counties {
          met
          atRisk
          county { code name prefecture { code name } }
          checks { rule required actual met projected definition }
        }
      }
    }
  }
}`,
    { year: 2017 },
  ),
  tab(
    `# The same milestone rolled up by prefecture.
query PrefectureRollup($year: Int!, $asOf: Date) {
  province(code: "220000") {
    prefectures {
      code
      name
      milestoneProgress(year: $year, asOf: $asOf) { countiesTotal countiesMet }
    }
  }
}`,
    { year: 2017 },
  ),
  tab(
    `# A county's page: its center, its towns and stations, and what they admitted in one year.
query CountyProfile($code: ID!, $year: Int!) {
  county(code: $code) {
    code
    name
    kind
    prefecture { code name }
    incubationCenter {
      id name establishedOn constructionMode operationMode operator
      admitted(year: $year)
      incubations(year: $year) { id status admittedOn organization { id name } }
    }
    towns { code name isLarge station { id name } }
    stations { id name establishedOn town { code name } admitted(year: $year) }
    incubationYears { year admittedByCenter admittedByStations graduated exited }
  }
}`,
    { code: '220122', year: 2017 },
  ),
  tab(
    `# A county system's desk (sign in as a county operator): organizations, their applications, overdue evaluations.
query CountyDesk($code: ID!) {
  organizations(countyCode: $code, first: 50) {
    totalCount
    nodes { id name category founderName applications { id status submittedOn noticeFrom noticeTo } }
  }
  overdueEvaluations(countyCode: $code) { period periodEnd incubation { id organization { name } } }
}`,
    { code: '220122' },
  ),
  tab(
    `# One organization, its applications and incubations (evaluations by half-year).
query Organization($id: ID!) {
  organization(id: $id) {
    id name category fullTimeStaff
    applications { id status submittedOn }
    incubations { id status admittedOn graduatedOn exitedOn evaluations { period score } }
  }
}`,
    { id: '' },
  ),
];
