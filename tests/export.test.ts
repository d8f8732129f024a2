// The analysts' export: the scorecard as CSV (opens in a spreadsheet: BOM, quoted fields) and JSON,
// read through the gateway, agreeing row for row with the scorecard itself.
import { execFileSync } from 'child_process';
import { join } from 'path';
import { data, gatewayUrl } from './support/client';
import { contract } from './support/contract';

const FUHUA = join(__dirname, '..', 'scripts', 'fuhua.js');
const run = (...args: string[]) => execFileSync(process.execPath, [FUHUA, 'export', '--url', gatewayUrl(), ...args], { encoding: 'utf8' });

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
});
