import { randomUUID } from 'node:crypto';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { DataSource, type EntityManager, type QueryRunner } from 'typeorm';
import { todayInChina } from '../../common/time/china-date.js';
import { embeddedSessionOf } from '../../database/pglite-driver.js';
import { rowsOf } from '../../database/rows.js';
import { isUniqueViolation } from '../../database/unique-violation.js';
import { JobQueueService } from '../../jobs/job-queue.service.js';
import { AuditService } from '../../platform/audit/audit.service.js';
import type { Principal } from '../../platform/auth/principal.js';
import { pathCodes, provinceKeyOf, roleForLevel } from '../../platform/organisations/domain/org-level.js';
import { documentsHeld } from '../document-holders.js';
import { OrganisationsService } from '../../platform/organisations/organisations.service.js';
import { EarlyWarningsService } from '../../platform/read-log/early-warnings.service.js';
import { WarningsService } from '../../platform/warnings/warnings.service.js';
import { IdNumberVault } from '../id-number-vault.js';
import { ProvinceRecordRulesService, type ProvinceRecordRules } from '../record-schemas/province-record-rules.service.js';
import { takeStudentNumbers } from '../student-numbers.js';
import { checkRows, headerProblems, registerDuplicates, type CheckedRow, type RowError } from './domain/import-rows.js';
import { MAX_ROWS, readSheet, UnreadableFile, type ImportMediaType } from './import-files.js';
import { StudentsWriter, type NewGuardianRow, type NewStudentRow } from './student-rows-writer.js';

export const IMPORT_QUEUE = 'student-imports';
export interface ImportJob {
  importId: string;
}

/** A killed instance's job comes back after its heartbeats stop; a restarted one resumes at boot. */
const QUEUE_OPTIONS = { heartbeatSeconds: 30, expireInSeconds: 3600, retryLimit: 20, retryDelay: 5 };
/** Rows checked at a time: between two, the event loop feeds the COPY's socket and the lookups run. */
const CHECK_EVERY = 1_000;
/**
 * Rows in the first chunk, handed on as soon as they pass (not after the next chunk's checks):
 * until then the server has nothing to store.
 */
const FIRST_CHUNK = 100;
/** Rows checked between two progress updates. */
const PROGRESS_EVERY = 5_000;
const DIGESTS_PER_LOOKUP = 10_000;
/** Bytes of the file per row when the job reads it (content()). */
const CONTENT_PART = 256 * 1024;

/** A checked row with the keyed digest of its ID number (as at enrolment). */
type DigestedRow = CheckedRow & { digest: string };
/** What the checks saw of a file: each person's first row, by digest, and the rows read. */
interface FileSeen {
  people: Map<string, number>;
  total: number;
}
/** Checked rows and their sealed ID numbers (hex, in the rows' order), being sealed aside. */
interface SealedChunk {
  rows: DigestedRow[];
  sealed: Promise<string[]>;
}

interface ImportToRun {
  id: string;
  school_id: string;
  scope_path: string;
  file_sha256: string;
  media_type: ImportMediaType;
  content: Buffer;
  requested_by: string;
  requester_organisation_id: string;
}

/** The import's row without its file, which is read aside. */
type ImportRow = Omit<ImportToRun, 'content'>;

/** The import's transaction and what it has written so far. */
interface OpenWrite {
  runner: QueryRunner;
  writer: StudentsWriter;
  count: number;
  late: number;
  first: { id: string; number: string } | null;
  last: { id: string; number: string } | null;
}

/**
 * The import job. It reads the file, checks every row (the enrolment rules of POST /students),
 * and either rejects the whole file with its report, or writes every record in ONE transaction:
 * student numbers by blocks per province and year, ID numbers digested and sealed as at
 * enrolment, rows and first history periods by COPY, one audit entry naming the batch, one
 * late-registration warning. The transaction also marks the import imported, so a retried or
 * doubled job finds it done and writes nothing (all or nothing, exactly once).
 *
 * On a PostgreSQL server the transaction opens before the checks: each chunk of rows found
 * good (its people looked up in the register too) goes into the COPY while the next chunk is
 * checked, so the server stores while this thread checks. At the first bad row nothing more is
 * written, the checks go on to report every problem, and the transaction is rolled back. Runs
 * of one import wait for each other (a lock on its id taken first in the transaction). The
 * embedded store has one session, which the checks' progress updates and lookups need: there
 * the transaction opens once the whole file is known good.
 */
