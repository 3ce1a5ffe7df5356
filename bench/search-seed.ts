/**
 * A province of `size` students for the search bench, loaded as the database owner in the
 * bench's own database: the organisations with one INSERT … SELECT, the students streamed by
 * COPY. Every row is a real record the service can show — its ID number digested and sealed by
 * the service's own vault, since a listing opens every sealed number to mask it.
 *
 * Shape: province 33, cities 3301 and 3302, ten counties, 50 schools each (500 schools, the
 * bench tree's 3330106001 among them); a school is primary (grades 1–6), junior (7–9) or
 * senior (10–12); classes of ~45; 30 surnames with a long tail; 97% enrolled, 1% each
 * suspended, withdrawn and graduated.
 */
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { residentIdCheckCharacter } from '../src/registry/domain/resident-id.js';
import { formatStudentNumber } from '../src/registry/domain/student-number.js';
import type { IdNumberVault } from '../src/registry/id-number-vault.js';

export const COUNTIES = ['330102', '330105', '330106', '330108', '330109', '330110', '330202', '330203', '330205', '330206'];
export const SCHOOLS_PER_COUNTY = 50;
const SURNAMES = '张王李刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍鹏辉建国红梅婷雪琳晨宇浩然子涵欣怡梓轩一诺思远博文雨桐嘉豪';
const STAGES = [
  { stage: 'primary', grades: [1, 2, 3, 4, 5, 6] },
  { stage: 'junior', grades: [7, 8, 9] },
  { stage: 'senior', grades: [10, 11, 12] },
] as const;

export interface SeededSchool {
  code: string;
  path: string;
  id: string;
  stage: (typeof STAGES)[number]['stage'];
}

/** A cheap deterministic mix of i (a 32-bit integer hash). */
function mix(i: number, salt: number): number {
  let x = (i ^ (salt * 0x9e3779b1)) >>> 0;
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b) >>> 0;
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35) >>> 0;
  return (x ^ (x >>> 16)) >>> 0;
}

/** Surnames fall off like real ones: the first few cover most people. */
function nameOf(i: number): string {
  const r = mix(i, 1) / 2 ** 32;
  const surname = SURNAMES[Math.min(SURNAMES.length - 1, Math.floor(SURNAMES.length * r * r))];
  const given = GIVEN[mix(i, 2) % GIVEN.length] + (mix(i, 3) % 3 === 0 ? '' : GIVEN[mix(i, 4) % GIVEN.length]);
  return surname + given;
}

/** The resident ID of row i: unique because (region, day, sequence) determine i. */
export function idNumberOf(i: number, grade: number): string {
  const region = COUNTIES[Math.floor(i / 364_635)];
  const day = new Date(Date.UTC(2026 - 6 - grade, 0, 1) + (i % 365) * 86_400_000).toISOString().slice(0, 10).replaceAll('-', '');
  const body = `${region}${day}${String((Math.floor(i / 365) % 999) + 1).padStart(3, '0')}`;
  return body + residentIdCheckCharacter(body);
}

export async function seedOrganisations(client: pg.Client): Promise<SeededSchool[]> {
  const [province] = (await client.query(`SELECT id FROM organisations WHERE code = '330000'`)).rows;
  await client.query(
    `INSERT INTO organisations (code, level, name, parent_id, path)
     SELECT '330200', 'city', 'city 330200', $1, '/000000/330000/330200/' ON CONFLICT (code) DO NOTHING`,
    [province.id],
  );
  await client.query(
    `INSERT INTO organisations (code, level, name, parent_id, path)
     SELECT c.code, 'county', 'county ' || c.code, p.id, p.path || c.code || '/'
       FROM unnest($1::text[]) AS c(code) JOIN organisations p ON p.code = substr(c.code, 1, 4) || '00'
     ON CONFLICT (code) DO NOTHING`,
    [COUNTIES],
  );
  await client.query(
    `INSERT INTO organisations (code, level, name, parent_id, path)
     SELECT '3' || c.code || lpad(n::text, 3, '0'), 'school', 'school ' || c.code || '-' || n, c.id, c.path || '3' || c.code || lpad(n::text, 3, '0') || '/'
       FROM organisations c CROSS JOIN generate_series(1, $2::int) AS n
      WHERE c.code = ANY($1::text[])
     ON CONFLICT (code) DO NOTHING`,
    [COUNTIES, SCHOOLS_PER_COUNTY],
  );
  const rows = (await client.query(`SELECT id, code, path FROM organisations WHERE level = 'school' AND code LIKE '33%' ORDER BY code`)).rows;
  return rows.map((r: { id: string; code: string; path: string }) => ({ ...r, stage: STAGES[Number(r.code.slice(7)) % 3].stage }));
}

