// Exports a milestone scorecard for analysts, one row per county and check, as CSV or JSON, read
// through the gateway like any client (published data: no token needed).
//   npm run export -- --year 2017 [--as-of 2017-06-30] [--scope 220100] [--format csv|json] [--url URL] [--out FILE]
import { stringify } from 'csv-stringify/sync';
import { writeFileSync } from 'fs';
import { DEFAULT_PORTS } from '../subgraphs/kit';

const QUERY = `query Export($year: Int!, $asOf: Date, $scope: ID!) {
  province(code: "220000") {
    milestone(year: $year) {
      progress(asOf: $asOf, scope: $scope) {
        year asOf scope
        counties { met atRisk county { code name prefecture { code name } } checks { rule required actual met projected } }
      }
    }
  }
}`;

export const COLUMNS = [
  'year', 'asOf', 'scope', 'countyCode', 'countyName', 'prefectureCode', 'prefectureName',
  'countyMet', 'atRisk', 'rule', 'required', 'actual', 'checkMet', 'projected',
] as const;

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
}

export async function exportScorecard(args: string[], env = process.env): Promise<string> {
  const year = Number(option(args, 'year'));
  if (!Number.isInteger(year)) throw new Error('usage: npm run export -- --year 2017 [--as-of YYYY-MM-DD] [--scope CODE] [--format csv|json]');
  const format = option(args, 'format') ?? 'csv';
  if (!['csv', 'json'].includes(format)) throw new Error('--format is csv or json');
  const url = option(args, 'url') ?? `http://localhost:${env.FUHUA_GATEWAY_PORT ?? DEFAULT_PORTS.gateway}/graphql`;
  const token = option(args, 'token');
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query: QUERY, variables: { year, asOf: option(args, 'as-of') ?? null, scope: option(args, 'scope') ?? '220000' } }),
  });
  const body = (await response.json()) as { data?: any; errors?: { message: string }[] };
  if (body.errors?.length) throw new Error(body.errors.map((e) => e.message).join('; '));
  const progress = body.data.province.milestone.progress;
  const rows = progress.counties.flatMap((c: any) =>
    c.checks.map((check: any) => ({
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
  return format === 'json' ? JSON.stringify(rows, null, 2) + '\n' : stringify(rows, { header: true, columns: [...COLUMNS], bom: true, cast: { boolean: (value) => String(value) } });
}

if (require.main === module) {
  const args = process.argv.slice(2);
  exportScorecard(args).then(
    (text) => {
      const out = option(args, 'out');
      if (out) writeFileSync(out, text);
      else process.stdout.write(text);
    },
    (error) => {
      console.error((error as Error).message);
      process.exit(2);
    },
  );
}
