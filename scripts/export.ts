// `fuhua export`: a milestone scorecard for analysts, one row per county and check, as CSV or JSON, read
// through the gateway like any client (published data: no token needed).
import { stringify } from 'csv-stringify/sync';
import { writeFileSync } from 'fs';
import { parseArgs } from 'node:util';
import { cliConfig } from '../subgraphs/kit/config';
import { COLUMNS, scorecardRows } from './scorecard-rows';
import { NATION } from '../subgraphs/kit/identity/regions';

export const EXPORT_HELP = `fuhua export --year 2017 [--as-of YYYY-MM-DD] [--scope CODE] [--format csv|json] [--out FILE]

A milestone scorecard, one row per county and check, through the running gateway. CSV carries a BOM so
spreadsheets read the Chinese names. Written to stdout unless --out names a file.

  --year     the milestone: 2015, 2017 or 2020
  --as-of    the day the figures stand on (default: the deadline)
  --scope    a province, prefecture or county code, or 000000 for the nation (default: the nation,
             every county the federation holds)
  --format   csv (default) or json
  --url      the gateway (default http://localhost:$FUHUA_GATEWAY_PORT/graphql, port 4000)
  --token    a token, for what the public may not read`;

const QUERY = `query Export($year: Int!, $asOf: Date, $scope: ID!) {
  nation {
    milestone(year: $year) {
      progress(asOf: $asOf, scope: $scope) {
        year asOf scope
        counties { met atRisk county { code name prefecture { code name } } checks { rule required actual met projected } }
      }
    }
  }
}`;

export { COLUMNS } from './scorecard-rows';

const OPTIONS = {
  year: { type: 'string' },
  'as-of': { type: 'string' },
  scope: { type: 'string', default: NATION },
  format: { type: 'string', default: 'csv' },
  url: { type: 'string' },
  token: { type: 'string' },
  out: { type: 'string' },
} as const;

export async function exportScorecard(args: string[], env = process.env): Promise<string> {
  const { values } = parseArgs({ args, options: OPTIONS });
  const year = Number(values.year);
  if (!Number.isInteger(year)) throw new Error('--year is required: 2015, 2017 or 2020 (see fuhua export --help)');
  const format = values.format;
  if (!['csv', 'json'].includes(format)) throw new Error('--format is csv or json');
  const url = values.url ?? cliConfig(env).gatewayUrl;
  const token = values.token;
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query: QUERY, variables: { year, asOf: values['as-of'] ?? null, scope: values.scope } }),
  });
  const body = (await response.json()) as { data?: any; errors?: { message: string }[] };
  if (body.errors?.length) throw new Error(body.errors.map((e) => e.message).join('; '));
  const progress = body.data.nation.milestone.progress;
  const rows = scorecardRows(progress, progress.counties);
  return format === 'json' ? JSON.stringify(rows, null, 2) + '\n' : stringify(rows, { header: true, columns: [...COLUMNS], bom: true, cast: { boolean: (value) => String(value) } });
}

export async function run(args: string[]): Promise<void> {
  const text = await exportScorecard(args);
  const { out } = parseArgs({ args, options: OPTIONS }).values;
  if (out) writeFileSync(out, text);
  else process.stdout.write(text);
}
