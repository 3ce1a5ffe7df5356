/**
 * Import files in and out: a CSV (csv-parse; UTF-8 with or without BOM, or GB18030 as Excel
 * saves it on a Chinese system) or an XLSX (exceljs, first worksheet) read to text cells; the
 * report (the original sheet with a column of errors added); the empty template.
 */
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { IMPORT_COLUMNS } from './domain/import-columns.js';
import type { RowError, SheetRow } from './domain/import-rows.js';

export const CSV = 'text/csv';
export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export type ImportMediaType = typeof CSV | typeof XLSX;

/**
 * The largest file POST /imports takes: 100,000 rows of CSV are about 25 MB (an XLSX is smaller,
 * compressed). Only these two media types are read as raw bytes; JSON bodies keep their 1 MB.
 */
export const IMPORT_BODY_LIMIT = '32mb';

/** Rows one import takes (a large school has a few thousand; a county's file tens of thousands). */
export const MAX_ROWS = 100_000;
const ERRORS_HEADER = '错误';

export interface Sheet {
  headers: string[];
  rows: SheetRow[];
}

/** The file's header row and data rows (empty rows skipped), each with its row number as a spreadsheet shows it. */
export async function readSheet(content: Buffer, mediaType: ImportMediaType): Promise<Sheet> {
  const grid = mediaType === CSV ? csvGrid(content) : await xlsxGrid(content);
  const [headerRow = [], ...data] = grid;
  const headers = headerRow.map((h) => h.trim());
  const rows: SheetRow[] = [];
  data.forEach((values, i) => {
    if (values.every((v) => v.trim() === '')) return;
    const cells: Record<string, string> = {};
    headers.forEach((h, c) => {
      if (h !== '' && !Object.hasOwn(cells, h)) cells[h] = (values[c] ?? '').trim();
    });
    rows.push({ row: i + 2, cells });
  });
  return { headers, rows };
}

export class UnreadableFile extends Error {}

function csvGrid(content: Buffer): string[][] {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(content);
  } catch {
    text = new TextDecoder('gb18030').decode(content);
  }
  try {
    return parse(text, { bom: true, relax_column_count: true, skip_empty_lines: false }) as string[][];
  } catch (error) {
    throw new UnreadableFile(`not a CSV file: ${(error as Error).message.split(':')[0]}`);
  }
}

async function xlsxGrid(content: Buffer): Promise<string[][]> {
  const book = new ExcelJS.Workbook();
  try {
    await book.xlsx.load(content as unknown as ArrayBuffer);
  } catch {
    throw new UnreadableFile('not an XLSX workbook');
  }
  const sheet = book.worksheets[0];
  if (!sheet) return [];
  const grid: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, number) => {
    const values: string[] = [];
    for (let c = 1; c <= sheet.actualColumnCount || c <= row.cellCount; c++) values.push(cellText(row.getCell(c).value));
    grid[number - 1] = values;
  });
  for (let i = 0; i < grid.length; i++) grid[i] ??= [];
  return grid;
}

/** A cell's value as text: dates as YYYY-MM-DD, rich text joined, a formula by its result. */
export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('text' in value) return String(value.text);
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    return '';
  }
  return String(value);
}

/** The original sheet with a column of errors added (one cell per bad row: "column: reason; …"). */
export async function reportWorkbook(content: Buffer, mediaType: ImportMediaType, errors: readonly RowError[]): Promise<Buffer> {
  const byRow = new Map<number, string[]>();
  for (const e of errors) byRow.set(e.row, [...(byRow.get(e.row) ?? []), `${e.column}: ${e.reason}`]);
  const book = new ExcelJS.Workbook();
  let sheet: ExcelJS.Worksheet;
  if (mediaType === XLSX) {
    await book.xlsx.load(content as unknown as ArrayBuffer);
    sheet = book.worksheets[0] ?? book.addWorksheet('学生');
  } else {
    sheet = book.addWorksheet('学生');
    for (const values of csvGrid(content)) sheet.addRow(values);
  }
  const column = Math.max(sheet.actualColumnCount, sheet.getRow(1).cellCount) + 1;
  sheet.getRow(1).getCell(column).value = ERRORS_HEADER;
  sheet.getRow(1).getCell(column).font = { bold: true, color: { argb: 'FFC00000' } };
  for (const [row, reasons] of byRow) sheet.getRow(row).getCell(column).value = reasons.join('; ');
  sheet.getColumn(column).width = 60;
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** The empty template: the header row (required columns bold), ID numbers as text, a sheet of hints. */
export async function templateWorkbook(): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('学生');
  sheet.addRow(IMPORT_COLUMNS.map((c) => c.header));
  IMPORT_COLUMNS.forEach((c, i) => {
    const col = sheet.getColumn(i + 1);
    col.width = Math.max(10, c.header.length * 2 + 4);
    // Eighteen digits stored as a number lose their last three: the column is text.
    if (c.field === 'idNumber') col.numFmt = '@';
    if (c.required) sheet.getRow(1).getCell(i + 1).font = { bold: true };
  });
  const hints = book.addWorksheet('说明');
  hints.addRow(['列', '必填', '说明']);
  for (const c of IMPORT_COLUMNS) hints.addRow([c.header, c.required ? '是' : '', c.hint]);
  hints.addRow(['(省级自定义字段)', '', '以字段名称或字段名为列名']);
  return Buffer.from(await book.xlsx.writeBuffer());
}