@Injectable()
export class StudentImportJob implements OnApplicationBootstrap {
  private readonly logger = new Logger('Imports');

  constructor(
    private readonly dataSource: DataSource,
    private readonly queue: JobQueueService,
    private readonly vault: IdNumberVault,
    private readonly recordRules: ProvinceRecordRulesService,
    private readonly organisations: OrganisationsService,
    private readonly audit: AuditService,
    private readonly warnings: WarningsService,
    private readonly early: EarlyWarningsService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.work<ImportJob>(IMPORT_QUEUE, QUEUE_OPTIONS, (job) =>
      this.run(job.importId).catch((error: Error) => {
        // Names only (a statement's values hold the rows); the queue retries the job.
        this.logger.warn({ msg: 'import job failed; it will be retried', importId: job.importId, error: error.name, code: (error as { code?: string }).code });
        throw error;
      }),
    );
    const open = rowsOf<{ id: string }>(await this.dataSource.query(`SELECT id FROM student_imports WHERE state IN ('validating', 'importing')`));
    if (open.length > 0) await this.queue.send<ImportJob>(IMPORT_QUEUE, open.map((r) => ({ importId: r.id })));
  }

  async run(importId: string, today = todayInChina()): Promise<void> {
    const [found] = rowsOf<ImportRow>(
      await this.dataSource.query(
        `SELECT id, school_id, scope_path, file_sha256, media_type, requested_by, requester_organisation_id
           FROM student_imports WHERE id = $1 AND state IN ('queued', 'validating', 'importing')`,
        [importId],
      ),
    );
    if (!found) return;
    // Until the first rows reach the COPY the server waits on this thread: the file (megabytes,
    // decompressed from its row), the requester, the record rules and the transaction's opening
    // are fetched side by side instead of one after the other.
    const content = this.content(importId);
    const rules = this.recordRules.forSchoolIn(this.dataSource.manager, found.scope_path);
    const requester = this.requester(found);
    for (const early of [content, rules, requester]) early.catch(() => undefined); // awaited below, or abandoned with the run
    const streamed = embeddedSessionOf(this.dataSource) === null;
    const file: FileSeen = { people: new Map(), total: 0 };
    let open: OpenWrite | null = null;
    try {
      if (streamed && !(open = await this.begin(found))) return;
      const principal = await requester;
      const imp: ImportToRun = { ...found, content: await content };
      await this.progress(imp.id, `state = 'validating', rows_validated = 0`);
      const held: SealedChunk[] = [];
      // Written while checked: the COPY's unique index checks current documents as it goes.
      const checked = await this.check(imp, await rules, today, file, streamed, async (chunk) => {
        if (open) await this.writeChunk(open, imp, chunk, this.dataSource);
        else held.push(chunk);
      });
      if (checked) {
        await this.rollback(open);
        open = null;
        return await this.reject(imp.id, checked, file.total);
      }
      await this.progress(imp.id, `state = 'importing'`);
      if (!open) {
        if (!(open = await this.begin(imp))) return;
        for (const chunk of held) await this.writeChunk(open, imp, chunk, open.runner.manager);
      }
      await this.finish(open, imp, principal, today);
      open = null;
    } catch (error) {
      // Someone in the file is registered already (or was enrolled meanwhile): the file is
      // refused, naming every such row, as the lookups would have.
      if (!isUniqueViolation(error, 'students_id_number_digest_key')) throw error;
      await this.rollback(open);
      open = null;
      const registered = await this.registered([...file.people.keys()]);
      if (registered.length === 0) throw error; // no longer there: the queue runs the import again
      return await this.reject(found.id, dedupe(registerDuplicates(registered.map((digest) => file.people.get(digest)!))), file.total);
    } finally {
      await this.rollback(open);
    }
  }

