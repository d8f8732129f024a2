// Export of the table on screen: the rows and columns of `npx fuhua export` (scripts/export.ts), one row
// per county and check, as CSV (with a BOM, so spreadsheets read the Chinese names) or XLSX (exceljs,
// loaded only when asked for). File names carry the milestone, the scope and the date.
import { stringify } from 'csv-stringify/browser/esm/sync';
import type { Progress } from './data';

/** The columns of scripts/export.ts, in its order. */
export const COLUMNS = ['year', 'asOf', 'scope', 'countyCode', 'countyName', 'prefectureCode', 'prefectureName', 'countyMet', 'atRisk', 'rule', 'required', 'actual', 'checkMet', 'projected'] as const;

export function exportRows(progress: Progress, counties: Progress['counties']) {
  return counties.flatMap((c) =>
    c.checks.map((check) => ({
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
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Fuhua';
  const sheet = workbook.addWorksheet(sheetName);
  sheet.columns = COLUMNS.map((key) => ({ header: key, key, width: key === 'countyName' || key === 'prefectureName' ? 18 : 12 }));
  for (const row of rows) sheet.addRow({ ...row, projected: row.projected ?? undefined });
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  const buffer = await workbook.xlsx.writeBuffer();
  save(new Blob([buffer], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }), name);
}
