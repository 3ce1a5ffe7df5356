import { Injectable } from '@nestjs/common';
import type { z } from 'zod';
import { DataSource, type EntityManager } from 'typeorm';
import { ConflictError, NotFoundError, ValidationError } from '../../common/errors/domain-error.js';
import { todayInChina } from '../../common/time/china-date.js';
import { rowsOf } from '../../database/rows.js';
import { AuditService } from '../../platform/audit/audit.service.js';
import type { Principal } from '../../platform/auth/principal.js';
import { pathCodes } from '../../platform/organisations/domain/org-level.js';
import { WarningsService } from '../../platform/warnings/warnings.service.js';
import { CalendarService } from '../../workflow/calendar.service.js';
import type { EducationStage, StudentStatus } from '../domain/student-lifecycle.js';
import { checkFlag, FIRST_FOLLOW_UP_WORKING_DAYS } from './domain/dropout-rules.js';
import type { FlagDropoutRequest, FollowUpRequest, ListDropoutsQuery } from './dto/dropout.dto.js';

interface CaseRow {
  id: string;
  student_id: string;
  scope_path: string;
  source: 'verification' | 'authority';
  problem_id: string | null;
  reason: string;
  flagged_on: string;
  follow_up_due: string;
  status: 'open' | 'closed';
  outcome: string | null;
  closed_on: string | null;
}

const CASE_COLUMNS = `id, student_id, scope_path, source, problem_id, reason, flagged_on::text AS flagged_on, follow_up_due::text AS follow_up_due,
  status, outcome, closed_on::text AS closed_on`;

export interface Flag {
  studentId: string;
  scopePath: string;
  source: 'verification' | 'authority';
  problemId: string | null;
  reason: string;
}

/**
 * The drop-out ledger (控辍保学, 第十七条): cases of compulsory-education students who may have
 * left school, each with its follow-ups and outcome, seen within the subtree; a case without a
 * follow-up by its due date (10 working days) is warned upward once (第二十六条).
 */