  /**
   * The file, in parts of CONTENT_PART bytes (base64, one row each). Nothing reaches the COPY
   * until it has come, and as one value it came as one message of twice its size in hex, which
   * pg's reader grew a buffer for by doubling and decoded into one string as large: 170–250 ms
   * for a 50,000-row CSV (4.4 MB) in the bench, against 60–90 ms in parts.
   */
  private async content(importId: string): Promise<Buffer> {
    const parts = rowsOf<{ part: string }>(
      await this.dataSource.query(
        `SELECT encode(substring(f.content FROM s FOR ${CONTENT_PART}), 'base64') AS part
           FROM student_imports f, generate_series(1, octet_length(f.content), ${CONTENT_PART}) AS s
          WHERE f.id = $1 ORDER BY s`,
        [importId],
      ),
    );
    return Buffer.concat(parts.map((p) => Buffer.from(p.part, 'base64')));
  }

  /** Those of `digests` whose person already has a record, under this document or as a former one. */
  private async registered(digests: readonly string[]): Promise<string[]> {
    const found: string[] = [];
    for (let i = 0; i < digests.length; i += DIGESTS_PER_LOOKUP) found.push(...(await documentsHeld(this.dataSource, digests.slice(i, i + DIGESTS_PER_LOOKUP))));
    return found;
  }

  /**
   * Reads and checks the file, handing each chunk of good rows to `approved`, in order, as long
   * as no problem has been found; answers every problem of the file, or null when there is none.
   * `file` keeps its people (digest → first row) and its row count (the rows read, once known). `writtenAsChecked`: the rows
   * go into a COPY as they pass, so each chunk's people are looked up under former documents
   * only — the COPY's unique index refuses a current one, and then run() looks them all up; a
   * file refused for other problems has every person looked up at the end.
   */
  private async check(
    imp: ImportToRun,
    rules: ProvinceRecordRules,
    today: string,
    file: FileSeen,
    writtenAsChecked: boolean,
    approved: (chunk: SealedChunk) => Promise<void>,
  ): Promise<RowError[] | null> {
    let sheet;
    try {
      sheet = await readSheet(imp.content, imp.media_type);
    } catch (error) {
      if (error instanceof UnreadableFile) return [unreadable(error)];
      throw error;
    }
    const headerErrors = headerProblems(sheet.headers, rules.fields);
    const counted = sheet.rowCount;
    if (counted > MAX_ROWS) headerErrors.push(tooManyRows(`${counted}`));
    if (counted === 0) headerErrors.push({ row: 0, column: '', code: 'NO_ROWS', reason: 'the file holds no student rows' });
    file.total = counted;
    if (headerErrors.length > 0) return headerErrors;
    await this.dataSource.query(`UPDATE student_imports SET rows_total = $2 WHERE id = $1`, [imp.id, counted]);

    const errors: RowError[] = [];
    // The same person twice (across chunks too), and people the register already holds (第九条):
    // each chunk's new people are looked up while the next chunk is read and checked; a chunk is
    // handed on once its lookup has come back clean. Its ID numbers are sealed on the vault's
    // thread meanwhile (while the file has no problem yet).
    const byPerson = file.people;
    let previous: (SealedChunk & { lookup: Promise<string[]> }) | null = null;
    const settle = async ({ lookup, ...chunk }: SealedChunk & { lookup: Promise<string[]> }) => {
      errors.push(...registerDuplicates((await lookup).map((digest) => byPerson.get(digest)!)));
      if (errors.length === 0) await approved(chunk);
    };
    let total = 0;
    let reported = 0;
    try {
      read: for (const part of sheet.parts) {
        for (let i = 0; i < part.length; ) {
          const sheetRows = part.slice(i, i + (total === 0 ? FIRST_CHUNK : CHECK_EVERY));
          i += sheetRows.length;
          if (total + sheetRows.length > MAX_ROWS) {
            errors.push(tooManyRows(`more than ${MAX_ROWS}`));
            break read;
          }
          total += sheetRows.length;
          const checked = checkRows(sheetRows, today, rules);
          errors.push(...checked.errors);
          const rows: DigestedRow[] = [];
          const people: string[] = [];
          for (const c of checked.checked) {
            const row = c as DigestedRow;
            row.digest = this.vault.digest(c.input.idDocumentType, c.identity.normalised);
            rows.push(row);
            const first = byPerson.get(row.digest);
            if (first !== undefined) {
              errors.push({ row: row.row, column: '证件号码', code: 'DUPLICATE_IN_FILE', reason: `the same person as row ${first}: one record per person (第九条)` });
            } else {
              byPerson.set(row.digest, row.row);
              people.push(row.digest);
            }
          }
          const lookup = people.length > 0 ? documentsHeld(this.dataSource, people, writtenAsChecked) : Promise.resolve([]);
          lookup.catch(() => undefined); // awaited in settle
          const sealed = errors.length === 0 ? this.vault.sealManyAside(rows.map((c) => ({ digest: c.digest, normalised: c.identity.normalised }))) : Promise.resolve([]);
          if (previous) await settle(previous);
          previous = { rows, sealed, lookup };
          if (total === sheetRows.length) {
            // The first chunk goes on at once: the server has nothing to store until it does.
            await settle(previous);
            previous = null;
          }
          if (total - reported >= PROGRESS_EVERY) {
            reported = total;
            await this.progress(imp.id, `rows_validated = ${total}`);
          }
          await nextTurn();
        }
      }
    } catch (error) {
      // A part the parser cannot read: the file is refused whole.
      if (!(error instanceof UnreadableFile)) throw error;
      errors.push(unreadable(error));
    }
    file.total = total;
    if (total === 0 && errors.length === 0) errors.push({ row: 0, column: '', code: 'NO_ROWS', reason: 'the file holds no student rows' });
    // The count before reading was exact for a well-formed file; now it is exact for any.
    await this.progress(imp.id, `rows_validated = ${total}, rows_total = ${total}`);
    if (previous) await settle(previous);
    if (writtenAsChecked && errors.length > 0) errors.push(...registerDuplicates((await this.registered([...byPerson.keys()])).map((digest) => byPerson.get(digest)!)));
    return errors.length > 0 ? dedupe(errors) : null;
  }

