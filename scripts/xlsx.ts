// A table as XLSX (exceljs, loaded only when asked for) and back: what `npx fuhua export --format xlsx`
// and the dashboard's XLSX button write, from this one definition. No Node, no DOM.

export type Cell = string | number | boolean | null;
export type Row = Record<string, Cell>;
export interface Table {
  columns: string[];
  rows: Row[];
}

/** XLSX bytes of a table: one sheet, a header row, numbers and booleans as such, null as an empty cell. */
export async function xlsxOf({ columns, rows }: Table, sheetName: string, widths?: Record<string, number>): Promise<Uint8Array> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Fuhua';
  const sheet = workbook.addWorksheet(sheetName.slice(0, 31) || 'export');
  sheet.columns = columns.map((key) => ({ header: key, key, width: widths?.[key] ?? Math.min(40, Math.max(10, key.length + 2)) }));
  for (const row of rows) sheet.addRow(Object.fromEntries(columns.map((c) => [c, row[c] ?? undefined])));
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/** A table read back from XLSX bytes (the first sheet): what the tests compare with the JSON export. */
export async function tableOfXlsx(bytes: Uint8Array): Promise<Table> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as never);
  const sheet = workbook.worksheets[0];
  const columns = (sheet.getRow(1).values as Cell[]).slice(1).map(String);
  const rows: Row[] = [];
  sheet.eachRow((row, n) => {
    if (n === 1) return;
    const values = row.values as Cell[];
    rows.push(Object.fromEntries(columns.map((c, i) => [c, values[i + 1] ?? null])));
  });
  return { columns, rows };
}
