import { columnsFor, defused, type ExportRow } from './export-columns.js';

const row: ExportRow = { name: '李*明', gender: 'male', birthYear: '2014', ageOver: { 12: true, 14: false, 16: false, 18: false }, educationStage: 'primary', grade: 6, enrolmentStatus: 'enrolled', school: '西湖小学', region: '西湖区' };

describe('export columns', () => {
  it('has a column for each approved claim and none for anything else', () => {
    const columns = columnsFor(['enrolment_status', 'age_over_12', 'region']);
    expect(columns.map((c) => c.header)).toEqual(['已满12周岁', '学籍状态', '所在区县']);
    expect(columns.map((c) => c.value(row))).toEqual([true, 'enrolled', '西湖区']);
  });

  it('defuses what a spreadsheet would run as a formula', () => {
    expect(defused('=HYPERLINK("x")')).toBe(`'=HYPERLINK("x")`);
    expect(defused('-1')).toBe(`'-1`);
    expect(defused('西湖区')).toBe('西湖区');
    expect(defused(6)).toBe(6);
  });
});
