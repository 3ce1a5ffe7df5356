import { copyLine, guardianLine, periodLine, type NewStudentRow } from './student-rows-writer.js';

const row: NewStudentRow = {
  id: '6f1c0a52-9a4e-4d1f-8a33-2c5e7b9d0e11',
  student_number: 'S33202600000000127',
  id_document_type: 'resident_id',
  id_number_digest: 'ab'.repeat(32),
  id_number_sealed: '02ff',
  name: '学生',
  gender: 'female',
  birth_date: '2013-01-01',
  nationality: 'CHN',
  ethnicity: '01',
  household_division: null,
  household_address: null,
  special_education_category: null,
  special_education_level: null,
  class_name: '七年级(1)班',
  admission_method: 'nearby',
  extra: '{}',
  late_registration: true,
  enrolment_date: '2026-09-01',
  education_stage: 'junior',
  grade: 7,
};

describe('copyLine (COPY text format of a new student)', () => {
  it('writes the columns in the COPY column order, nulls as \\N and the sealed number as bytea hex', () => {
    expect(copyLine(row).split('\t')).toEqual([
      row.id, row.student_number, 'resident_id', row.id_number_digest, '\\\\x02ff', '学生', 'female', '2013-01-01', 'CHN', '01',
      '\\N', '\\N', '\\N', '\\N', '七年级(1)班', 'nearby', '{}', 'true', '2026-09-01', 'junior', '7',
    ]);
  });

  it('escapes backslashes, tabs and line breaks inside text, so one row stays one line of its columns', () => {
    const line = copyLine({ ...row, household_division: '330106', household_address: 'a\tb\nc\rd\\e', special_education_category: '1', special_education_level: 2, extra: '{"note":"x\\ny"}' });

    expect(line.split('\t')).toHaveLength(21);
    expect(line).not.toMatch(/[\n\r]/);
    expect(line.split('\t')[11]).toBe('a\\tb\\nc\\rd\\\\e');
    expect(line.split('\t')[13]).toBe('2');
    expect(line.split('\t')[16]).toBe('{"note":"x\\\\ny"}');
  });

  it('escapes the name and the class, the free text a sheet brings', () => {
    const line = copyLine({ ...row, name: '学\\生', class_name: '七年级\\(1)班' });

    expect(line.split('\t')[5]).toBe('学\\\\生');
    expect(line.split('\t')[14]).toBe('七年级\\\\(1)班');
  });
});

describe('periodLine (COPY text format of a first history period)', () => {
  it('writes the period columns in the COPY column order, then the school and its province key', () => {
    expect(periodLine([row.id, '2026-09-01', 'junior', 7], '\tschool-id\t33\n')).toBe(`${row.id}\tenrolled\t2026-09-01\tjunior\t7\tschool-id\t33\n`);
  });
});

describe('guardianLine (COPY text format of a guardian contact)', () => {
  it('writes student, position, relation, name, phone and province key, the free text escaped', () => {
    const line = guardianLine({ student_id: row.id, position: 1, relation: 'mother', name: '李\t梅\\', phone: '138 0013 8000' }, '33');

    expect(line).toBe(`${row.id}\t1\tmother\t李\\t梅\\\\\t138 0013 8000\t33\n`);
    expect(line.slice(0, -1).split('\t')).toHaveLength(6);
  });
});
