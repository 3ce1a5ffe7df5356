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
import { parentCodeOf, pathCodes, provinceKeyOf } from '../platform/organisations/domain/org-level.js';
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
import { takeStudentNumbers } from './student-numbers.js';
import type { EnrolStudentRequest, StudentRecordView, StudentView } from './dto/student.dto.js';
import { documentHeldElsewhere } from './document-holders.js';
import { IdNumberVault } from './id-number-vault.js';
import { StatusHistoryService } from './status-history.service.js';
import { StudentEvents } from './student-events.js';
import { StudentEntity } from './student.entity.js';

const DUPLICATE = () => new ConflictError('DUPLICATE_PERSON', 'a student record for this person already exists (第九条)');

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
        const [studentNumber] = await takeStudentNumbers(em, provinceKeyOf(school.path), [Number(input.enrolmentDate.slice(0, 4))]);
        const saved = await em.getRepository(StudentEntity).save({
          studentNumber,
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

  /** The record if it lies in the caller's subtree (404 otherwise); for the register's other services. */
  async findVisible(em: EntityManager, principal: Principal, id: string, lock = false): Promise<StudentEntity> {
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
export function requireSupervisingAuthority(principal: Principal, student: { scopePath: string }): void {
  if (parentCodeOf(student.scopePath) !== principal.organisationCode) {
    throw new ForbiddenError("only the school's supervising education authority may do this", 'NOT_SUPERVISING_AUTHORITY');
  }
}

function staleVersion() {
  return new ConflictError('STALE_VERSION', 'the record changed since you read it; read it again and retry');
}
