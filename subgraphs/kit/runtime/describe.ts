// Descriptions many schema elements share (English with the Chinese term), written once so the same
// argument reads the same on every type and tier. Every type, field, argument and enum value is described
// (tests/unit/schema-docs.test.ts holds that line).

export const DESCRIBE = {
  asOf: 'The day the answer stands on 截至日期 (YYYY-MM-DD; default: today, China Standard Time).',
  progressAsOf: 'The day the scorecard stands on 截至日期 (default: the milestone deadline).',
  milestoneYear: 'The milestone year 目标年份: 2015, 2017 or 2020.',
  fromYear: "The series' first year 起始年份 (default 2014, the policy's year).",
  toYear: "The series' last year 截止年份 (default: this year; at most 50 years after fromYear).",
  seriesYear: 'The calendar year 年份.',
  regionCode: (example: string) => `Its six-digit GB/T 2260 code 行政区划代码 (e.g. ${example}).`,
  id: (what: string) => `The ${what}'s id 编号 (a UUID).`,
  countyCode: 'A six-digit county code 县级行政区划代码 (e.g. 220102).',
  hostId: 'The id of an incubation center 孵化中心 or station 孵化站.',
  incubationId: 'The id of the incubation 孵化 it is about.',
  note: 'A free-text note 备注 (optional).',
} as const;
