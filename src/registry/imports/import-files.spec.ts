import { parse } from 'csv-parse/sync';
import { readSheet, UnreadableFile } from './import-files.js';
import type { SheetRow } from './domain/import-rows.js';

const HEADER = '姓名,证件号码,班级';

/** What reading the whole text at once gives: the rows that are not blank, numbered as a spreadsheet numbers them. */
function wholeFile(text: string): SheetRow[] {
  const [header, ...records] = parse(text, { bom: true, relax_column_count: true, skip_empty_lines: false }) as string[][];
  return records.flatMap((values, i) =>
    values.every((v) => v.trim() === '') ? [] : [{ row: i + 2, cells: Object.fromEntries(header.map((h, c) => [h.trim(), (values[c] ?? '').trim()])) }],
  );
}

async function read(text: string | Buffer) {
  const sheet = await readSheet(Buffer.isBuffer(text) ? text : Buffer.from(text), 'text/csv');
  const parts = [...sheet.parts];
  return { headers: sheet.headers, rowCount: sheet.rowCount, rows: parts.flat(), partSizes: parts.map((p) => p.length) };
}

describe('readSheet (a CSV in parts)', () => {
  // 2,500 records across three parts; quoted fields with line breaks, commas and doubled quotes
  // sit on the parts' edges, and blank lines still count in the row numbers.
  const lines = [HEADER];
  for (let i = 0; i < 2500; i++) {
    if (i === 999 || i === 1000 || i === 1999) lines.push(`"学生${i}\r\n第二行","1100${i}","七年级""(1)""班, 东"`);
    else if (i % 700 === 5) lines.push(' , ,');
    else lines.push(`学生${i},1100${i},七年级(${i % 9})班`);
  }
  const text = '\uFEFF' + lines.join('\r\n') + '\r\n';

  it('reads the same rows, numbers and cells as the whole file read at once', async () => {
    const sheet = await read(text);
    expect(sheet.headers).toEqual(['姓名', '证件号码', '班级']);
    expect(sheet.rows).toEqual(wholeFile(text));
    expect(sheet.rows).toHaveLength(2496);
    expect(sheet.rowCount).toBe(2496);
    expect(sheet.partSizes.length).toBe(3);
    const edge = sheet.rows.find((r) => r.cells['证件号码'] === '11001000')!;
    expect(edge.cells).toEqual({ 姓名: '学生1000\r\n第二行', 证件号码: '11001000', 班级: '七年级"(1)"班, 东' });
    expect(sheet.rows.at(-1)!.row).toBe(2501);
  });

  it('reads a file without a final line break, with LF only, or in GB18030', async () => {
    const lf = [HEADER, '张三,1,一班', '', '李四,2,二班'].join('\n');
    expect((await read(lf)).rows).toEqual(wholeFile(lf));
    expect((await read(lf)).rows.map((r) => r.row)).toEqual([2, 4]);
    const gb = Buffer.from(new Uint8Array([...Buffer.from('a,b\n'), 0xd5, 0xc5, 0xc8, 0xfd, 0x2c, 0x31, 0x0a])); // 张三,1
    expect((await read(gb)).rows).toEqual([{ row: 2, cells: { a: '张三', b: '1' } }]);
  });

  it('reads a file of old Mac line ends whole', async () => {
    const cr = [HEADER, '张三,1,一班', '李四,2,二班'].join('\r');
    const sheet = await read(cr);
    expect(sheet.rows.map((r) => r.cells['姓名'])).toEqual(['张三', '李四']);
    expect(sheet.rowCount).toBe(2);
  });

  it('counts no rows in a header alone, and refuses a part that is not CSV where it breaks', async () => {
    expect((await read(`${HEADER}\r\n\r\n , \r\n`)).rowCount).toBe(0);
    const broken = [HEADER, ...Array.from({ length: 1500 }, (_, i) => `学生${i},${i},一班`), '学生,"未闭合,一班'].join('\n');
    const sheet = await readSheet(Buffer.from(broken), 'text/csv');
    const parts = sheet.parts[Symbol.iterator]();
    expect(parts.next().value).toHaveLength(1000);
    expect(() => parts.next()).toThrow(UnreadableFile);
  });
});
