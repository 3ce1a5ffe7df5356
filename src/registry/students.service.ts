import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { z } from 'zod';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  UnprocessableError,
  ValidationError,
} from '../common/errors/domain-error.js';
import { maskIdNumber } from '../common/privacy/mask.js';
import { rowsOf } from '../database/rows.js';
import { isUuid } from '../common/validation/uuid-param.js';
import { onUniqueViolation } from '../database/unique-violation.js';
import { AuditService } from '../platform/audit/audit.service.js';
import { subtreeFilter, type Principal } from '../platform/auth/principal.js';
import { parentCodeOf, pathCodes } from '../platform/organisations/domain/org-level.js';
import { OrganisationsService } from '../platform/organisations/organisations.service.js';
import { EarlyWarningsService } from '../platform/read-log/early-warnings.service.js';
import { ReadLogService } from '../platform/read-log/read-log.service.js';
import { todayInChina } from '../common/time/china-date.js';
import { checkEnrolment, type EnrolmentProblem } from './domain/enrolment-check.js';
import { WarningsService } from '../platform/warnings/warnings.service.js';
import { basicInfoColumns, basicInfoView } from './basic-info-columns.js';
import { GuardianContacts } from './guardian-contacts.js';
import { ProvinceRecordRulesService } from './record-schemas/province-record-rules.service.js';
import {
  canConfirmGraduation,
  canProposeGraduation,
  checkGraduationDate,
  checkLeavingKind,
  stageEndDate,
  type Decision,
  type LeavingKind,
} from './domain/student-lifecycle.js';
import { leaverRowProblems, NOT_GRADUATED_ROW, type LeaverRow, type LeaverStudent, type RowProblem } from './domain/leaver-rows.js';
import { formatStudentNumber } from './domain/student-number.js';
import type { EnrolStudentRequest, StudentRecordView, StudentView } from './dto/student.dto.js';
import { documentHeldElsewhere } from './document-holders.js';
import { IdNumberVault } from './id-number-vault.js';
import { StatusHistoryService } from './status-history.service.js';
import { StudentEvents } from './student-events.js';
import { StudentEntity } from './student.entity.js';

const DUPLICATE = () => new ConflictError('DUPLICATE_PERSON', 'a student record for this person already exists (第九条)');

export type { LeaverRow, RowProblem } from './domain/leaver-rows.js';

/** What the certificates module needs to know about a graduate; nothing else leaves the module. */
export interface GraduateRecord {
  studentId: string;
  /** The certificate the register allows: 毕业, 结业 or 肄业 (第十九条). */
  kind: LeavingKind;
  studentNumber: string;
  name: string;
  gender: 'male' | 'female';
  birthDate: string;
  educationStage: string;
  enrolmentDate: string;
  graduationDate: string;
  schoolCode: string;
  schoolName: string;
  scopePath: string;
}

