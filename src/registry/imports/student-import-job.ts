import { randomUUID } from 'node:crypto';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { todayInChina } from '../../common/time/china-date.js';
import { rowsOf } from '../../database/rows.js';
import { JobQueueService } from '../../jobs/job-queue.service.js';
import { AuditService } from '../../platform/audit/audit.service.js';
import type { Principal } from '../../platform/auth/principal.js';
import { pathCodes, provinceKeyOf, roleForLevel } from '../../platform/organisations/domain/org-level.js';
import { documentsHeld } from '../document-holders.js';
import { OrganisationsService } from '../../platform/organisations/organisations.service.js';
import { EarlyWarningsService } from '../../platform/read-log/early-warnings.service.js';
import { WarningsService } from '../../platform/warnings/warnings.service.js';
import { formatStudentNumber } from '../domain/student-number.js';
import { IdNumberVault } from '../id-number-vault.js';
import { ProvinceRecordRulesService } from '../record-schemas/province-record-rules.service.js';
import { checkRows, headerProblems, registerDuplicates, type CheckedRow, type RowError } from './domain/import-rows.js';
import { MAX_ROWS, readSheet, UnreadableFile, type ImportMediaType } from './import-files.js';
import { writeStudents, type BuildRows, type NewGuardianRow, type NewPeriod, type NewStudentRow } from './student-rows-writer.js';

export const IMPORT_QUEUE = 'student-imports';
export interface ImportJob {
  importId: string;
}

/** A killed instance's job comes back after its heartbeats stop; a restarted one resumes at boot. */
const QUEUE_OPTIONS = { heartbeatSeconds: 30, expireInSeconds: 3600, retryLimit: 20, retryDelay: 5 };
/** Rows checked between two progress updates (and two turns of the event loop). */
const PROGRESS_EVERY = 5_000;
const DIGESTS_PER_LOOKUP = 10_000;

/** A checked row with the keyed digest of its ID number (as at enrolment). */
type DigestedRow = CheckedRow & { digest: string };

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

