import { Injectable } from '@nestjs/common';
import type { z } from 'zod';
import { DataSource } from 'typeorm';
import { ConflictError, ValidationError } from '../../common/errors/domain-error.js';
import { todayInChina } from '../../common/time/china-date.js';
import { rowsOf } from '../../database/rows.js';
import { AuditService } from '../../platform/audit/audit.service.js';
import type { Principal } from '../../platform/auth/principal.js';
import { checkPromotionYear, isPromoted, schoolYearStart } from '../domain/change-kinds/promotion.js';
import type { EducationStage, StudentStatus } from '../domain/student-lifecycle.js';
import type { PromotionBatch } from '../dto/change-request.dto.js';
import { StatusHistoryService } from '../status-history.service.js';
import { StudentEvents } from '../student-events.js';

interface CandidateRow {
  id: string;
  status: StudentStatus;
  education_stage: EducationStage;
  grade: number;
  enrolment_date: string;
  /** The start of the record's open history period. */
  current_from: string | null;
}

interface BatchRow {
  id: string;
  school_year: number;
  promoted: number;
  first_student_id: string | null;
  last_student_id: string | null;
  created_at: Date | string;
}

/**
 * 正常升级 (第七条): the school's registrar promotes every class of its school by one grade as one
 * batch. No approval step: the regulation has the system do it ("由国家学籍系统自动更新"); the
 * school runs it, one audit entry names the batch (count, first and last record) in the school's
 * subtree, so its supervising authority sees it there. Once per school and school year: the
 * batch row is unique, so a second run (or two at once) answers 409 PROMOTION_ALREADY_RUN and
 * promotes nobody twice.
 */
@Injectable()
export class PromotionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly events: StudentEvents,
    private readonly history: StatusHistoryService,
  ) {}

  async promote(principal: Principal, schoolYear: number, today = todayInChina()): Promise<z.output<typeof PromotionBatch>> {
    const refusal = checkPromotionYear(schoolYear, today);
    if (refusal) throw ValidationError.field(refusal.field, refusal.message, refusal.code);
    return this.dataSource.transaction(async (em) => {
      const [batch] = rowsOf<{ id: string }>(
        await em.query(
          `INSERT INTO promotion_batches (school_id, scope_path, school_year, promoted, run_by) VALUES ($1, $2, $3, 0, $4)
           ON CONFLICT (school_id, school_year) DO NOTHING RETURNING id`,
          [principal.organisationId, principal.organisationPath, schoolYear, principal.accountId],
        ),
      );
      if (!batch) throw new ConflictError('PROMOTION_ALREADY_RUN', `the school has already been promoted into school year ${schoolYear}`);
      const candidates = rowsOf<CandidateRow>(
        await em.query(
          `SELECT s.id, s.status, s.education_stage, s.grade, s.enrolment_date::text AS enrolment_date, p.from_date::text AS current_from
             FROM students s LEFT JOIN student_status_periods p ON p.student_id = s.id AND p.to_date IS NULL
            WHERE s.scope_path = $1 ORDER BY s.id FOR UPDATE OF s`,
          [principal.organisationPath],
        ),
      );
      const promoted = candidates.filter((c) => isPromoted({ status: c.status, stage: c.education_stage, grade: c.grade, enrolmentDate: c.enrolment_date.slice(0, 10) }, schoolYear));
      const ids = promoted.map((c) => c.id);
      await em.query(`UPDATE students SET grade = grade + 1, version = version + 1, updated_at = now() WHERE id = ANY($1::uuid[])`, [ids]);
      // The new grade's period starts with the school year, or later for a record whose current period began after it.
      const byStart = new Map<string, string[]>();
      for (const c of promoted) {
        const from = [schoolYearStart(schoolYear), c.current_from?.slice(0, 10) ?? ''].sort().at(-1)!;
        byStart.set(from, [...(byStart.get(from) ?? []), c.id]);
      }
      for (const [from, group] of byStart) await this.history.moveManyIn(em, group, { status: 'enrolled', from, plannedUntil: null, requestId: null });
      const [row] = rowsOf<BatchRow>(
        await em.query(
          `UPDATE promotion_batches SET promoted = $2, first_student_id = $3, last_student_id = $4 WHERE id = $1
           RETURNING id, school_year, promoted, first_student_id, last_student_id, created_at`,
          [batch.id, ids.length, ids[0] ?? null, ids.at(-1) ?? null],
        ),
      );
      await this.audit.append(em, principal, {
        action: 'students.promoted',
        recordType: 'promotion_batch',
        recordId: row.id,
        scopePath: principal.organisationPath,
        details: { schoolYear, promoted: ids.length, skipped: candidates.length - ids.length, firstStudentId: row.first_student_id, lastStudentId: row.last_student_id },
      });
      if (ids.length > 0) await this.events.changed(em, { studentIds: ids, change: 'student.promoted', principal, now: new Date() });
      return {
        id: row.id,
        schoolYear: row.school_year,
        promoted: row.promoted,
        firstStudentId: row.first_student_id,
        lastStudentId: row.last_student_id,
        createdAt: new Date(row.created_at).toISOString(),
      };
    });
  }
}