@Injectable()
export class StudentsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly organisations: OrganisationsService,
    private readonly audit: AuditService,
    private readonly vault: IdNumberVault,
    private readonly events: StudentEvents,
    private readonly readLog: ReadLogService,
    private readonly early: EarlyWarningsService,
    private readonly history: StatusHistoryService,
    private readonly guardians: GuardianContacts,
    private readonly recordRules: ProvinceRecordRulesService,
    private readonly warnings: WarningsService,
  ) {
    // Changes to records at night are reported upward, in the changing transaction.
    events.onChanged((em, e) => early.changedIn(em, e.principal, e.change, e.now));
    // A record's audit trail follows it when it moves (transfer, progression, merger).
    audit.registerRecordScope('student', async (id) => {
      if (!isUuid(id)) return null;
      const [row] = rowsOf<{ scope_path: string }>(await dataSource.query(`SELECT scope_path FROM students WHERE id = $1`, [id]));
      return row?.scope_path ?? null;
    });
  }

  /**
   * A registrar creates the record of a newly admitted student at their own school (第六条), from
   * a valid identity document (第十条), with the basic information of 第三条 and the province's
   * non-basic fields; a primary entrant is old enough (第十一条); a late record is flagged and the
   * authority above is told (第六条).
   */
  async enrol(principal: Principal, input: z.output<typeof EnrolStudentRequest>, today = todayInChina()): Promise<StudentRecordView> {
    // Registrars act at their own school: the principal already carries its code and path.
    const school = { id: principal.organisationId, code: principal.organisationCode, path: principal.organisationPath };
    let digest = '';
    const student = await this.dataSource
      .transaction(async (em) => {
        await this.organisations.assertOpenIn(em, school.id);
        const checked = checkEnrolment(input, today, await this.recordRules.forSchoolIn(em, school.path));
        if (!checked.ok) throw enrolmentRefusal(checked.problems);
        const { identity, lateRegistration } = checked.value;
        digest = this.vault.digest(input.idDocumentType, identity.normalised);
        if (await documentHeldElsewhere(em, digest, null)) throw DUPLICATE();
        const [{ seq }] = await em.query(`SELECT nextval('student_number_seq') AS seq`);
        const saved = await em.getRepository(StudentEntity).save({
          studentNumber: formatStudentNumber(provinceOf(school.path), Number(input.enrolmentDate.slice(0, 4)), BigInt(seq)),
          schoolId: school.id,
          scopePath: school.path,
          idDocumentType: input.idDocumentType,
          idNumberDigest: digest,
          idNumberSealed: this.vault.seal(digest, identity.normalised),
          name: input.name,
          gender: identity.gender,
          birthDate: identity.birthDate,
          ...basicInfoColumns(input, identity.nationality),
          enrolmentDate: input.enrolmentDate,
          educationStage: input.educationStage,
          grade: input.grade,
          status: 'enrolled' as const,
          graduationDate: null,
          leavingKind: null,
          lateRegistration,
        });
        await this.guardians.replaceIn(em, saved.id, input.guardians ?? []);
        await this.history.startIn(em, saved.id, saved.enrolmentDate);
        await this.early.changedIn(em, principal, 'student.enrolled', new Date());
        await this.audit.append(em, principal, {
          action: 'student.enrolled',
          recordType: 'student',
          recordId: saved.id,
          scopePath: saved.scopePath,
          details: { studentNumber: saved.studentNumber, schoolCode: school.code, stage: saved.educationStage, grade: saved.grade, idDocumentType: saved.idDocumentType, lateRegistration },
        });
        if (lateRegistration) await this.warnLateRegistration(em, school, saved, today);
        return saved;
      })
      .catch(onUniqueViolation('students_id_number_digest_key', DUPLICATE))
      .catch(async (error: unknown) => {
        // The answer tells whoever enrols that this person is registered somewhere: a lookup, logged.
        if (error instanceof ConflictError && error.code === 'DUPLICATE_PERSON') await this.readLog.recordLookup(principal, digest, 'POST /students');
        throw error;
      });
    return { ...this.view(student, school.code, principal), guardians: await this.guardians.listIn(this.dataSource.manager, student.id, true) };
  }

  /**
   * 第六条: a record made more than two months after entry is flagged on the record, and the
   * authority above the school is told — once a day per school, so that a late batch is one
   * warning; the flagged records are listed with `GET /students?lateRegistration=true`.
   */
  private async warnLateRegistration(em: EntityManager, school: { code: string; path: string }, student: StudentEntity, today: string) {
    await this.warnings.raise(em, {
      kind: 'registration.late',
      subjectPath: school.path,
      subjectType: 'student',
      subjectId: student.id,
      evidence: { schoolCode: school.code, studentId: student.id, enrolmentDate: student.enrolmentDate, recordedOn: today },
      dedupeKey: `registration.late:${school.code}:${today}`,
    });
  }

  async get(principal: Principal, id: string): Promise<StudentRecordView> {
    const student = await this.findVisible(this.dataSource.manager, principal, id);
    await this.readLog.recordRead(principal, student.id, 'GET /students/{id}');
    return this.recordView(principal, student);
  }

  /** A record as a page of a listing shows it (GET /students, POST /students/search). */
  listView(principal: Principal, s: StudentEntity): StudentView {
    return this.view(s, this.schoolCodeOf(s), principal);
  }

  /** The school proposes a student as graduate; the supervising authority then confirms. */
  async proposeGraduation(
    principal: Principal,
    id: string,
    input: { graduationDate: string; leavingKind?: LeavingKind; expectedVersion?: number },
    today = todayInChina(),
  ) {
    const leavingKind = input.leavingKind ?? 'graduation';
    return this.change(principal, id, input.expectedVersion, 'student.graduation_proposed', (s) => {
      enforce(canProposeGraduation(s.status), 'status');
      enforce(checkGraduationDate(input.graduationDate, s.enrolmentDate, today), 'graduationDate');
      enforce(checkLeavingKind(leavingKind, input.graduationDate, stageEndDate(s.educationStage, s.grade, s.enrolmentDate)), 'leavingKind');
      return { status: 'graduation_proposed' as const, graduationDate: input.graduationDate, leavingKind };
    });
  }

  async confirmGraduation(principal: Principal, id: string, input: { expectedVersion?: number }) {
    return this.change(principal, id, input.expectedVersion, 'student.graduated', (s) => {
      requireSupervisingAuthority(principal, s);
      enforce(canConfirmGraduation(s.status), 'status');
      return { status: 'graduated' as const };
    });
  }

  /** For certificate issuance: the graduate's record, visible to the caller, or an error. */
  async graduateFor(principal: Principal, id: string): Promise<GraduateRecord> {
    const s = await this.findVisible(this.dataSource.manager, principal, id);
    requireSupervisingAuthority(principal, s);
    if (s.status !== 'graduated' || !s.graduationDate) {
      throw new UnprocessableError('NOT_GRADUATED', 'the student has not graduated, so no graduation certificate can be issued');
    }
    const school = await this.organisations.byId(s.schoolId);
    return graduateRecord(s, school);
  }

  /**
   * A school's leaver list (第十九条), inside the caller's transaction, all or nothing: every row
   * is checked with the single-student rules and any problem is reported by row index and field
   * with nothing written. The caller's transaction audits the list as one entry.
   */
  async proposeLeaversIn(em: EntityManager, principal: Principal, rows: LeaverRow[], today = todayInChina()): Promise<RowProblem[]> {
    const found: LeaverStudent[] = await em.query(
      `SELECT id, status, enrolment_date::text AS enrolment_date, education_stage, grade FROM students
        WHERE id = ANY($1::uuid[]) AND scope_path = $2 ORDER BY id FOR UPDATE`,
      [rows.map((r) => r.studentId), principal.organisationPath],
    );
    const byId = new Map(found.map((s) => [s.id, s]));
    const problems = rows.flatMap((row, index) => leaverRowProblems(byId.get(row.studentId), row, today).map((p) => ({ index, ...p })));
    if (problems.length > 0) return problems;
    await em.query(
      `UPDATE students s SET status = 'graduation_proposed', graduation_date = r.leaving_date, leaving_kind = r.leaving_kind,
              version = s.version + 1, updated_at = now()
         FROM unnest($1::uuid[], $2::date[], $3::varchar[]) AS r(id, leaving_date, leaving_kind) WHERE s.id = r.id`,
      [rows.map((r) => r.studentId), rows.map((r) => r.leavingDate), rows.map((r) => r.leavingKind)],
    );
    await this.events.changed(em, { studentIds: rows.map((r) => r.studentId), change: 'student.graduation_proposed', principal, now: new Date() });
    return [];
  }

  /** The supervising authority confirms a school's proposed leavers at once; answers how many changed. */
  async confirmLeaversIn(em: EntityManager, principal: Principal, schoolPath: string, studentIds: string[]): Promise<number> {
    requireSupervisingAuthority(principal, { scopePath: schoolPath });
    return this.moveLeavers(em, principal, schoolPath, studentIds, 'graduated');
  }

  /** A refused list: its students are enrolled again, so that the school can propose them anew. */
  async withdrawLeaversIn(em: EntityManager, principal: Principal, schoolPath: string, studentIds: string[]): Promise<number> {
    requireSupervisingAuthority(principal, { scopePath: schoolPath });
    return this.moveLeavers(em, principal, schoolPath, studentIds, 'enrolled');
  }

  private async moveLeavers(em: EntityManager, principal: Principal, schoolPath: string, studentIds: string[], to: 'graduated' | 'enrolled'): Promise<number> {
    const clear = to === 'enrolled' ? ', graduation_date = NULL, leaving_kind = NULL' : '';
    const changed = rowsOf(
      await em.query(
        `UPDATE students SET status = $3${clear}, version = version + 1, updated_at = now()
          WHERE id = ANY($1::uuid[]) AND scope_path = $2 AND status = 'graduation_proposed' RETURNING id`,
        [studentIds, schoolPath, to],
      ),
    );
    if (to === 'graduated') await this.history.graduatedIn(em, changed.map((r) => String(r.id)));
    const change = to === 'graduated' ? 'student.graduated' : 'student.graduation_withdrawn';
    await this.events.changed(em, { studentIds: changed.map((r) => String(r.id)), change, principal, now: new Date() });
    return changed.length;
  }

  /**
   * Graduate records of one school for a batch, inside the caller's transaction, each student
   * either a record or the reason none can be issued (the single-student path's refusals).
   */
  async graduatesIn(
    em: EntityManager,
    principal: Principal,
    school: { id: string; code: string; name: string; path: string },
    studentIds: string[],
  ): Promise<Map<string, GraduateRecord | RowProblem>> {
    requireSupervisingAuthority(principal, { scopePath: school.path });
    // Plain SQL: a chunk reads hundreds of records, and only the columns a certificate needs; one
    // primary-key probe per id (filtering the school by scope_path would read its whole index each chunk).
    const rows: GraduateColumns[] = await em.query(
      `SELECT id, status, leaving_kind AS "leavingKind", student_number AS "studentNumber", name, gender, birth_date::text AS "birthDate",
              education_stage AS "educationStage", enrolment_date::text AS "enrolmentDate", graduation_date::text AS "graduationDate",
              scope_path AS "scopePath"
         FROM unnest($1::uuid[]) AS wanted(id) JOIN students USING (id) WHERE scope_path = $2`,
      [studentIds, school.path],
    );
    const out = new Map<string, GraduateRecord | RowProblem>();
    for (const s of rows) {
      out.set(s.id, s.status === 'graduated' && s.graduationDate ? graduateRecord(s, school) : NOT_GRADUATED_ROW);
    }
    return out;
  }

  /** Loads, applies a rule, writes with an optimistic version check and an audit entry, in one transaction. */
  private async change(
    principal: Principal,
    id: string,
    expectedVersion: number | undefined,
    action: string,
    apply: (s: StudentEntity) => Partial<StudentEntity>,
  ): Promise<StudentView> {
    const updated = await this.dataSource.transaction(async (em) => {
      const student = await this.findVisible(em, principal, id, true);
      if (expectedVersion !== undefined && expectedVersion !== student.version) throw staleVersion();
      const patch = apply(student);
      const result = await em
        .createQueryBuilder()
        .update(StudentEntity)
        .set(patch)
        .where('id = :id AND version = :version', { id, version: student.version })
        .execute();
      if (result.affected !== 1) throw staleVersion();
      if (patch.status === 'graduated') await this.history.graduatedIn(em, [id]);
      await this.audit.append(em, principal, {
        action,
        recordType: 'student',
        recordId: id,
        scopePath: student.scopePath,
        details: { status: patch.status, fromVersion: student.version },
      });
      await this.events.changed(em, { studentIds: [id], change: action, principal, now: new Date() });
      return em.getRepository(StudentEntity).findOneByOrFail({ id });
    });
    return this.view(updated, this.schoolCodeOf(updated), principal);
  }

  /** The record as its school sees it (ID number masked), read in the caller's transaction: for the copy a sending school keeps. */
  async snapshotIn(em: EntityManager, id: string): Promise<StudentView> {
    const student = await em.getRepository(StudentEntity).findOneByOrFail({ id });
    return this.view(student, this.schoolCodeOf(student));
  }

  private async findVisible(em: EntityManager, principal: Principal, id: string, lock = false): Promise<StudentEntity> {
    const scope = subtreeFilter(principal, 's.scope_path');
    const qb = em.getRepository(StudentEntity).createQueryBuilder('s').where('s.id = :id', { id }).andWhere(scope.where, scope.params);
    if (lock) qb.setLock('pessimistic_write');
    const student = await qb.getOne();
    if (!student) throw new NotFoundError('Student');
    return student;
  }

  private schoolCodeOf(student: StudentEntity): string {
    return pathCodes(student.scopePath).at(-1)!;
  }

  /** The single record with its guardian contacts, in clear for the student's own school only. */
  async recordView(principal: Principal, s: StudentEntity): Promise<StudentRecordView> {
    const guardians = await this.guardians.listIn(this.dataSource.manager, s.id, principal.organisationPath === s.scopePath);
    return { ...this.view(s, this.schoolCodeOf(s), principal), guardians };
  }

  /** `reader`: the 户籍 address is shown in clear to the student's own school only (masked without a reader). */
  private view(s: StudentEntity, schoolCode: string, reader?: Principal): StudentView {
    return {
      id: s.id,
      studentNumber: s.studentNumber,
      schoolCode,
      idDocumentType: s.idDocumentType,
      idNumberMasked: maskIdNumber(this.vault.open(s.idNumberDigest, s.idNumberSealed)),
      name: s.name,
      gender: s.gender,
      birthDate: s.birthDate,
      ...basicInfoView(s, reader?.organisationPath === s.scopePath),
      enrolmentDate: s.enrolmentDate,
      educationStage: s.educationStage,
      grade: s.grade,
      status: s.status,
      graduationDate: s.graduationDate,
      leavingKind: s.leavingKind,
      lateRegistration: s.lateRegistration,
      extra: s.extra,
      version: s.version,
    };
  }
}