  /**
   * The import's transaction, once no other run of it is at work (their lock on its id waits for
   * this one's end); null, and nothing open, when a run has already finished it.
   */
  private async begin(imp: ImportRow): Promise<OpenWrite | null> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      await runner.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`student_import:${imp.id}`]);
      const [state] = rowsOf<{ state: string }>(await runner.query(`SELECT state FROM student_imports WHERE id = $1`, [imp.id]));
      if (['queued', 'validating', 'importing'].includes(state?.state)) {
        const school = { id: imp.school_id, path: imp.scope_path };
        return { runner, writer: new StudentsWriter(runner.manager, school), count: 0, late: 0, first: null, last: null };
      }
      await runner.rollbackTransaction();
    } catch (error) {
      await runner.rollbackTransaction().catch(() => undefined);
      await runner.release();
      throw error;
    }
    await runner.release();
    return null;
  }

  private async rollback(open: OpenWrite | null): Promise<void> {
    if (!open) return;
    await open.writer.abandon();
    await open.runner.rollbackTransaction().catch(() => undefined);
    await open.runner.release();
  }

  /**
   * A chunk's records: numbers by blocks per year of enrolment (`numbers`: outside the import's
   * transaction on a server, so a rejected file leaves a gap but holds up no enrolment), ids made
   * now, ID numbers sealed; the writer takes them without waiting for the server to store them.
   */
  private async writeChunk(open: OpenWrite, imp: ImportToRun, chunk: SealedChunk, numbers: DataSource | EntityManager): Promise<void> {
    const checked = chunk.rows;
    if (checked.length === 0) return;
    const studentNumbers = await takeStudentNumbers(numbers, provinceKeyOf(imp.scope_path), checked.map((c) => Number(c.input.enrolmentDate.slice(0, 4))));
    const sealed = await chunk.sealed;
    const guardians: NewGuardianRow[] = [];
    const students = checked.map((c, i): NewStudentRow => {
      const { input, identity, digest } = c;
      const id = randomUUID();
      (input.guardians ?? []).forEach((g, position) => guardians.push({ student_id: id, position, relation: g.relation, name: g.name, phone: g.phone }));
      return {
        id,
        student_number: studentNumbers[i],
        id_document_type: input.idDocumentType,
        id_number_digest: digest,
        id_number_sealed: sealed[i],
        name: input.name,
        gender: identity.gender,
        birth_date: identity.birthDate,
        nationality: identity.nationality,
        ethnicity: input.ethnicity ?? null,
        household_division: input.householdRegistration?.divisionCode ?? null,
        household_address: input.householdRegistration?.address ?? null,
        special_education_category: input.specialEducation?.category ?? null,
        special_education_level: input.specialEducation?.level ?? null,
        class_name: input.className ?? null,
        admission_method: input.admissionMethod ?? null,
        extra: JSON.stringify(input.extra),
        late_registration: c.lateRegistration,
        enrolment_date: input.enrolmentDate,
        education_stage: input.educationStage,
        grade: input.grade,
      };
    });
    await open.writer.write(students, guardians);
    open.count += students.length;
    open.late += checked.filter((c) => c.lateRegistration).length;
    open.first ??= { id: students[0].id, number: students[0].student_number };
    open.last = { id: students.at(-1)!.id, number: students.at(-1)!.student_number };
  }

  /** The periods and guardians, the import marked imported, its audit entry and warnings; then commit. */
  private async finish(open: OpenWrite, imp: ImportToRun, principal: Principal, today: string): Promise<void> {
    const { runner, count, late } = open;
    const em = runner.manager;
    const first = open.first!;
    const last = open.last!;
    const school = { code: pathCodes(imp.scope_path).at(-1)!, path: imp.scope_path };
    await open.writer.finish();
    await em.query(
      `UPDATE student_imports SET state = 'imported', rows_imported = $2, first_student_id = $3, last_student_id = $4, finished_at = now() WHERE id = $1`,
      [imp.id, count, first.id, last.id],
    );
    await this.audit.append(em, principal, {
      action: 'students.imported',
      recordType: 'student_import',
      recordId: imp.id,
      scopePath: school.path,
      details: {
        fileSha256: imp.file_sha256,
        count,
        firstStudentId: first.id,
        lastStudentId: last.id,
        firstStudentNumber: first.number,
        lastStudentNumber: last.number,
        schoolCode: school.code,
        lateRegistrations: late,
      },
    });
    await this.early.changedIn(em, principal, 'students.imported', new Date());
    // 第六条: late records of the batch are one warning (the key a single late enrolment uses too).
    if (late > 0) {
      await this.warnings.raise(em, {
        kind: 'registration.late',
        subjectPath: school.path,
        subjectType: 'student_import',
        subjectId: imp.id,
        evidence: { schoolCode: school.code, importId: imp.id, lateRecords: late, recordedOn: today },
        dedupeKey: `registration.late:${school.code}:${today}`,
      });
    }
    await runner.commitTransaction();
    await runner.release();
  }

  /** Also from 'importing': a file whose COPY met a registered person is refused after its checks passed. */
  private async reject(id: string, errors: RowError[], total: number): Promise<void> {
    const failedRows = new Set(errors.map((e) => e.row)).size;
    await this.dataSource.query(
      `UPDATE student_imports SET state = 'rejected', errors = $2::jsonb, rows_total = $3, rows_failed = $4, finished_at = now()
        WHERE id = $1 AND state IN ('queued', 'validating', 'importing')`,
      [id, JSON.stringify(errors), total, failedRows],
    );
  }

  /** Never on a finished import: a doubled job's late update must not undo 'imported'. */
  private async progress(id: string, set: string): Promise<void> {
    await this.dataSource.query(`UPDATE student_imports SET ${set} WHERE id = $1 AND state IN ('queued', 'validating', 'importing')`, [id]);
  }

  /** The job acts as the account that sent the file, for the organisation it acted for. */
  private async requester(imp: ImportRow): Promise<Principal> {
    const org = await this.organisations.byId(imp.requester_organisation_id);
    return {
      accountId: imp.requested_by,
      role: roleForLevel(org.level),
      organisationId: org.id,
      organisationCode: org.code,
      organisationLevel: org.level,
      organisationPath: org.path,
      registrarFiled: true,
      passwordChangeOnly: false,
    };
  }
}

function unreadable(error: UnreadableFile): RowError {
  return { row: 0, column: '', code: 'UNREADABLE_FILE', reason: error.message };
}

function tooManyRows(count: string): RowError {
  return { row: 0, column: '', code: 'TOO_MANY_ROWS', reason: `the file holds ${count} rows; an import takes at most ${MAX_ROWS}` };
}

/** Each row's problems once, in row order. */
function dedupe(errors: RowError[]): RowError[] {
  const seen = new Set<string>();
  return errors
    .filter((e) => {
      const key = `${e.row}\u0000${e.column}\u0000${e.code}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .sort((a, b) => a.row - b.row);
}
