import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { z } from 'zod';
import { NotFoundError } from '../../common/errors/domain-error.js';
import { maskIdNumber } from '../../common/privacy/mask.js';
import { rowsOf } from '../../database/rows.js';
import type { GuardianRelation } from '../../platform/guardians/domain/binding-code.js';
import type { GuardianPrincipal } from '../../platform/guardians/guardian-principal.js';
import { RequestsService, type RequestView } from '../../workflow/requests.service.js';
import { ChangeRequestsService } from '../change-requests/change-requests.service.js';
import type { StudentStatus } from '../domain/student-lifecycle.js';
import type { GuardianChangeRequestBody } from '../dto/change-request.dto.js';
import { IdNumberVault } from '../id-number-vault.js';
import { StatusHistoryService } from '../status-history.service.js';

export interface GuardianChildView {
  id: string;
  name: string;
  relation: GuardianRelation;
  schoolCode: string;
  schoolName: string;
  educationStage: string;
  grade: number;
  status: StudentStatus;
}

const CHILD_COLUMNS = `s.id, s.name, b.relation, o.code AS school_code, o.name AS school_name, s.education_stage, s.grade, s.status`;

interface ChildRow {
  id: string;
  name: string;
  relation: GuardianRelation;
  school_code: string;
  school_name: string;
  education_stage: string;
  grade: number;
  status: StudentStatus;
}

/**
 * What a guardian sees and asks (issue 7): only the children bound to them — a child that is
 * not is 404, as if it did not exist — their record with the ID number masked, its status
 * history, every request about it whatever the kind (steps, due dates, no account ids), and
 * a correction or a suspension, which the school confirms before its authority decides.
 */
@Injectable()
export class GuardianChildrenService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly vault: IdNumberVault,
    private readonly history: StatusHistoryService,
    private readonly requests: RequestsService,
    private readonly changes: ChangeRequestsService,
  ) {}

  async list(guardian: GuardianPrincipal): Promise<GuardianChildView[]> {
    const rows = rowsOf<ChildRow>(
      await this.dataSource.query(
        `SELECT ${CHILD_COLUMNS} FROM guardian_bindings b JOIN students s ON s.id = b.student_id JOIN organisations o ON o.id = s.school_id
          WHERE b.guardian_id = $1 ORDER BY b.bound_at, s.id`,
        [guardian.guardianId],
      ),
    );
    return rows.map(childView);
  }

  async get(guardian: GuardianPrincipal, studentId: string) {
    const [row] = rowsOf<ChildRow & { student_number: string; gender: string; birth_date: string; enrolment_date: string; id_document_type: string; id_number_digest: string; id_number_sealed: Buffer }>(
      await this.dataSource.query(
        `SELECT ${CHILD_COLUMNS}, s.student_number, s.gender, s.birth_date::text AS birth_date, s.enrolment_date::text AS enrolment_date,
                s.id_document_type, s.id_number_digest, s.id_number_sealed
           FROM guardian_bindings b JOIN students s ON s.id = b.student_id JOIN organisations o ON o.id = s.school_id
          WHERE b.guardian_id = $1 AND b.student_id = $2`,
        [guardian.guardianId, studentId],
      ),
    );
    if (!row) throw new NotFoundError('Student');
    const corrections = rowsOf<{ field: string; applied_on: string; request_id: string }>(
      await this.dataSource.query(`SELECT field, applied_on::text AS applied_on, request_id FROM student_field_changes WHERE student_id = $1 AND applied_on IS NOT NULL ORDER BY id`, [studentId]),
    );
    return {
      ...childView(row),
      studentNumber: row.student_number,
      gender: row.gender,
      birthDate: row.birth_date.slice(0, 10),
      enrolmentDate: row.enrolment_date.slice(0, 10),
      idDocumentType: row.id_document_type,
      idNumberMasked: maskIdNumber(this.vault.open(row.id_number_digest.trim(), row.id_number_sealed)),
      statusHistory: await this.history.periods(studentId),
      corrections: corrections.map((c) => ({ field: c.field, appliedOn: c.applied_on.slice(0, 10), requestId: c.request_id })),
    };
  }

  /** Every request about the child, any kind (a transfer started by another school too). */
  async requestsAbout(guardian: GuardianPrincipal, studentId: string) {
    await this.boundRelation(guardian, studentId);
    const views = await this.requests.aboutSubject('student', studentId);
    return { items: views.map((v) => guardianRequestView(v, guardian)) };
  }

  async ask(guardian: GuardianPrincipal, studentId: string, body: z.output<typeof GuardianChangeRequestBody>) {
    await this.boundRelation(guardian, studentId);
    return guardianRequestView(await this.changes.ask({ guardianId: guardian.guardianId }, studentId, body), guardian);
  }

  /**
   * As what the guardian follows the child (the binding's relation); 404 for a child not bound
   * to them, as if it did not exist. Other modules' guardian routes (consents, disclosures) ask
   * here, within their own transaction when they pass its manager.
   */
  async boundRelation(guardian: GuardianPrincipal, studentId: string, em: EntityManager = this.dataSource.manager): Promise<GuardianRelation> {
    const [bound] = rowsOf<{ relation: GuardianRelation }>(
      await em.query(`SELECT relation FROM guardian_bindings WHERE guardian_id = $1 AND student_id = $2`, [guardian.guardianId, studentId]),
    );
    if (!bound) throw new NotFoundError('Student');
    return bound.relation;
  }
}

function childView(row: ChildRow): GuardianChildView {
  return {
    id: row.id,
    name: row.name,
    relation: row.relation,
    schoolCode: row.school_code,
    schoolName: row.school_name,
    educationStage: row.education_stage,
    grade: row.grade,
    status: row.status,
  };
}

/** A request as a guardian sees it: its kind, status and steps with due dates; no account ids, no details. */
function guardianRequestView(view: RequestView, guardian: GuardianPrincipal) {
  return {
    id: view.id,
    kind: view.kind,
    status: view.status,
    askedByYou: view.submittedBy === guardian.guardianId,
    createdAt: view.createdAt,
    closedAt: view.closedAt,
    steps: view.steps.map((s) => ({
      index: s.index,
      name: s.name,
      organisationCode: s.organisationCode,
      status: s.status,
      startedOn: s.startedOn,
      dueDate: s.dueDate,
      overdue: s.overdue,
      decidedAt: s.decidedAt,
      reason: s.reason,
    })),
  };
}
