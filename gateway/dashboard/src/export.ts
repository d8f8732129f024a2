// Export of the table on screen: the rows and columns of `npx fuhua export` (scripts/scorecard-rows.ts), one row
// per county and check, as CSV (with a BOM, so spreadsheets read the Chinese names) or XLSX (exceljs,
// loaded only when asked for). File names carry the milestone, the scope and the date.
import { stringify } from 'csv-stringify/browser/esm/sync';
import { COLUMNS, scorecardRows } from '../../../scripts/scorecard-rows';
import { xlsxOf } from '../../../scripts/xlsx';
import type { Progress } from './data';

/** The rows of `npx fuhua export` (scripts/scorecard-rows.ts) for the counties on screen. */
export function exportRows(progress: Progress, counties: Progress['counties']) {
  return scorecardRows(progress, counties);
}

export const fileName = (year: number, scope: string, asOf: string, ext: string) => `fuhua-T${year}-${scope}-${asOf}.${ext}`;

function save(blob: Blob, name: string) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function downloadCsv(rows: ReturnType<typeof exportRows>, name: string) {
  const text = stringify(rows, { header: true, columns: [...COLUMNS], bom: true, cast: { boolean: (value) => String(value) } });
  save(new Blob([text], { type: 'text/csv;charset=utf-8' }), name);
}

export async function downloadXlsx(rows: ReturnType<typeof exportRows>, name: string, sheetName: string) {
  const widths = Object.fromEntries(COLUMNS.map((key) => [key, key === 'countyName' || key === 'prefectureName' ? 18 : 12]));
  const bytes = await xlsxOf({ columns: [...COLUMNS], rows }, sheetName, widths);
  save(new Blob([bytes as BlobPart], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }), name);
}
