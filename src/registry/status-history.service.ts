import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { NotFoundError } from '../common/errors/domain-error.js';
import { rowsOf } from '../database/rows.js';
import type { Principal } from '../platform/auth/principal.js';
import { ReadLogService } from '../platform/read-log/read-log.service.js';
import { statusOn, type RecordStatus, type StatusPeriod } from './domain/status-history.js';

interface PeriodRow {
  status: RecordStatus;
  from_date: string;
  to_date: string | null;
  planned_until: string | null;
  request_id: string | null;
}

const PERIOD_COLUMNS = `status, from_date::text AS from_date, to_date::text AS to_date, planned_until::text AS planned_until, request_id`;

/** The record's status periods (student_status_periods): appended in the changing transaction. */
@Injectable()
export class StatusHistoryService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly readLog: ReadLogService,
  ) {}

  /** A visible record's periods and, when asked, its status on a day; a read of the record, logged. */
  async forStudent(principal: Principal, studentId: string, on: string | undefined) {
    const [visible] = rowsOf<{ id: string }>(
      await this.dataSource.query(`SELECT id FROM students WHERE id = $1 AND scope_path LIKE $2`, [studentId, `${principal.organisationPath}%`]),
    );
    if (!visible) throw new NotFoundError('Student');
    await this.readLog.recordRead(principal, studentId, 'GET /students/{id}/status-history');
    const periods = await this.periods(studentId);
    return { periods, ...(on ? { on, statusOn: statusOn(periods, on) } : {}) };
  }

  /** The first period of a new record: enrolled from its enrolment date. */
  async startIn(em: EntityManager, studentId: string, enrolmentDate: string): Promise<void> {
    await em.query(`INSERT INTO student_status_periods (student_id, status, from_date) VALUES ($1, 'enrolled', $2)`, [studentId, enrolmentDate]);
  }

  /** Ends the open period on `from` and opens the next one, in the caller's transaction. */
  async moveIn(em: EntityManager, studentId: string, next: { status: RecordStatus; from: string; plannedUntil: string | null; requestId: string }): Promise<void> {
    await em.query(`UPDATE student_status_periods SET to_date = GREATEST($2::date, from_date) WHERE student_id = $1 AND to_date IS NULL`, [studentId, next.from]);
    await em.query(`INSERT INTO student_status_periods (student_id, status, from_date, planned_until, request_id) VALUES ($1, $2, $3, $4, $5)`, [
      studentId,
      next.status,
      next.from,
      next.plannedUntil,
      next.requestId,
    ]);
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
      `INSERT INTO student_status_periods (student_id, status, from_date)
       SELECT id, 'graduated', graduation_date FROM students WHERE id = ANY($1::uuid[])`,
      [studentIds],
    );
  }

  /** The open period, with its planned end; null for a record without history. */
  async currentIn(em: EntityManager, studentId: string): Promise<{ status: RecordStatus; from: string; plannedUntil: string | null } | null> {
    const [row] = rowsOf<PeriodRow>(await em.query(`SELECT ${PERIOD_COLUMNS} FROM student_status_periods WHERE student_id = $1 AND to_date IS NULL`, [studentId]));
    return row ? { status: row.status, from: row.from_date.slice(0, 10), plannedUntil: row.planned_until?.slice(0, 10) ?? null } : null;
  }

  /** The record's periods, oldest first. Callers have checked the record is visible to whoever asks. */
  async periods(studentId: string, em: EntityManager = this.dataSource.manager): Promise<StatusPeriod[]> {
    const rows = rowsOf<PeriodRow>(await em.query(`SELECT ${PERIOD_COLUMNS} FROM student_status_periods WHERE student_id = $1 ORDER BY from_date, id`, [studentId]));
    return rows.map((r) => ({ status: r.status, from: r.from_date.slice(0, 10), to: r.to_date?.slice(0, 10) ?? null, requestId: r.request_id }));
  }

  /** "What was this student's status on `date`": null before the record existed. */
  async statusOn(studentId: string, date: string): Promise<RecordStatus | null> {
    return statusOn(await this.periods(studentId), date);
  }
}
