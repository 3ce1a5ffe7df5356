/**
 * Writes an import's records in bulk inside the caller's transaction (StudentsWriter), and the
 * bulk statements it uses, which the benchmark's baseline uses too: COPY on a PostgreSQL server,
 * multi-row INSERTs from a JSON array on the embedded store, which has no COPY through its session.
 */
import { once } from 'node:events';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { EntityManager } from 'typeorm';
import { copyField, CopyLines, copyText } from '../../database/copy-text.js';
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
/** Bytes per write of encoded lines already in one buffer. */
const BYTES_PER_WRITE = 256 * 1024;

/**
 * An import's records, written in the caller's transaction as its chunks are approved: on a
 * PostgreSQL server into one COPY that stays open while the job checks the next rows, so the
 * server stores one chunk while this thread checks, seals and formats the next; on the embedded
 * store (no COPY through its session) by multi-row INSERTs. `finish` ends the COPY and adds the
 * rows' first history periods (a second COPY; one INSERT … SELECT on the embedded store) and
 * their guardian contacts (a third COPY; one INSERT on the embedded store). Ids are made by the
 * caller, so nothing needs to come back.
 *
 * On a server the periods and the guardians wait as their COPY lines, encoded when their
 * students are written, not as rows: a row per student kept to the end carried its id, which
 * randomUUID makes by concatenating many pieces, through every collection of the checks (a
 * heap snapshot at the end of the checks: ~650,000 concatenated strings, ~24 MB, held by
 * 50,000 such rows, copied by the scavenges and then promoted).
 */
export class StudentsWriter {
  private readonly copy: CopyIn | null;
  /** Server: the periods' COPY lines. Embedded store: the students' ids, for the INSERT … SELECT. */
  private readonly periodLines: CopyLines | null;
  private readonly periodIds: string[] = [];
  private readonly periodTail: string;
  private readonly provinceKey: string;
  /** Server: the guardian contacts' COPY lines. Embedded store: the contacts. */
  private readonly guardianLines: CopyLines | null;
  private readonly guardians: NewGuardianRow[] = [];
  private pending: NewStudentRow[] = [];

  constructor(
    private readonly em: EntityManager,
    private readonly school: { id: string; path: string },
  ) {
    const client = (em.queryRunner as unknown as { databaseConnection?: unknown } | undefined)?.databaseConnection;
    this.copy = client instanceof pg.Client ? new CopyIn(client, studentsCopy('students')) : null;
    this.periodLines = this.copy ? new CopyLines(1024 * 1024) : null;
    this.guardianLines = this.copy ? new CopyLines(64 * 1024) : null;
    this.periodTail = periodTail(school);
    this.provinceKey = provinceKeyOf(school.path);
  }

  /** Waits only while the server is behind (the socket's buffer full), never for it to store the rows. */
  async write(students: readonly NewStudentRow[], guardians: readonly NewGuardianRow[]): Promise<void> {
    if (this.copy) {
      for (const s of students) this.periodLines!.add(periodLine([s.id, s.enrolment_date, s.education_stage, s.grade], this.periodTail));
      for (const g of guardians) this.guardianLines!.add(guardianLine(g, this.provinceKey));
      for (let i = 0; i < students.length; i += ROWS_PER_WRITE) await this.copy.write(studentLines(students.slice(i, i + ROWS_PER_WRITE), this.school));
      return;
    }
    for (const s of students) this.periodIds.push(s.id);
    this.guardians.push(...guardians);
    this.pending.push(...students);
    while (this.pending.length >= ROWS_PER_INSERT) await insertStudents(this.em, this.school, this.pending.splice(0, ROWS_PER_INSERT));
  }

  async finish(): Promise<void> {
    if (this.copy) {
      await this.copy.end();
      await copyLines(this.copy.client, periodsCopy('student_status_periods'), slices(this.periodLines!.bytes(), BYTES_PER_WRITE));
      const guardians = this.guardianLines!.bytes();
      if (guardians.length > 0) await copyLines(this.copy.client, GUARDIANS_COPY, slices(guardians, BYTES_PER_WRITE));
      return;
    }
    if (this.pending.length > 0) await insertStudents(this.em, this.school, this.pending.splice(0));
    await insertPeriods(this.em, this.periodIds);
    if (this.guardians.length > 0) {
      await this.em.query(
        `INSERT INTO student_guardian_contacts (student_id, position, relation, name, phone, province_code)
         SELECT student_id, position, relation, name, phone, $2 FROM json_to_recordset($1::json)
             AS g(student_id uuid, position smallint, relation varchar, name varchar, phone varchar)`,
        [JSON.stringify(this.guardians), this.provinceKey],
      );
    }
  }

  /** Before the transaction is rolled back: a COPY still open is ended (its rows go with the rollback). */
  async abandon(): Promise<void> {
    await this.copy?.end().catch(() => undefined);
  }
}

