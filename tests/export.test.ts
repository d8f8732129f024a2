// The analysts' export: the scorecard as CSV (opens in a spreadsheet: BOM, quoted fields) and JSON,
// read through the gateway, agreeing row for row with the scorecard itself.
import { execFileSync, spawnSync } from 'child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { tableOfXlsx } from '../scripts/xlsx';
import { data, gatewayUrl } from './support/client';
import { contract } from './support/contract';

const FUHUA = join(__dirname, '..', 'scripts', 'fuhua.js');
const run = (...args: string[]) => execFileSync(process.execPath, [FUHUA, 'export', '--url', gatewayUrl(), ...args], { encoding: 'utf8' });
/** A run expected to fail: its exit status and what it printed. */
const refused = (...args: string[]) => {
  const { status, stdout, stderr } = spawnSync(process.execPath, [FUHUA, 'export', '--url', gatewayUrl(), ...args], { encoding: 'utf8' });
  return { status, stdout, stderr };
};
const ROLLUP = join(__dirname, '..', 'schema', 'operations', 'dashboard.graphql') + '#PrefectureRollup';
let dir: string;
beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'fuhua-export-'))));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('npx fuhua export', () => {
  it('writes one CSV row per county and check, matching the scorecard', async () => {
    const { province } = await data(contract('ProvinceScorecard'), { year: 2017 });
    const progress = province.milestone.progress;
    const csv = run('--year', '2017', '--scope', '220000');
    expect(csv.startsWith('\uFEFFyear,asOf,scope,countyCode,countyName')).toBe(true);
    const lines = csv.trim().split('\n').slice(1);
    expect(lines).toHaveLength(progress.countiesTotal * 3); // three T2017 checks per county
    const metCounties = new Set(lines.filter((l) => l.split(',')[7] === 'true').map((l) => l.split(',')[3]));
    expect(metCounties.size).toBe(progress.countiesMet);
    const first = progress.counties[0];
    const check = first.checks[0];
    expect(lines[0].split(',').slice(0, 13)).toEqual([
      '2017', '2017-12-31', '220000', first.county.code, first.county.name, first.county.prefecture.code, first.county.prefecture.name,
      String(first.met), 'false', check.rule, check.required, String(check.actual), String(check.met),
    ]);
  });

  it('exports every county the federation holds by default: the nation 000000', async () => {
    const { nation } = await data(`{ nation { milestone(year: 2017) { progress { countiesTotal } } } }`);
    const lines = run('--year', '2017').trim().split('\n').slice(1);
    expect(lines).toHaveLength(nation.milestone.progress.countiesTotal * 3);
    expect(new Set(lines.map((l) => l.split(',')[2]))).toEqual(new Set(['000000']));
    expect(new Set(lines.map((l) => l.split(',')[3].slice(0, 2)))).toEqual(new Set(['22', '64'])); // Jilin and Ningxia on the test seed
  });

  it('writes JSON for a prefecture as of a date', () => {
    const rows = JSON.parse(run('--year', '2015', '--scope', '220100', '--as-of', '2015-06-30', '--format', 'json'));
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r: any) => r.countyCode.startsWith('2201') && r.asOf === '2015-06-30')).toBe(true);
    expect(new Set(rows.map((r: any) => r.rule))).toEqual(new Set(['center', 'center-incubations-per-year']));
  });

  it('fails with a message when the year is missing, and explains itself with --help', () => {
    expect(() => execFileSync(process.execPath, [FUHUA, 'export'], { encoding: 'utf8', stdio: 'pipe' })).toThrow(/--year is required/);
    expect(execFileSync(process.execPath, [FUHUA, 'export', '--help'], { encoding: 'utf8' })).toMatch(/^fuhua export --year 2017/);
  });

  it('writes XLSX that reads back (with exceljs) as the JSON export, cell for cell', async () => {
    const out = join(dir, 'scorecard.xlsx');
    run('--year', '2017', '--scope', '220100', '--format', 'xlsx', '--out', out);
    const json = JSON.parse(run('--year', '2017', '--scope', '220100', '--format', 'json'));
    const xlsx = await tableOfXlsx(readFileSync(out));
    expect(xlsx.columns).toEqual(Object.keys(json[0]));
    expect(xlsx.rows).toEqual(json);
    expect(json.length).toBeGreaterThan(10);
  });

  it("exports a saved operation's list, nested objects as dotted columns, in every format alike", async () => {
    const variables = JSON.stringify({ year: 2017 });
    const { province } = await data(contract('PrefectureRollup'), { year: 2017 });
    const json = JSON.parse(run('--operation', ROLLUP, '--variables', variables, '--path', 'data.province.prefectures', '--format', 'json'));
    expect(json).toEqual(
      province.prefectures.map((p: any) => ({ code: p.code, name: p.name, 'milestoneProgress.countiesTotal': p.milestoneProgress.countiesTotal, 'milestoneProgress.countiesMet': p.milestoneProgress.countiesMet })),
    );
    // The only list in the answer is found without --path; the CSV has the same header and rows.
    const csv = run('--operation', ROLLUP, '--variables', variables).replace(/^\uFEFF/, '').trim().split('\n');
    expect(csv[0]).toBe('code,name,milestoneProgress.countiesTotal,milestoneProgress.countiesMet');
    expect(csv.slice(1)).toEqual(json.map((r: any) => Object.values(r).join(',')));
    const out = join(dir, 'rollup.xlsx');
    run('--operation', ROLLUP, '--variables', variables, '--format', 'xlsx', '--out', out);
    expect((await tableOfXlsx(readFileSync(out))).rows).toEqual(json);
  });

  it('keeps a nested list in one cell, and an operation of its own file with fragments', () => {
    const file = join(dir, 'ranking.graphql');
    writeFileSync(file, `fragment P on Province { code name }
      query Ranking($year: Int!) { nation { ranking(year: $year) { standings { province { ...P } rank indicators { indicator rank } } } } }`);
    const rows = JSON.parse(run('--operation', `${file}#Ranking`, '--variables', '{"year": 2020}', '--format', 'json'));
    expect(Object.keys(rows[0])).toEqual(['province.code', 'province.name', 'rank', 'indicators']);
    expect(JSON.parse(rows[0].indicators).map((i: any) => i.indicator)).toEqual(['CENTER_COVERAGE', 'LARGE_TOWN_STATION_COVERAGE', 'ADMISSIONS_PER_COUNTY', 'GRADUATION_RATE']);
  });

  it('refuses a wrong operation name, path or variables with a message and a non-zero exit, nothing internal', () => {
    const cases: [string[], RegExp][] = [
      [['--operation', ROLLUP.replace('PrefectureRollup', 'NoSuchOperation')], /has no operation "NoSuchOperation"; it has ProvinceScorecard, PrefectureRollup, CountyProfile/],
      [['--operation', join(dir, 'missing.graphql#X')], /cannot read ".*missing\.graphql"/],
      [['--operation', ROLLUP, '--variables', '{year: 2017'], /--variables is not JSON/],
      [['--operation', ROLLUP, '--variables', '[2017]'], /--variables must be a JSON object/],
      [['--operation', ROLLUP, '--variables', '{}'], /\$year/], // the gateway's own message: a required variable was not given
      [['--operation', ROLLUP, '--variables', '{"year": 2017}', '--path', 'data.province.counties'], /no "counties" under data\.province \(it has prefectures\); lists in the answer: data\.province\.prefectures/],
      [['--operation', ROLLUP, '--variables', '{"year": 2017}', '--path', 'data.province'], /--path data\.province is not a list/],
      [['--year', '2017', '--format', 'pdf'], /--format is csv, json, xlsx/],
    ];
    for (const [args, message] of cases) {
      const { status, stdout, stderr } = refused(...args);
      expect(status).not.toBe(0);
      expect(stdout).toBe('');
      expect(stderr).toMatch(message);
      expect(stderr).not.toMatch(/\bat .*\.js:\d+|TypeError|Error:/); // one line for a person, no stack
    }
  });
});
