// The operations dashboards and county systems are built on, preloaded as the workbench's tabs with
// variables that work on the Jilin demo. The text comes from schema/operations/ (the operations the
// project serves and tests), so the workbench shows exactly what clients send.
import { Kind, parse, print } from 'graphql';
import analyst from '../../../schema/operations/analyst.graphql?raw';
import county from '../../../schema/operations/county.graphql?raw';
import dashboard from '../../../schema/operations/dashboard.graphql?raw';
import publicInformation from '../../../schema/operations/public.graphql?raw';

const operations = new Map<string, string>();
for (const text of [dashboard, county, analyst, publicInformation]) {
  for (const definition of parse(text).definitions) {
    if (definition.kind === Kind.OPERATION_DEFINITION && definition.name) operations.set(definition.name.value, print(definition));
  }
}

const TABS: [name: string, title: string, variables: Record<string, unknown>][] = [
  ['ProvinceScorecard', 'The scorecard of one milestone (2015, 2017 or 2020) as it stood on asOf (default: its deadline).', { year: 2017 }],
  ['PrefectureRollup', 'The same milestone rolled up by prefecture.', { year: 2017 }],
  ['CountyProfile', "A county's page: its center, its towns and stations, and what they admitted in one year.", { code: '220122', year: 2017 }],
  ['CountyDesk', "A county system's desk (sign in as a county operator): organizations, their applications, overdue evaluations.", { code: '220122' }],
  ['CountyQueues', "A county system's work queues 待办 (sign in as a county operator): ready to admit, incubations ending, evaluations due.", { code: '220122', on: '2025-08-01', plannedEndBy: '2025-12-31' }],
  ['Organization', 'One organization, its applications and incubations (evaluations by half-year).', { id: '' }],
  ['AdmissionsByPrefectureYearCategory', 'Statistics: admissions per prefecture per year 2014–2020, by service category, in one request.', { scope: '220000', from: 2014, to: 2020 }],
  ['PublicNotices', 'Public notices 公示 in a region on a day, as anyone reads them (no token needed).', { scope: '220000', asOf: '2019-04-15' }],
  ['PublishedItems', 'The published catalogue 信息发布 of a region, newest first.', { scope: '220000' }],
];

export const EXAMPLES = TABS.map(([name, title, variables]) => ({
  query: `# ${title}\n${operations.get(name) ?? `# (no operation ${name} in schema/operations)`}\n`,
  variables: JSON.stringify(variables, null, 2),
}));
