// `fuhua export`: tables for analysts, read through the gateway like any client (published data: no token
// needed). A milestone scorecard, one row per county and check; or the list any saved operation answers
// (schema/operations/*.graphql or a file of one's own), flattened into columns. CSV, JSON or XLSX.
import { stringify } from 'csv-stringify/sync';
import { readFileSync, writeFileSync } from 'fs';
import { GraphQLError, Kind, parse, type DocumentNode, type OperationDefinitionNode } from 'graphql';
import { parseArgs } from 'node:util';
import { cliConfig } from '../subgraphs/kit/config';
import { COLUMNS, scorecardRows } from './scorecard-rows';
import { NATION } from '../subgraphs/kit/identity/regions';
import { tableOf, type Table } from './table';
import { xlsxOf } from './xlsx';

export const EXPORT_HELP = `fuhua export --year 2017 [--as-of YYYY-MM-DD] [--scope CODE] [--format csv|json|xlsx] [--out FILE]
fuhua export --operation FILE#Name [--variables JSON] [--path data.a.b] [--format csv|json|xlsx] [--out FILE]

A milestone scorecard, one row per county and check, or the list a saved operation answers, through the
running gateway. CSV carries a BOM so spreadsheets read the Chinese names. Written to stdout unless
--out names a file.

  --year       the milestone: 2015, 2017 or 2020
  --as-of      the day the figures stand on (default: the deadline)
  --scope      a province, prefecture or county code, or 000000 for the nation (default: the nation,
               every county the federation holds)
  --operation  a file of GraphQL operations and the one to run, e.g.
               schema/operations/dashboard.graphql#PrefectureRollup (the name may be left out when the
               file holds one operation)
  --variables  the operation's variables, as a JSON object
  --path       the list to export, as response keys from data, e.g. data.province.prefectures (default:
               the answer's only list). Nested objects become dotted columns (prefecture.name) in the
               order the operation selects them; a nested list stays in one cell, as JSON
  --format     csv (default), json (an array of the same rows) or xlsx (one sheet)
  --url        the gateway (default http://localhost:$FUHUA_GATEWAY_PORT/graphql, port 4000)
  --token      a token, for what the public may not read`;

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
  operation: { type: 'string' },
  variables: { type: 'string' },
  path: { type: 'string' },
  format: { type: 'string', default: 'csv' },
  url: { type: 'string' },
  token: { type: 'string' },
  out: { type: 'string' },
} as const;

type Values = ReturnType<typeof parseArgs<{ args: string[]; options: typeof OPTIONS }>>['values'];
const FORMATS = ['csv', 'json', 'xlsx'];

async function ask(values: Values, env: NodeJS.ProcessEnv, body: { query: string; variables: Record<string, unknown>; operationName?: string }): Promise<any> {
  const url = values.url ?? cliConfig(env).gatewayUrl;
  const token = values.token;
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
  } catch {
    throw new Error(`no gateway answers at ${url}; start one (npm start) or give --url`);
  }
  const answer = (await response.json().catch(() => ({}))) as { data?: any; errors?: { message: string }[] };
  if (answer.errors?.length) throw new Error(answer.errors.map((e) => e.message).join('; '));
  if (!answer.data) throw new Error(`the gateway answered HTTP ${response.status} without data`);
  return answer.data;
}

async function scorecardTable(values: Values, env: NodeJS.ProcessEnv): Promise<Table> {
  const year = Number(values.year);
  if (!Number.isInteger(year)) throw new Error('--year is required: 2015, 2017 or 2020 (or --operation; see fuhua export --help)');
  const data = await ask(values, env, { query: QUERY, variables: { year, asOf: values['as-of'] ?? null, scope: values.scope } });
  const progress = data.nation.milestone.progress;
  return { columns: [...COLUMNS], rows: scorecardRows(progress, progress.counties) };
}

/** The operation `FILE#Name` names, and its document: a clear message for a file, name or syntax that is wrong. */
function savedOperation(reference: string): { document: DocumentNode; text: string; operation: OperationDefinitionNode } {
  const [file, name] = reference.split('#');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new Error(`--operation: cannot read "${file}" (give FILE#Name, e.g. schema/operations/dashboard.graphql#PrefectureRollup)`);
  }
  let document: DocumentNode;
  try {
    document = parse(text);
  } catch (error) {
    throw new Error(`--operation: "${file}" is not GraphQL: ${error instanceof GraphQLError ? error.message : 'syntax error'}`);
  }
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const names = operations.map((o) => o.name?.value ?? '(unnamed)').join(', ');
  const operation = name ? operations.find((o) => o.name?.value === name) : operations.length === 1 ? operations[0] : undefined;
  if (!operation) throw new Error(name ? `--operation: "${file}" has no operation "${name}"; it has ${names}` : `--operation: "${file}" holds ${operations.length} operations (${names}); name one: ${file}#Name`);
  if (operation.operation !== 'query') throw new Error(`--operation: ${name} is a ${operation.operation}; export runs queries only`);
  return { document, text, operation };
}