/** Where row i of `size` sits: its school, grade, class and ID number. */
export function placeOf(i: number, size: number, schools: SeededSchool[]) {
  const perSchool = Math.ceil(size / schools.length);
  const school = schools[Math.floor(i / perSchool)];
  const inSchool = i % perSchool;
  const { grades } = STAGES.find((s) => s.stage === school.stage)!;
  const perGrade = Math.ceil(perSchool / grades.length);
  const grade = grades[Math.floor(inSchool / perGrade)];
  const className = `${grade}年级(${Math.floor((inSchool % perGrade) / 45) + 1})班`;
  return { school, grade, grades, className, idNumber: idNumberOf(i, grade) };
}

function* studentRows(size: number, schools: SeededSchool[], vault: IdNumberVault): Generator<string> {
  let chunk: string[] = [];
  for (let i = 0; i < size; i++) {
    const { school, grade, grades, className, idNumber } = placeOf(i, size, schools);
    const digest = vault.digest('resident_id', idNumber);
    const sealed = vault.seal(digest, idNumber).toString('hex');
    const entryYear = 2026 - (grade - grades[0]);
    const status = i % 100 === 97 ? 'suspended' : i % 100 === 98 ? 'withdrawn' : i % 100 === 99 ? 'graduated' : 'enrolled';
    const graduation = status === 'graduated' ? '2026-07-01\tgraduation' : '\\N\t\\N';
    chunk.push(
      [formatStudentNumber('33', entryYear, i + 1), school.id, school.path, 'resident_id', digest, `\\\\x${sealed}`, nameOf(i),
        Number(idNumber[16]) % 2 === 1 ? 'male' : 'female', `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`,
        `${entryYear}-09-01`, school.stage, grade, status, graduation, className].join('\t') + '\n',
    );
    if (chunk.length === 2000) {
      yield chunk.join('');
      chunk = [];
    }
  }
  if (chunk.length > 0) yield chunk.join('');
}

/** Streams `size` students into the bench database; answers the seconds it took. */
export async function seedStudents(client: pg.Client, size: number, schools: SeededSchool[], vault: IdNumberVault): Promise<number> {
  const start = performance.now();
  const copy = client.query(
    copyFrom(`COPY students (student_number, school_id, scope_path, id_document_type, id_number_digest, id_number_sealed, name, gender,
                             birth_date, enrolment_date, education_stage, grade, status, graduation_date, leaving_kind, class_name) FROM STDIN`),
  );
  await pipeline(Readable.from(studentRows(size, schools, vault)), copy);
  // Numbers go on above the seeded ones: a new counter starts above the sequence, one already made above the seed.
  await client.query(`ALTER SEQUENCE student_number_seq RESTART WITH ${size + 1}`);
  await client.query(`UPDATE student_number_counters SET last_sequence = GREATEST(last_sequence, ${size})`);
  await client.query(`VACUUM ANALYZE students`);
  const seconds = (performance.now() - start) / 1000;
  // The load leaves ~2 GB of dirty pages and WAL: flushed now, not while the searches are timed.
  await client.query(`CHECKPOINT`);
  return seconds;
}
