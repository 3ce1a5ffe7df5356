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
  /** The data rows that are not blank, as counted before the rows are read (exact for a well-formed file). */
  rowCount: number;
  /**
   * The data rows (blank ones skipped), each with its row number as a spreadsheet shows it, a
   * part at a time: a CSV's records are parsed as the parts are asked for, so the first rows can
   * be checked and stored while the rest of the file is not yet read. Throws UnreadableFile where
   * a part cannot be parsed.
   */
  parts: Iterable<SheetRow[]>;
}

/** Records per part of a CSV. */
const RECORDS_PER_PART = 1_000;

/** The file's header row and its data rows, a part at a time. */
export async function readSheet(content: Buffer, mediaType: ImportMediaType): Promise<Sheet> {
  if (mediaType === CSV) return csvSheet(content);
  const [headerRow = [], ...data] = await xlsxGrid(content);
  const headers = headerRow.map((h) => h.trim());
  const rows = toRows(headers, data, 0);
  return { headers, rowCount: rows.length, parts: [rows] };
}

export class UnreadableFile extends Error {}

/** `records` in file order, the first of them the `first`-th data record: the non-blank ones as rows. */
function toRows(headers: readonly string[], records: readonly string[][], first: number): SheetRow[] {
  const rows: SheetRow[] = [];
  records.forEach((values, i) => {
    if (values.every((v) => v.trim() === '')) return;
    const cells: Record<string, string> = {};
    headers.forEach((h, c) => {
      if (h !== '' && !Object.hasOwn(cells, h)) cells[h] = (values[c] ?? '').trim();
    });
    rows.push({ row: first + i + 2, cells });
  });
  return rows;
}

/**
 * A CSV read in parts. One pass over the text finds where each record ends — a line break
 * outside quotes (a quote opens and closes a quoted field, and a doubled quote inside one
 * closes and reopens it, so counting them is enough) — and counts the records that hold more
 * than commas and spaces; csv-parse then reads the records a part at a time, exactly as it
 * reads the whole text (a file that is not well-formed fails in the part where it breaks).
 */
function csvSheet(content: Buffer): Sheet {
  let text = decodeCsv(content);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const ends: number[] = [];
  let quoted = false;
  let filled = false;
  let filledRecords = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      quoted = !quoted;
      filled = true;
    } else if (c === 0x0a && !quoted) {
      ends.push(i + 1);
      if (filled) filledRecords++;
      filled = false;
    } else if (c !== 0x2c && c !== 0x20 && c !== 0x09 && c !== 0x0d) {
      filled = true;
    }
  }
  if (filled) filledRecords++;
  if (ends.length === 0 || (ends.length === 1 && ends[0] === text.length)) {
    // One line by line feeds (or a file of old Mac line ends, which csv-parse also reads): whole.
    const [headerRow = [], ...data] = csvRecords(text);
    const headers = headerRow.map((h) => h.trim());
    const rows = toRows(headers, data, 0);
    return { headers, rowCount: rows.length, parts: [rows] };
  }
  if (ends.at(-1) !== text.length) ends.push(text.length);
  const headerEnd = ends[0] ?? 0;
  const headers = (csvRecords(text.slice(0, headerEnd))[0] ?? []).map((h) => h.trim());
  const firstRowFilled = text.slice(0, headerEnd).replace(/[,\s]/g, '') !== '';
  const parts = function* (): Generator<SheetRow[]> {
    let record = 0;
    for (let e = 1; e < ends.length; e += RECORDS_PER_PART) {
      const records = csvRecords(text.slice(ends[e - 1], ends[Math.min(ends.length, e + RECORDS_PER_PART) - 1]));
      yield toRows(headers, records, record);
      record += records.length;
    }
  };
  return { headers, rowCount: Math.max(0, filledRecords - (firstRowFilled ? 1 : 0)), parts: parts() };
}

function decodeCsv(content: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(content);
  } catch {
    return new TextDecoder('gb18030').decode(content);
  }
}

function csvRecords(text: string): string[][] {
  try {
    return parse(text, { bom: true, relax_column_count: true, skip_empty_lines: false }) as string[][];
  } catch (error) {
    throw new UnreadableFile(`not a CSV file: ${(error as Error).message.split(':')[0]}`);
  }
}

function csvGrid(content: Buffer): string[][] {
  return csvRecords(decodeCsv(content));
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