@Injectable()
export class DropoutsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly calendar: CalendarService,
    private readonly audit: AuditService,
    private readonly warnings: WarningsService,
  ) {}

  /** An authority enters a student of its subtree in the ledger. */
  async flag(principal: Principal, input: z.output<typeof FlagDropoutRequest>, today = todayInChina()) {
    return this.dataSource.transaction(async (em) => {
      const [record] = rowsOf<{ status: StudentStatus; education_stage: EducationStage; scope_path: string }>(
        await em.query(`SELECT status, education_stage, scope_path FROM students WHERE id = $1 AND scope_path LIKE $2 FOR UPDATE`, [input.studentId, `${principal.organisationPath}%`]),
      );
      if (!record) throw new NotFoundError('Student');
      const refusal = checkFlag({ status: record.status, stage: record.education_stage });
      if (refusal) throw new ConflictError(refusal.code, refusal.message);
      const id = await this.flagIn(em, principal, { studentId: input.studentId, scopePath: record.scope_path, source: 'authority', problemId: null, reason: input.reason }, today);
      if (!id) throw new ConflictError('CASE_OPEN', 'an open drop-out case exists for this student');
      return (await this.casesIn(em, `c.id = $1`, [id]))[0];
    });
  }

  /** Enters a case in the caller's transaction; null when one is open already. */
  async flagIn(em: EntityManager, principal: Principal, flag: Flag, today: string): Promise<string | null> {
    const due = (await this.calendar.calendar(em)).dueDate(today, FIRST_FOLLOW_UP_WORKING_DAYS);
    const [row] = rowsOf<{ id: string }>(
      await em.query(
        `INSERT INTO dropout_cases (student_id, scope_path, source, problem_id, reason, flagged_by, flagged_on, follow_up_due)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (student_id) WHERE status = 'open' DO NOTHING RETURNING id`,
        [flag.studentId, flag.scopePath, flag.source, flag.problemId, flag.reason, principal.accountId, today, due],
      ),
    );
    if (!row) return null;
    await this.audit.append(em, principal, {
      action: 'dropout.flagged',
      recordType: 'student',
      recordId: flag.studentId,
      scopePath: flag.scopePath,
      details: { caseId: row.id, source: flag.source, problemId: flag.problemId, followUpDue: due },
    });
    return row.id;
  }

  /** The school or an authority over it records a follow-up; an outcome closes the case. */
  async followUp(principal: Principal, caseId: string, input: z.output<typeof FollowUpRequest>, today = todayInChina()) {
    if (input.on > today) throw ValidationError.field('on', 'on is in the future');
    return this.dataSource.transaction(async (em) => {
      const [c] = rowsOf<CaseRow>(await em.query(`SELECT ${CASE_COLUMNS} FROM dropout_cases WHERE id = $1 AND scope_path LIKE $2 FOR UPDATE`, [caseId, `${principal.organisationPath}%`]));
      if (!c) throw new NotFoundError('Drop-out case');
      if (c.status !== 'open') throw new ConflictError('CASE_CLOSED', 'the case is closed');
      if (input.on < c.flagged_on) throw ValidationError.field('on', 'on is before the case was opened');
      await em.query(`INSERT INTO dropout_follow_ups (case_id, on_date, action, note, outcome, recorded_by) VALUES ($1, $2, $3, $4, $5, $6)`, [
        caseId,
        input.on,
        input.action,
        input.note,
        input.outcome ?? null,
        principal.accountId,
      ]);
      if (input.outcome) await em.query(`UPDATE dropout_cases SET status = 'closed', outcome = $2, closed_on = $3 WHERE id = $1`, [caseId, input.outcome, input.on]);
      await this.audit.append(em, principal, {
        action: input.outcome ? 'dropout.closed' : 'dropout.followed_up',
        recordType: 'student',
        recordId: c.student_id,
        scopePath: c.scope_path,
        details: { caseId, action: input.action, on: input.on, outcome: input.outcome ?? null },
      });
      return (await this.casesIn(em, `c.id = $1`, [caseId]))[0];
    });
  }

  async list(principal: Principal, query: z.output<typeof ListDropoutsQuery>) {
    const params: unknown[] = [`${principal.organisationPath}%`];
    const where = [`c.scope_path LIKE $1`];
    if (query.status) where.push(`c.status = $${params.push(query.status)}`);
    if (query.after) where.push(`c.seq < (SELECT seq FROM dropout_cases WHERE id = $${params.push(query.after)})`);
    const rows = await this.casesIn(this.dataSource.manager, where.join(' AND '), params, query.limit + 1);
    const page = rows.slice(0, query.limit);
    return { items: page, next: rows.length > query.limit ? page[page.length - 1].id : null };
  }

  /** Open cases past their first follow-up's due date without one: one warning each, to the authority above the school. */
  async warnOverdue(today = todayInChina()): Promise<number> {
    return this.dataSource.transaction(async (em) => {
      const overdue = rowsOf<CaseRow>(
        await em.query(
          `SELECT ${CASE_COLUMNS} FROM dropout_cases c WHERE c.status = 'open' AND c.follow_up_due < $1::date
             AND NOT EXISTS (SELECT 1 FROM dropout_follow_ups f WHERE f.case_id = c.id)`,
          [today],
        ),
      );
      let raised = 0;
      for (const c of overdue) {
        const isNew = await this.warnings.raise(em, {
          kind: 'dropout.not_followed_up',
          subjectPath: c.scope_path,
          subjectType: 'student',
          subjectId: c.student_id,
          evidence: { caseId: c.id, flaggedOn: c.flagged_on, followUpDue: c.follow_up_due, source: c.source, today },
          dedupeKey: `dropout.not_followed_up:${c.id}`,
        });
        if (isNew) raised++;
      }
      return raised;
    });
  }

  private async casesIn(em: EntityManager, where: string, params: unknown[], limit = 1) {
    const cases = rowsOf<CaseRow & { seq: string }>(await em.query(`SELECT ${CASE_COLUMNS}, seq FROM dropout_cases c WHERE ${where} ORDER BY c.seq DESC LIMIT ${Number(limit)}`, params));
    const followUps = rowsOf<{ case_id: string; on_date: string; action: string; note: string; outcome: string | null }>(
      await em.query(`SELECT case_id, on_date::text AS on_date, action, note, outcome FROM dropout_follow_ups WHERE case_id = ANY($1::uuid[]) ORDER BY id`, [cases.map((c) => c.id)]),
    );
    return cases.map((c) => ({
      id: c.id,
      studentId: c.student_id,
      schoolCode: pathCodes(c.scope_path).at(-1)!,
      source: c.source,
      problemId: c.problem_id,
      reason: c.reason,
      flaggedOn: c.flagged_on,
      followUpDue: c.follow_up_due,
      status: c.status,
      outcome: c.outcome,
      closedOn: c.closed_on,
      followUps: followUps.filter((f) => f.case_id === c.id).map((f) => ({ on: f.on_date, action: f.action, note: f.note, outcome: f.outcome })),
    }));
  }
}
