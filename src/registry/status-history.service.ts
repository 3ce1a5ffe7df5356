import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { NotFoundError } from '../common/errors/domain-error.js';
import { rowsOf } from '../database/rows.js';
import type { Principal } from '../platform/auth/principal.js';
import { ReadLogService } from '../platform/read-log/read-log.service.js';
import { placementOn, statusOn, type RecordStatus, type StatusPeriod } from './domain/status-history.js';
import type { EducationStage } from './domain/student-lifecycle.js';

interface PeriodRow {
  status: RecordStatus;
  school_code: string;
  education_stage: EducationStage;
  grade: number;
  from_date: string;
  to_date: string | null;
  planned_until: string | null;
  request_id: string | null;
}

const PERIOD_COLUMNS = `p.status, o.code AS school_code, p.education_stage, p.grade, p.from_date::text AS from_date, p.to_date::text AS to_date,
  p.planned_until::text AS planned_until, p.request_id`;
const PERIODS_OF = `student_status_periods p JOIN organisations o ON o.id = p.school_id`;
/**
 * A new period snapshots the record's placement as it stands (callers update the record first),
 * with the record's province key (the period's foreign key holds it to the record's).
 */
const PLACEMENT_COLUMNS = `school_id, education_stage, grade, province_code`;
const PLACEMENT_OF_RECORD = `s.school_id, s.education_stage, s.grade, s.province_code`;

/**
 * The record's placements (student_status_periods): each period says in what status, at which
 * school, in which stage and grade the student was, from–to; appended in the changing
 * transaction, never rewritten.
 */
@Injectable()
export class StatusHistoryService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly readLog: ReadLogService,
  ) {}

  /** A visible record's periods and, when asked, its placement on a day; a read of the record, logged. */
  async forStudent(principal: Principal, studentId: string, on: string | undefined) {
    const [visible] = rowsOf<{ id: string }>(
      await this.dataSource.query(`SELECT id FROM students WHERE id = $1 AND scope_path LIKE $2`, [studentId, `${principal.organisationPath}%`]),
    );
    if (!visible) throw new NotFoundError('Student');
    await this.readLog.recordRead(principal, studentId, 'GET /students/{id}/status-history');
    const periods = await this.periods(studentId);
    if (!on) return { periods };
    const placement = placementOn(periods, on);
    return { periods, on, statusOn: placement?.status ?? null, placementOn: placement };
  }

  /** The first period of a new record: enrolled from its enrolment date, where it was enrolled. */
  async startIn(em: EntityManager, studentId: string, enrolmentDate: string): Promise<void> {
    await em.query(
      `INSERT INTO student_status_periods (student_id, status, from_date, ${PLACEMENT_COLUMNS})
       SELECT s.id, 'enrolled', $2, ${PLACEMENT_OF_RECORD} FROM students s WHERE s.id = $1`,
      [studentId, enrolmentDate],
    );
  }

  /**
   * Ends the open period on `from` and opens the next one at the record's present placement, in
   * the caller's transaction: update the record (status, school, stage, grade) first.
   */
  async moveIn(em: EntityManager, studentId: string, next: { status: RecordStatus; from: string; plannedUntil: string | null; requestId: string | null }): Promise<void> {
    await this.moveManyIn(em, [studentId], next);
  }

  /**
   * The same move for many records at once (a merger, a yearly promotion): two statements,
   * whatever the count. A null status keeps each record's own (a proposed graduation is still enrolled).
   */
  async moveManyIn(em: EntityManager, studentIds: string[], next: { status: RecordStatus | null; from: string; plannedUntil: string | null; requestId: string | null }): Promise<void> {
    if (studentIds.length === 0) return;
    await em.query(`UPDATE student_status_periods SET to_date = GREATEST($2::date, from_date) WHERE student_id = ANY($1::uuid[]) AND to_date IS NULL`, [studentIds, next.from]);
    await em.query(
      `INSERT INTO student_status_periods (student_id, status, from_date, planned_until, request_id, ${PLACEMENT_COLUMNS})
       SELECT s.id, COALESCE($2::varchar, CASE s.status WHEN 'graduation_proposed' THEN 'enrolled' ELSE s.status END), $3, $4, $5, ${PLACEMENT_OF_RECORD}
         FROM students s WHERE s.id = ANY($1::uuid[])`,
      [studentIds, next.status, next.from, next.plannedUntil, next.requestId],
    );
  }

  /** Graduates confirmed (one or a list): enrolled until, and graduated from, each graduation date. */
  async graduatedIn(em: EntityManager, studentIds: string[]): Promise<void> {
    if (studentIds.length === 0) return;
    await em.query(
      `UPDATE student_status_periods p SET to_date = GREATEST(s.graduation_date, p.from_date)
         FROM students s WHERE s.id = p.student_id AND p.student_id = ANY($1::uuid[]) AND p.to_date IS NULL`,
      [studentIds],
    );
    await em.query(
      `INSERT INTO student_status_periods (student_id, status, from_date, ${PLACEMENT_COLUMNS})
       SELECT s.id, 'graduated', s.graduation_date, ${PLACEMENT_OF_RECORD} FROM students s WHERE s.id = ANY($1::uuid[])`,
      [studentIds],
    );
  }

  /** The open period, with its planned end; null for a record without history. */
  async currentIn(em: EntityManager, studentId: string): Promise<{ status: RecordStatus; from: string; plannedUntil: string | null } | null> {
    const [row] = rowsOf<PeriodRow>(await em.query(`SELECT ${PERIOD_COLUMNS} FROM ${PERIODS_OF} WHERE p.student_id = $1 AND p.to_date IS NULL`, [studentId]));
    return row ? { status: row.status, from: row.from_date.slice(0, 10), plannedUntil: row.planned_until?.slice(0, 10) ?? null } : null;
  }

  /** The record's periods, oldest first. Callers have checked the record is visible to whoever asks. */
  async periods(studentId: string, em: EntityManager = this.dataSource.manager): Promise<StatusPeriod[]> {
    const rows = rowsOf<PeriodRow>(await em.query(`SELECT ${PERIOD_COLUMNS} FROM ${PERIODS_OF} WHERE p.student_id = $1 ORDER BY p.from_date, p.id`, [studentId]));
    return rows.map((r) => ({
      status: r.status,
      schoolCode: r.school_code,
      stage: r.education_stage,
      grade: r.grade,
      from: r.from_date.slice(0, 10),
      to: r.to_date?.slice(0, 10) ?? null,
      requestId: r.request_id,
    }));
  }

  /** "What was this student's status on `date`": null before the record existed. */
  async statusOn(studentId: string, date: string): Promise<RecordStatus | null> {
    return statusOn(await this.periods(studentId), date);
  }
}
