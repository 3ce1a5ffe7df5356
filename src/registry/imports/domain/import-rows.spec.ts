import { DEFAULT_ENTRY_AGE } from '../../domain/entry-rules.js';
import { residentIdCheckCharacter } from '../../domain/resident-id.js';
import { rowToRequest, sheetDate, sheetGrade } from './import-columns.js';
import { checkRows, headerProblems } from './import-rows.js';

const id = (birth: string, seq: string) => {
  const body = `330106${birth.replaceAll('-', '')}${seq}`;
  return body + residentIdCheckCharacter(body);
};
const RULES = { fields: [], entryAge: DEFAULT_ENTRY_AGE };
const TODAY = '2026-11-30';
const row = (n: number, cells: Record<string, string>) => ({ row: n, cells: { 姓名: '新生', 证件号码: id('2013-05-01', '101'), 入学日期: '2026-10-08', 学段: '初中', 年级: '7', ...cells } });

describe('sheet cells as the enrolment request', () => {
  it.each([
    ['2026/9/1', '2026-09-01'],
    ['2026.09.01', '2026-09-01'],
    ['20260901', '2026-09-01'],
    ['2026年9月1日', '2026-09-01'],
    ['2026-09-01', '2026-09-01'],
    ['九月一日', '九月一日'],
  ])('reads the date %s as %s', (text, date) => expect(sheetDate(text)).toBe(date));

  it.each([
    ['7', 7],
    ['一年级', 1],
    ['十二年级', 12],
    ['初一', 7],
    ['高三', 12],
    ['七班', Number.NaN],
  ])('reads the grade %s as %s', (text, grade) => expect(sheetGrade(text)).toBe(grade));

  it('turns Chinese labels into the codes the request takes, nesting 户籍 and guardians', () => {
    const request = rowToRequest(
      { 姓名: '新生', 证件类型: '护照', 性别: '女', 民族: '回族', 国籍: '中国', 学段: '高中', 入学方式: '统一招生', 户籍地区划代码: '330106', 户籍地: '杭州市西湖区', 残疾类别: '听力残疾', 残疾等级: '二级', 监护人1关系: '父亲', 监护人1姓名: '张三', 监护人1电话: '13800138000' },
      {},
    );
    expect(request).toEqual({
      extra: {},
      name: '新生',
      idDocumentType: 'passport',
      gender: 'female',
      ethnicity: '03',
      nationality: 'CHN',
      educationStage: 'senior',
      admissionMethod: 'unified',
      householdRegistration: { divisionCode: '330106', address: '杭州市西湖区' },
      specialEducation: { category: '2', level: 2 },
      guardians: [{ relation: 'father', name: '张三', phone: '13800138000' }],
    });
  });
});

describe('checking a sheet', () => {
  it('names unknown, doubled and missing columns on row 1; 序号 and province fields are columns', () => {
    const fields = [{ name: 'leftBehindChild', label: '是否留守儿童', type: 'boolean' as const, required: false }];
    expect(headerProblems(['序号', '姓名', '姓名', '证件号码', '入学日期', '学段', '是否留守儿童', '爱好'], fields)).toEqual([
      { row: 1, column: '姓名', code: 'DUPLICATE_COLUMN', reason: 'the column appears twice' },
      { row: 1, column: '爱好', code: 'UNKNOWN_COLUMN', reason: "is not a column of the import template or of the province's record fields" },
      { row: 1, column: '年级', code: 'MISSING_COLUMN', reason: 'the template column is required' },
    ]);
  });

  it('checks each row by the enrolment rules and reports row, column and code', () => {
    const { checked, errors } = checkRows(
      [
        row(2, {}),
        row(3, { 证件号码: '330106201305011010' }),
        row(4, { 年级: '3' }),
        row(5, { 性别: '女', 证件号码: id('2013-05-01', '111') }),
        row(6, { 民族: '火星族' }),
        row(7, { 入学日期: '2027-09-01', 证件号码: id('2013-05-01', '121') }),
        row(8, { 学段: '小学', 年级: '1', 证件号码: id('2021-05-01', '131'), 入学日期: '2026-09-01' }),
        row(9, {}),
      ],
      TODAY,
      RULES,
    );
    expect(checked.map((c) => c.row)).toEqual([2]);
    expect(errors.map((e) => [e.row, e.column, e.code])).toEqual([
      [3, '证件号码', 'INVALID_ID_NUMBER'],
      [4, '年级', 'INVALID_GRADE'],
      [5, '性别', 'DOES_NOT_MATCH_DOCUMENT'],
      [6, '民族', 'INVALID_VALUE'],
      [7, '入学日期', 'INVALID_DATE'],
      [8, '出生日期', 'UNDER_ENTRY_AGE'],
      [9, '证件号码', 'DUPLICATE_IN_FILE'],
    ]);
    expect(errors.every((e) => !e.reason.includes('330106'))).toBe(true);
  });

  it("fills the province's fields from their columns, typed, and checks them by its schema", () => {
    const rules = { ...RULES, fields: [{ name: 'leftBehindChild', label: '是否留守儿童', type: 'boolean' as const, required: true }] };
    const { checked, errors } = checkRows([row(2, { 是否留守儿童: '是' }), row(3, { 证件号码: id('2013-05-01', '141') })], TODAY, rules);
    expect(checked[0].input.extra).toEqual({ leftBehindChild: true });
    expect(errors).toMatchObject([{ row: 3, column: '是否留守儿童', code: 'INVALID_EXTRA_FIELD' }]);
  });
});
