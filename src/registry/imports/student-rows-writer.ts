/**
 * Writes a checked import's records in bulk, inside the caller's transaction: the students (one
 * COPY on a PostgreSQL server; multi-row INSERTs from a JSON array on the embedded store, which
 * has no COPY through its session), their first history periods (a second COPY; one INSERT …
 * SELECT on the embedded store), their guardian contacts in one INSERT. Ids are made here, so nothing needs to come back.
 */
import { once } from 'node:events';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { EntityManager } from 'typeorm';
import { provinceKeyOf } from '../../platform/organisations/domain/org-level.js';

export interface NewStudentRow {
  id: string;
  student_number: string;
  id_document_type: string;
  id_number_digest: string;
  /** The sealed ID number, hex. */
  id_number_sealed: string;
  name: string;
  gender: string;
  birth_date: string;
  nationality: string;
  ethnicity: string | null;
  household_division: string | null;
  household_address: string | null;
  special_education_category: string | null;
  special_education_level: number | null;
  class_name: string | null;
  admission_method: string | null;
  /** JSON text. */
  extra: string;
  late_registration: boolean;
  enrolment_date: string;
  education_stage: string;
  grade: number;
}

export interface NewGuardianRow {
  student_id: string;
  position: number;
  relation: string;
  name: string;
  phone: string;
}

const COLUMNS = [
  'id', 'student_number', 'id_document_type', 'id_number_digest', 'id_number_sealed', 'name', 'gender', 'birth_date', 'nationality',
  'ethnicity', 'household_division', 'household_address', 'special_education_category', 'special_education_level', 'class_name',
  'admission_method', 'extra', 'late_registration', 'enrolment_date', 'education_stage', 'grade',
] as const satisfies ReadonlyArray<keyof NewStudentRow>;

const RECORD_TYPES = `id uuid, student_number varchar, id_document_type varchar, id_number_digest char(64), id_number_sealed text, name varchar,
  gender varchar, birth_date date, nationality char(3), ethnicity char(2), household_division char(6), household_address varchar,
  special_education_category char(1), special_education_level smallint, class_name varchar, admission_method varchar, extra text,
  late_registration boolean, enrolment_date date, education_stage varchar, grade smallint`;

const ROWS_PER_INSERT = 2_000;
const ROWS_PER_WRITE = 500;

/** Builds the records of rows [from, to): called chunk by chunk, so sealing overlaps the server's work. */
export type BuildRows = (from: number, to: number) => { students: NewStudentRow[]; guardians: NewGuardianRow[] };

/** `periods`: each new student's first history period, in the order of the rows. */
export async function writeStudents(em: EntityManager, school: { id: string; path: string }, count: number, build: BuildRows, periods: readonly NewPeriod[]): Promise<void> {
  const client = (em.queryRunner as unknown as { databaseConnection?: unknown } | undefined)?.databaseConnection;
  const guardians: NewGuardianRow[] = [];
  const chunks = function* (size: number) {
    for (let i = 0; i < count; i += size) {
      const built = build(i, Math.min(count, i + size));
      guardians.push(...built.guardians);
      yield built.students;
    }
  };
  if (client instanceof pg.Client) {
    // Each chunk is sealed and formatted while the server stores the previous one; then the
    // periods (copying them first, their student reference checked at commit, measured slower:
    // the students' COPY is the longer of the two to hide this thread's work behind).
    await copyStudents(client, school, chunks(ROWS_PER_WRITE));
    await copyPeriods(client, school, periods);
  } else {
    for (const students of chunks(ROWS_PER_INSERT)) await insertStudents(em, school, students);
    await insertPeriods(em, periods.map((p) => p[0]));
  }
  if (guardians.length > 0) {
    await em.query(
      `INSERT INTO student_guardian_contacts (student_id, position, relation, name, phone, province_code)
       SELECT student_id, position, relation, name, phone, $2 FROM json_to_recordset($1::json)
           AS g(student_id uuid, position smallint, relation varchar, name varchar, phone varchar)`,
      [JSON.stringify(guardians), provinceKeyOf(school.path)],
    );
  }
}

/** A new record's first history period: student id, from date (the enrolment date), stage, grade. */
export type NewPeriod = [string, string, string, number];