const GUARDIANS_COPY = 'COPY student_guardian_contacts (student_id, position, relation, name, phone, province_code) FROM STDIN';

/** A guardian contact's line in COPY's text format: the free text (relation, name, phone) escaped. */
export function guardianLine(g: NewGuardianRow, provinceKey: string): string {
  return `${g.student_id}\t${g.position}\t${copyText(g.relation)}\t${copyText(g.name)}\t${copyText(g.phone)}\t${provinceKey}\n`;
}

/** A new record's first history period: student id, from date (the enrolment date), stage, grade. */
export type NewPeriod = [string, string, string, number];

/** One COPY of the periods (the school's province key on each); `table`: the register's, or an equivalent one (the benchmark's floor). */
export async function copyPeriods(client: pg.Client, school: { id: string; path: string }, periods: readonly NewPeriod[], table = 'student_status_periods'): Promise<void> {
  const tail = periodTail(school);
  const lines = new CopyLines(periods.length * 128);
  for (const period of periods) lines.add(periodLine(period, tail));
  await copyLines(client, periodsCopy(table), slices(lines.bytes(), BYTES_PER_WRITE));
}

const periodsCopy = (table: string) => `COPY ${table} (student_id, status, from_date, education_stage, grade, school_id, province_code) FROM STDIN`;

/** The columns every period of an import shares: the school and its province key. */
function periodTail(school: { id: string; path: string }): string {
  return `\t${school.id}\t${provinceKeyOf(school.path)}\n`;
}

/** A first period's line in COPY's text format (ids, dates, codes and numbers: nothing to escape). */
export function periodLine([id, from, stage, grade]: NewPeriod, tail: string): string {
  return `${id}\tenrolled\t${from}\t${stage}\t${grade}${tail}`;
}

/** `bytes` in consecutive parts of at most `size` (COPY's data may break anywhere, even inside a line). */
function* slices(bytes: Buffer, size: number): Generator<Buffer> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
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

/** A block of students' COPY lines, encoded (CopyLines). ~300 bytes a student without province fields. */
function studentLines(rows: readonly NewStudentRow[], school: { id: string; path: string }): Buffer {
  const tail = `\t${copyText(school.id)}\t${copyText(school.path)}\tenrolled\n`;
  const lines = new CopyLines(rows.length * 512);
  for (const row of rows) lines.add(copyLine(row) + tail);
  return lines.bytes();
}

/**
 * One COPY … FROM STDIN, fed a block of lines at a time, waiting only when the socket's buffer is
 * full. Once the server has refused it (a unique key, say), nothing more is written to it:
 * pg-copy-streams lets go of the connection on the error, and a later write would fail on that
 * instead of reporting the server's error.
 */
class CopyIn {
  private readonly stream: ReturnType<typeof copyFrom>;
  private readonly done: Promise<unknown>;
  private ended = false;
  private failure: { error: unknown } | null = null;

  constructor(
    readonly client: pg.Client,
    statement: string,
  ) {
    this.stream = client.query(copyFrom(statement));
    this.done = new Promise((resolve, reject) =>
      this.stream.on('finish', resolve).on('error', (error) => {
        this.failure ??= { error };
        reject(error);
      }),
    );
    this.done.catch(() => undefined); // awaited in write and end
  }

  async write(block: Buffer): Promise<void> {
    if (this.failure) throw this.failure.error;
    if (!this.stream.write(block)) await Promise.race([once(this.stream, 'drain'), this.done]);
  }

  async end(): Promise<void> {
    if (!this.ended && !this.failure) this.stream.end();
    this.ended = true;
    await this.done;
  }
}

async function copyLines(client: pg.Client, statement: string, blocks: Iterable<Buffer>): Promise<void> {
  const copy = new CopyIn(client, statement);
  for (const block of blocks) await copy.write(block);
  await copy.end();
}

/**
 * One row's columns in COPY's text format (the school's columns follow): one string built per row.
 * Free text (name, 户籍 address, class, the province fields' JSON) is escaped; the other columns
 * are made by the service (ids, numbers, digests, hex) or held by the schemas to codes, digits and
 * dates, which hold no backslash, tab or line break, and go as they are.
 */
export function copyLine(row: NewStudentRow): string {
  return (
    `${row.id}\t${row.student_number}\t${row.id_document_type}\t${row.id_number_digest}\t\\\\x${row.id_number_sealed}` +
    `\t${copyField(row.name)}\t${row.gender}\t${row.birth_date}\t${row.nationality}\t${code(row.ethnicity)}` +
    `\t${code(row.household_division)}\t${copyField(row.household_address)}\t${code(row.special_education_category)}` +
    `\t${row.special_education_level === null ? '\\N' : row.special_education_level}\t${copyField(row.class_name)}\t${code(row.admission_method)}` +
    `\t${copyText(row.extra)}\t${row.late_registration}\t${row.enrolment_date}\t${row.education_stage}\t${row.grade}`
  );
}

function code(value: string | null): string {
  return value ?? '\\N';
}
