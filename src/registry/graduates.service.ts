import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { UnprocessableError } from '../common/errors/domain-error.js';
import { rowsOf } from '../database/rows.js';
import type { Principal } from '../platform/auth/principal.js';
import { OrganisationsService } from '../platform/organisations/organisations.service.js';
import { todayInChina } from '../common/time/china-date.js';
import type { LeavingKind } from './domain/student-lifecycle.js';
import { leaverRowProblems, NOT_GRADUATED_ROW, type LeaverRow, type LeaverStudent, type RowProblem } from './domain/leaver-rows.js';
import { StatusHistoryService } from './status-history.service.js';
import { StudentEvents } from './student-events.js';
import { StudentEntity } from './student.entity.js';
import { requireSupervisingAuthority, StudentsService } from './students.service.js';

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

/**
 * The register's side of leaving a stage (第十九条) for the certificates module: a school's leaver
 * list proposed, confirmed or withdrawn as a set inside the list's transaction, and the graduate
 * records a certificate is made from — one at a time or a batch chunk at once.
 */
@Injectable()
export class GraduatesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly organisations: OrganisationsService,
    private readonly students: StudentsService,
    private readonly events: StudentEvents,
    private readonly history: StatusHistoryService,
  ) {}

  /** For certificate issuance: the graduate's record, visible to the caller, or an error. */
  async graduateFor(principal: Principal, id: string): Promise<GraduateRecord> {
    const s = await this.students.findVisible(this.dataSource.manager, principal, id);
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
    // primary-key probe per id. As a plain join the planner hashed the school's whole roster (a
    // sequential scan once the school is large), so each chunk cost grew with the school, not the
    // chunk: the LIMIT keeps each probe a subquery it cannot turn into a join.
    const rows: GraduateColumns[] = await em.query(
      `SELECT s.* FROM unnest($1::uuid[]) AS wanted(id)
         CROSS JOIN LATERAL (
           SELECT id, status, leaving_kind AS "leavingKind", student_number AS "studentNumber", name, gender, birth_date::text AS "birthDate",
                  education_stage AS "educationStage", enrolment_date::text AS "enrolmentDate", graduation_date::text AS "graduationDate",
                  scope_path AS "scopePath"
             FROM students WHERE students.id = wanted.id LIMIT 1) AS s
        WHERE s."scopePath" = $2`,
      [studentIds, school.path],
    );
    const out = new Map<string, GraduateRecord | RowProblem>();
    for (const s of rows) {
      out.set(s.id, s.status === 'graduated' && s.graduationDate ? graduateRecord(s, school) : NOT_GRADUATED_ROW);
    }
    return out;
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