/** One COPY of the periods (the school's province key on each); `table`: the register's, or an equivalent one (the benchmark's floor). */
export async function copyPeriods(client: pg.Client, school: { id: string; path: string }, periods: readonly NewPeriod[], table = 'student_status_periods'): Promise<void> {
  const tail = `\t${school.id}\t${provinceKeyOf(school.path)}`;
  await copyLines(client, `COPY ${table} (student_id, status, from_date, education_stage, grade, school_id, province_code) FROM STDIN`, function* () {
    for (let i = 0; i < periods.length; i += ROWS_PER_WRITE) {
      let lines = '';
      for (let j = i; j < Math.min(periods.length, i + ROWS_PER_WRITE); j++) {
        const [id, from, stage, grade] = periods[j];
        lines += `${id}\tenrolled\t${from}\t${stage}\t${grade}${tail}\n`;
      }
      yield lines;
    }
  }());
}

/** The embedded store's way: selected back from the students just inserted; `table`/`studentsTable` as for copyPeriods. */
export async function insertPeriods(em: EntityManager, studentIds: readonly string[], table = 'student_status_periods', studentsTable = 'students'): Promise<void> {
  await em.query(
    `INSERT INTO ${table} (student_id, status, from_date, school_id, education_stage, grade, province_code)
     SELECT s.id, 'enrolled', s.enrolment_date, s.school_id, s.education_stage, s.grade, s.province_code FROM ${studentsTable} s WHERE s.id = ANY($1::uuid[])`,
    [studentIds],
  );
}

/** `table`: students, or an equivalent table (the benchmark's baseline). */
export async function insertStudents(em: EntityManager, school: { id: string; path: string }, rows: NewStudentRow[], table = 'students'): Promise<void> {
  // Both arrive as text: the sealed number in hex, the province fields as the JSON text COPY sends.
  const columns = COLUMNS.map((c) => (c === 'id_number_sealed' ? `decode(r.${c}, 'hex')` : c === 'extra' ? 'r.extra::jsonb' : `r.${c}`)).join(', ');
  await em.query(
    `INSERT INTO ${table} (${COLUMNS.join(', ')}, school_id, scope_path, status)
     SELECT ${columns}, $2, $3, 'enrolled' FROM json_to_recordset($1::json) AS r(${RECORD_TYPES})`,
    [JSON.stringify(rows), school.id, school.path],
  );
}

/** `chunks`: rows in the order to store them, a chunk at a time; `table`: students, or an equivalent table (the benchmark's baseline). */
export async function copyStudents(client: pg.Client, school: { id: string; path: string }, chunks: Iterable<NewStudentRow[]>, table = 'students'): Promise<void> {
  await copyLines(client, studentsCopy(table), function* () {
    for (const rows of chunks) yield studentLines(rows, school);
  }());
}

const studentsCopy = (table: string) => `COPY ${table} (${COLUMNS.join(', ')}, school_id, scope_path, status) FROM STDIN`;

function studentLines(rows: readonly NewStudentRow[], school: { id: string; path: string }): string {
  const tail = `\t${copyText(school.id)}\t${copyText(school.path)}\tenrolled\n`;
  let lines = '';
  for (const row of rows) lines += copyLine(row) + tail;
  return lines;
}

/** One COPY … FROM STDIN, fed a block of lines at a time, waiting only when the socket's buffer is full. */
async function copyLines(client: pg.Client, statement: string, blocks: Iterable<string>): Promise<void> {
  const stream = client.query(copyFrom(statement));
  const done = new Promise((resolve, reject) => stream.on('finish', resolve).on('error', reject));
  done.catch(() => undefined); // awaited below
  for (const block of blocks) {
    if (!stream.write(block)) await Promise.race([once(stream, 'drain'), done]);
  }
  stream.end();
  await done;
}

/** One row's columns in COPY's text format (the school's columns follow): one string built per row, each text escaped. */
export function copyLine(row: NewStudentRow): string {
  return (
    `${text(row.id)}\t${text(row.student_number)}\t${text(row.id_document_type)}\t${text(row.id_number_digest)}\t\\\\x${row.id_number_sealed}` +
    `\t${text(row.name)}\t${text(row.gender)}\t${text(row.birth_date)}\t${text(row.nationality)}\t${text(row.ethnicity)}` +
    `\t${text(row.household_division)}\t${text(row.household_address)}\t${text(row.special_education_category)}` +
    `\t${row.special_education_level === null ? '\\N' : row.special_education_level}\t${text(row.class_name)}\t${text(row.admission_method)}` +
    `\t${text(row.extra)}\t${row.late_registration}\t${text(row.enrolment_date)}\t${text(row.education_stage)}\t${row.grade}`
  );
}

const SPECIAL = /[\\\t\n\r]/;

function text(value: string | null): string {
  return value === null ? '\\N' : copyText(value);
}

function copyText(value: string): string {
  return SPECIAL.test(value) ? value.replace(/[\\\t\n\r]/g, (c) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c]!) : value;
}