/** Every list in an answer, as paths from data (not looking inside lists). */
function listsIn(value: unknown, path: string[]): string[][] {
  if (Array.isArray(value)) return [path];
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, inner]) => listsIn(inner, [...path, key]));
}

const dotted = (path: string[]) => ['data', ...path].join('.');

/** The list at `--path` (or the answer's only list), with a message naming what the answer holds when it is not there. */
function listAt(data: unknown, given: string | undefined): { path: string[]; list: unknown[] } {
  const lists = listsIn(data, []);
  const known = lists.length ? `lists in the answer: ${lists.map(dotted).join(', ')}` : 'the answer holds no list';
  if (given === undefined) {
    if (lists.length !== 1) throw new Error(`--path is needed: ${known}`);
    return { path: lists[0], list: getAt(data, lists[0]) as unknown[] };
  }
  const path = given.split('.').filter(Boolean);
  if (path[0] === 'data') path.shift();
  let value: unknown = data;
  for (const [i, key] of path.entries()) {
    if (value === null || typeof value !== 'object' || Array.isArray(value) || !(key in value)) {
      const here = dotted(path.slice(0, i));
      const keys = value !== null && typeof value === 'object' && !Array.isArray(value) ? Object.keys(value).join(', ') : '';
      throw new Error(`--path ${given}: no "${key}" under ${here}${keys ? ` (it has ${keys})` : Array.isArray(value) ? ' (a list)' : ' (null)'}; ${known}`);
    }
    value = (value as Record<string, unknown>)[key];
  }
  if (!Array.isArray(value)) throw new Error(`--path ${given} is not a list; ${known}`);
  return { path, list: value };
}

const getAt = (data: unknown, path: string[]) => path.reduce<any>((v, key) => v?.[key], data);

async function operationTable(values: Values, env: NodeJS.ProcessEnv): Promise<Table> {
  const { document, text, operation } = savedOperation(values.operation!);
  let variables: unknown = {};
  if (values.variables !== undefined) {
    try {
      variables = JSON.parse(values.variables);
    } catch {
      throw new Error(`--variables is not JSON: give an object, e.g. '{"year": 2017}'`);
    }
    if (variables === null || typeof variables !== 'object' || Array.isArray(variables)) throw new Error(`--variables must be a JSON object, e.g. '{"year": 2017}'`);
  }
  const data = await ask(values, env, { query: text, variables: variables as Record<string, unknown>, operationName: operation.name?.value });
  const { path, list } = listAt(data, values.path);
  return tableOf(document, operation, path, list);
}

/** The table the arguments ask for, and the sheet it goes on. */
export async function exportTable(args: string[], env = process.env): Promise<{ table: Table; sheet: string; format: string }> {
  const { values } = parseArgs({ args, options: OPTIONS });
  const format = values.format;
  if (!FORMATS.includes(format)) throw new Error(`--format is ${FORMATS.join(', ')}`);
  if (values.operation !== undefined) {
    return { table: await operationTable(values, env), sheet: values.operation.split('#')[1] ?? 'export', format };
  }
  return { table: await scorecardTable(values, env), sheet: `T${values.year}`, format };
}

/** The export as bytes (XLSX) or text (CSV, JSON). */
export async function exportFile(args: string[], env = process.env): Promise<string | Uint8Array> {
  const { table, sheet, format } = await exportTable(args, env);
  if (format === 'xlsx') return xlsxOf(table, sheet);
  if (format === 'json') return JSON.stringify(table.rows, null, 2) + '\n';
  return stringify(table.rows, { header: true, columns: table.columns, bom: true, cast: { boolean: (value) => String(value) } });
}

/** The scorecard (or an operation's list) as CSV or JSON text. */
export async function exportScorecard(args: string[], env = process.env): Promise<string> {
  const file = await exportFile(args, env);
  if (typeof file !== 'string') throw new Error('exportScorecard writes text: use exportFile for xlsx');
  return file;
}

export async function run(args: string[]): Promise<void> {
  const file = await exportFile(args);
  const { out, format } = parseArgs({ args, options: OPTIONS }).values;
  if (out) writeFileSync(out, file);
  else if (format === 'xlsx' && process.stdout.isTTY) throw new Error('xlsx is binary: give --out FILE or redirect stdout');
  else process.stdout.write(file);
}