/**
 * The import job. It reads the file, checks every row (the enrolment rules of POST /students),
 * and either rejects the whole file with its report, or writes every record in ONE transaction:
 * student numbers from the sequence in one statement, ID numbers digested and sealed as at
 * enrolment, rows and first history periods by COPY, one audit entry naming
 * the batch, one late-registration warning. The transaction also marks the import imported, so
 * a retried or doubled job finds it done and writes nothing (all or nothing, exactly once).
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
    const [imp] = rowsOf<ImportToRun>(
      await this.dataSource.query(
        `SELECT id, school_id, scope_path, file_sha256, media_type, content, requested_by, requester_organisation_id
           FROM student_imports WHERE id = $1 AND state IN ('queued', 'validating', 'importing')`,
        [importId],
      ),
    );
    if (!imp) return;
    await this.progress(imp.id, `state = 'validating', rows_validated = 0`);
    const checked = await this.check(imp, today);
    if (!Array.isArray(checked)) return this.reject(imp.id, checked.errors, checked.total);
    await this.progress(imp.id, `state = 'importing'`);
    await this.write(imp, checked, today);
  }

  /** The good rows, or every problem of the file. */
  private async check(imp: ImportToRun, today: string): Promise<DigestedRow[] | { errors: RowError[]; total: number }> {
    let sheet;
    try {
      sheet = await readSheet(imp.content, imp.media_type);
    } catch (error) {
      if (error instanceof UnreadableFile) return { errors: [{ row: 0, column: '', code: 'UNREADABLE_FILE', reason: error.message }], total: 0 };
      throw error;
    }
    const total = sheet.rows.length;
    const rules = await this.recordRules.forSchoolIn(this.dataSource.manager, imp.scope_path);
    const headerErrors = headerProblems(sheet.headers, rules.fields);
    if (total > MAX_ROWS) headerErrors.push({ row: 0, column: '', code: 'TOO_MANY_ROWS', reason: `the file holds ${total} rows; an import takes at most ${MAX_ROWS}` });
    if (total === 0) headerErrors.push({ row: 0, column: '', code: 'NO_ROWS', reason: 'the file holds no student rows' });
    if (headerErrors.length > 0) return { errors: headerErrors, total };
    await this.dataSource.query(`UPDATE student_imports SET rows_total = $2 WHERE id = $1`, [imp.id, total]);

    const good: DigestedRow[] = [];
    const errors: RowError[] = [];
    // The same person twice (across chunks too), and people the register already holds (第九条):
    // each chunk's new people are looked up while the next chunk is checked.
    const byPerson = new Map<string, number>();
    const lookups: Array<Promise<string[]>> = [];
    for (let i = 0; i < total; i += PROGRESS_EVERY) {
      const part = checkRows(sheet.rows.slice(i, i + PROGRESS_EVERY), today, rules);
      errors.push(...part.errors);
      const people: string[] = [];
      for (const c of part.checked) {
        const row = c as DigestedRow;
        row.digest = this.vault.digest(c.input.idDocumentType, c.identity.normalised);
        good.push(row);
        const first = byPerson.get(row.digest);
        if (first !== undefined) {
          errors.push({ row: row.row, column: '证件号码', code: 'DUPLICATE_IN_FILE', reason: `the same person as row ${first}: one record per person (第九条)` });
        } else {
          byPerson.set(row.digest, row.row);
          people.push(row.digest);
        }
      }
      const lookup = this.registered(people);
      lookup.catch(() => undefined); // awaited below
      lookups.push(lookup);
      await this.progress(imp.id, `rows_validated = ${Math.min(total, i + PROGRESS_EVERY)}`);
      await nextTurn();
    }
    const registered = (await Promise.all(lookups)).flat();
    errors.push(...registerDuplicates(registered.map((digest) => byPerson.get(digest)!)));
    if (errors.length > 0) return { errors: dedupe(errors), total };
    return good;
  }

  /** Those of `digests` whose person already has a record, under this document or as a former one. */
  private async registered(digests: string[]): Promise<string[]> {
    const found: string[] = [];
    for (let i = 0; i < digests.length; i += DIGESTS_PER_LOOKUP) found.push(...(await documentsHeld(this.dataSource, digests.slice(i, i + DIGESTS_PER_LOOKUP))));
    return found;
  }

  private async write(imp: ImportToRun, checked: DigestedRow[], today: string): Promise<void> {
    const principal = await this.requester(imp);
    const school = { id: imp.school_id, code: pathCodes(imp.scope_path).at(-1)!, path: imp.scope_path };
    await this.dataSource.transaction(async (em) => {
      const [state] = rowsOf<{ state: string }>(await em.query(`SELECT state FROM student_imports WHERE id = $1 FOR UPDATE`, [imp.id]));
      if (state?.state !== 'importing') return; // another run finished it
      const { build, periods } = await this.builder(em, checked, school.path);
      await writeStudents(em, school, checked.length, build, periods);
      const late = checked.filter((c) => c.lateRegistration).length;
      const first = build(0, 1).students[0];
      const last = build(checked.length - 1, checked.length).students[0];
      await em.query(
        `UPDATE student_imports SET state = 'imported', rows_imported = $2, first_student_id = $3, last_student_id = $4, finished_at = now() WHERE id = $1`,
        [imp.id, checked.length, first.id, last.id],
      );
      await this.audit.append(em, principal, {
        action: 'students.imported',
        recordType: 'student_import',
        recordId: imp.id,
        scopePath: school.path,
        details: {
          fileSha256: imp.file_sha256,
          count: checked.length,
          firstStudentId: first.id,
          lastStudentId: last.id,
          firstStudentNumber: first.student_number,
          lastStudentNumber: last.student_number,
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
    });
  }

  /**
   * Numbers from the sequence in one statement and ids made now, each row's first history
   * period, and a builder of the records of any rows (the same record each time it is asked):
   * the writer calls it chunk by chunk while the server stores the previous chunk.
   */
  private async builder(em: EntityManager, checked: DigestedRow[], schoolPath: string): Promise<{ build: BuildRows; periods: NewPeriod[] }> {
    const seqs = rowsOf<{ seq: string }>(await em.query(`SELECT nextval('student_number_seq') AS seq FROM generate_series(1, $1)`, [checked.length]));
    const province = provinceKeyOf(schoolPath);
    const ids = checked.map(() => randomUUID());
    const sealed = new Map<number, Buffer>();
    const periods = checked.map((c, i): NewPeriod => [ids[i], c.input.enrolmentDate, c.input.educationStage, c.input.grade]);
    const build: BuildRows = (from, to) => {
      const rows = checked.slice(from, to);
      const fresh = rows.map((c, i) => ({ index: from + i, digest: c.digest, normalised: c.identity.normalised })).filter((r) => !sealed.has(r.index));
      this.vault.sealMany(fresh).forEach((value, i) => sealed.set(fresh[i].index, value));
      const guardians: NewGuardianRow[] = [];
      const students = rows.map((c, i): NewStudentRow => {
        const { input, identity, digest } = c;
        const id = ids[from + i];
        (input.guardians ?? []).forEach((g, position) => guardians.push({ student_id: id, position, relation: g.relation, name: g.name, phone: g.phone }));
        return {
          id,
          student_number: formatStudentNumber(province, Number(input.enrolmentDate.slice(0, 4)), BigInt(seqs[from + i].seq)),
          id_document_type: input.idDocumentType,
          id_number_digest: digest,
          id_number_sealed: sealed.get(from + i)!.toString('hex'),
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
      return { students, guardians };
    };
    return { build, periods };
  }

  private async reject(id: string, errors: RowError[], total: number): Promise<void> {
    const failedRows = new Set(errors.map((e) => e.row)).size;
    await this.dataSource.query(
      `UPDATE student_imports SET state = 'rejected', errors = $2::jsonb, rows_total = $3, rows_failed = $4, finished_at = now()
        WHERE id = $1 AND state IN ('queued', 'validating')`,
      [id, JSON.stringify(errors), total, failedRows],
    );
  }

  /** Never on a finished import: a doubled job's late update must not undo 'imported'. */
  private async progress(id: string, set: string): Promise<void> {
    await this.dataSource.query(`UPDATE student_imports SET ${set} WHERE id = $1 AND state IN ('queued', 'validating', 'importing')`, [id]);
  }

  /** The job acts as the account that sent the file, for the organisation it acted for. */
  private async requester(imp: ImportToRun): Promise<Principal> {
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