type GraduateColumns = Pick<
  StudentEntity,
  'id' | 'status' | 'leavingKind' | 'studentNumber' | 'name' | 'gender' | 'birthDate' | 'educationStage' | 'enrolmentDate' | 'graduationDate' | 'scopePath'
>;

function graduateRecord(s: GraduateColumns, school: { code: string; name: string }): GraduateRecord {
  return {
    studentId: s.id,
    kind: s.leavingKind ?? 'graduation',
    studentNumber: s.studentNumber,
    name: s.name,
    gender: s.gender,
    birthDate: s.birthDate,
    educationStage: s.educationStage,
    enrolmentDate: s.enrolmentDate,
    graduationDate: s.graduationDate!,
    schoolCode: school.code,
    schoolName: school.name,
    scopePath: s.scopePath,
  };
}

/** The enrolment's refusal as the single route answers it: 422 for the entry age, else 400 naming the fields. */
function enrolmentRefusal(problems: EnrolmentProblem[]) {
  const [first] = problems;
  if (first.unprocessable) return new UnprocessableError(first.code, first.message);
  if (first.code === 'INVALID_EXTRA_FIELD') return new ValidationError(problems.map((p) => ({ field: p.field, message: p.message })), first.code);
  return ValidationError.field(first.field, first.message, first.code);
}

function enforce(decision: Decision, field: string): void {
  if (decision.ok) return;
  if (decision.code === 'INVALID_STATE') throw new ConflictError(decision.code, decision.message);
  throw ValidationError.field(field, decision.message, decision.code);
}

/** 第十九条: the school's supervising authority (the organisation right above it) acts on graduation. */
function requireSupervisingAuthority(principal: Principal, student: { scopePath: string }): void {
  if (parentCodeOf(student.scopePath) !== principal.organisationCode) {
    throw new ForbiddenError("only the school's supervising education authority may do this", 'NOT_SUPERVISING_AUTHORITY');
  }
}

function staleVersion() {
  return new ConflictError('STALE_VERSION', 'the record changed since you read it; read it again and retry');
}

/** Province digits of a path `/000000/330000/...`. */
function provinceOf(path: string): string {
  return pathCodes(path)[1].slice(0, 2);
}
