import { Injectable } from '@nestjs/common';
import type { z } from 'zod';
import { DataSource, type EntityManager } from 'typeorm';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../common/errors/domain-error.js';
import { todayInChina } from '../common/time/china-date.js';
import { rowsOf } from '../database/rows.js';
import { onUniqueViolation } from '../database/unique-violation.js';
import { AuditService } from '../platform/audit/audit.service.js';
import type { Principal } from '../platform/auth/principal.js';
import { WarningsService } from '../platform/warnings/warnings.service.js';
import { CalendarService } from './calendar.service.js';
import { decide, startSteps, type Decision, type DecisionRefusal, type StepPlan } from './domain/request-steps.js';
import type { ListRequestsQuery } from './dto/request.dto.js';
import { requestView, STEP_COLUMNS, stepState, submitterOf, type RequestRow, type RequestView, type StepRow } from './request-rows.js';

export type { RequestView } from './request-rows.js';

/** A kind of request plugs its effects in here; the engine itself knows nothing of its subject. */
export interface RequestKind {
  name: string;
  /**
   * Runs in the deciding transaction when the last step is approved (or a step refused), with
   * the account that closed it; use `em` only (a query outside the transaction would wait on it).
   */
  onClosed?(em: EntityManager, request: RequestView, status: 'approved' | 'refused', decidedBy: Principal): Promise<void>;
}

/**
 * Who opens a request: an organisation account (a Principal), or a guardian asking through their
 * child's school — then `organisationPath` is the school's, `organisationId` null and `guardian`
 * true, and the request records the guardian (never an organisation account) as its submitter.
 */
export interface Submitter {
  accountId: string;
  organisationId: string | null;
  organisationPath: string;
  guardian?: true;
}

export interface OpenRequest {
  kind: string;
  subjectType: string;
  subjectId: string;
  /** Organisations whose subtrees see the request; the submitter's is added. */
  visiblePaths: string[];
  steps: StepPlan[];
  /** Kind-specific facts (codes, dates, ids); kept with the request and shown to who sees it. */
  details: Record<string, unknown>;
}

const REFUSALS: Record<DecisionRefusal, () => Error> = {
  REQUEST_CLOSED: () => new ConflictError('REQUEST_CLOSED', 'the request is already closed'),
  STEP_NOT_PENDING: () => new ConflictError('STEP_NOT_PENDING', 'this step is not waiting for a decision (someone may have decided it first)'),
  NOT_YOUR_STEP: () => new ForbiddenError('this step is decided by another organisation (or, once overdue, the authority above it)', 'NOT_YOUR_STEP'),
  SUBMITTER_CANNOT_DECIDE: () => new ForbiddenError('the account that submitted a request cannot decide its steps', 'SUBMITTER_CANNOT_DECIDE'),
  ALREADY_DECIDED_A_STEP: () => new ForbiddenError('one account decides at most one step of a request', 'ALREADY_DECIDED_A_STEP'),
  REASON_REQUIRED: () => ValidationError.field('reason', 'a refusal needs a reason'),
};

/**
 * The request engine (第十三、十五、十六、二十一条; the sharing module's approvals): requests whose
 * steps are decided in order by named organisations within working-day deadlines, escalated
 * upward when overdue. Every decision is audited in its transaction; two decisions of one step
 * at once: the request row's lock lets one through, the other finds the step decided (409).
 */
@Injectable()
export class RequestsService {
  private readonly kinds = new Map<string, RequestKind>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly calendar: CalendarService,
    private readonly audit: AuditService,
    private readonly warnings: WarningsService,
  ) {}

  registerKind(kind: RequestKind): void {
    if (this.kinds.has(kind.name)) throw new Error(`request kind ${kind.name} is registered twice`);
    this.kinds.set(kind.name, kind);
  }

  /** Opens a request in the caller's transaction (the kind checked its own rules first). */
  async open(em: EntityManager, submitter: Submitter, input: OpenRequest, today = todayInChina()): Promise<RequestView> {
    if (!this.kinds.has(input.kind)) throw new Error(`request kind ${input.kind} is not registered`);
    const steps = startSteps(input.steps, today, await this.calendar.calendar(em));
    const visible = [...new Set([submitter.organisationPath, ...input.visiblePaths])];
    const [row] = rowsOf<RequestRow>(
      await em
        .query(
          `INSERT INTO requests (kind, subject_type, subject_id, submitted_by, submitted_by_guardian, submitted_path, visible_paths, details)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING *`,
          [
            input.kind,
            input.subjectType,
            input.subjectId,
            submitter.guardian ? null : submitter.accountId,
            submitter.guardian ? submitter.accountId : null,
            submitter.organisationPath,
            visible,
            JSON.stringify(input.details),
          ],
        )
        .catch(onUniqueViolation('requests_one_open', () => new ConflictError('REQUEST_OPEN', `an open ${input.kind} request exists for this record`))),
    );
    for (const s of steps) {
      await em.query(
        `INSERT INTO request_steps (request_id, index, name, actor_path, working_days, status, started_on, due_date) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [row.id, s.index, s.name, s.actorPath, s.workingDays, s.status, s.startedOn, s.dueDate],
      );
    }
    await this.audit.append(em, submitter, {
      action: 'request.opened',
      recordType: 'request',
      recordId: row.id,
      scopePath: submitter.organisationPath,
      details: {
        kind: input.kind,
        subjectType: input.subjectType,
        subjectId: input.subjectId,
        steps: steps.map((s) => s.name),
        firstDue: steps[0].dueDate,
        ...(submitter.guardian ? { submitter: 'guardian' } : {}),
      },
    });
    return this.viewIn(em, row, today);
  }

  /** Approves or refuses the pending step `index`; closes the request after the last one or a refusal. */
  async decide(principal: Principal, id: string, index: number, decision: Decision, today = todayInChina()): Promise<RequestView> {
    const calendar = await this.calendar.calendar();
    return this.dataSource.transaction(async (em) => {
      const row = await this.visibleRow(em, principal, id, true);
      const steps = await this.stepsOf(em, id);
      const outcome = decide(
        { status: row.status, submittedBy: submitterOf(row), steps: steps.map(stepState) },
        index,
        decision,
        { accountId: principal.accountId, organisationPath: principal.organisationPath },
        today,
        calendar,
      );
      if (!outcome.ok) throw REFUSALS[outcome.refusal]();
      for (const i of outcome.changed) {
        const s = outcome.steps[i];
        const decided = i === index;
        await em.query(
          `UPDATE request_steps SET status = $3, started_on = $4, due_date = $5,
                  decided_by = CASE WHEN $6 THEN $7::uuid ELSE decided_by END, decided_at = CASE WHEN $6 THEN now() ELSE decided_at END,
                  reason = CASE WHEN $6 THEN $8 ELSE reason END
            WHERE request_id = $1 AND index = $2`,
          [id, i, s.status, s.startedOn, s.dueDate, decided, principal.accountId, s.reason],
        );
      }
      const closed = outcome.status !== 'open';
      await em.query(`UPDATE requests SET status = $2, version = version + 1, closed_at = CASE WHEN $3 THEN now() ELSE NULL END WHERE id = $1`, [
        id,
        outcome.status,
        closed,
      ]);
      await this.audit.append(em, principal, {
        action: decision.outcome === 'approve' ? 'request.step_approved' : 'request.step_refused',
        recordType: 'request',
        recordId: id,
        scopePath: principal.organisationPath,
        details: { kind: row.kind, step: steps[index].name, index, escalated: outcome.escalated, requestStatus: outcome.status },
      });
      const view = await this.viewIn(em, (await this.visibleRow(em, principal, id, false))!, today);
      if (closed) await this.kinds.get(row.kind)?.onClosed?.(em, view, outcome.status as 'approved' | 'refused', principal);
      return view;
    });
  }

  /** The newest request of a kind about a subject (any status), or null; for the kind's own rules. */
  async latestFor(kind: string, subjectType: string, subjectId: string): Promise<{ id: string; status: RequestRow['status'] } | null> {
    const [row] = rowsOf<{ id: string; status: RequestRow['status'] }>(
      await this.dataSource.query(`SELECT id, status FROM requests WHERE kind = $1 AND subject_type = $2 AND subject_id = $3 ORDER BY seq DESC LIMIT 1`, [kind, subjectType, subjectId]),
    );
    return row ?? null;
  }

  /**
   * Every request about one subject, newest first, whatever its kind; for callers that decided
   * themselves who may see the subject (a guardian and their child), not for organisation accounts.
   */
  async aboutSubject(subjectType: string, subjectId: string, today = todayInChina()): Promise<RequestView[]> {
    return this.dataSource.transaction(async (em) => {
      const rows = rowsOf<RequestRow>(await em.query(`SELECT * FROM requests WHERE subject_type = $1 AND subject_id = $2 ORDER BY seq DESC LIMIT 200`, [subjectType, subjectId]));
      return this.viewsIn(em, rows, today);
    });
  }

  async get(principal: Principal, id: string, today = todayInChina()): Promise<RequestView> {
    return this.dataSource.transaction(async (em) => this.viewIn(em, await this.visibleRow(em, principal, id, false), today));
  }

  /** Requests the caller's subtree sees, newest first. */
  async list(principal: Principal, query: z.output<typeof ListRequestsQuery>, today = todayInChina()) {
    const params: unknown[] = [`${principal.organisationPath}%`, query.limit + 1];
    const where = [`EXISTS (SELECT 1 FROM unnest(r.visible_paths) AS p WHERE p LIKE $1)`];
    if (query.kind) where.push(`r.kind = $${params.push(query.kind)}`);
    if (query.status) where.push(`r.status = $${params.push(query.status)}`);
    // The subject narrows what the subtree sees, never widens it (the visible_paths test above stays).
    if (query.studentId) where.push(`r.subject_type = 'student' AND r.subject_id = $${params.push(query.studentId)}`);
    if (query.after) where.push(`r.seq < (SELECT seq FROM requests WHERE id = $${params.push(query.after)})`);
    return this.dataSource.transaction(async (em) => {
      const rows = rowsOf<RequestRow>(await em.query(`SELECT r.* FROM requests r WHERE ${where.join(' AND ')} ORDER BY r.seq DESC LIMIT $2`, params));
      const page = rows.slice(0, query.limit);
      const items = await this.viewsIn(em, page, today);
      return { items, next: rows.length > query.limit ? page[page.length - 1].id : null };
    });
  }

  /** Steps waiting for the caller's organisation — its own, and overdue ones directly below it — by due date. */
  async inbox(principal: Principal, today = todayInChina()) {
    return this.dataSource.transaction(async (em) => {
      const rows = rowsOf<RequestRow>(
        await em.query(
          `SELECT r.* FROM request_steps s JOIN requests r ON r.id = s.request_id
            WHERE s.status = 'pending'
              AND (s.actor_path = $1 OR (regexp_replace(s.actor_path, '[0-9]+/$', '') = $1 AND s.due_date < $2::date))
            ORDER BY s.due_date, r.seq LIMIT 500`,
          [principal.organisationPath, today],
        ),
      );
      return { items: await this.viewsIn(em, rows, today) };
    });
  }

  /** Marks steps past their due date and warns the authority above each (once); answers how many. */
  async escalateOverdue(today = todayInChina()): Promise<number> {
    return this.dataSource.transaction(async (em) => {
      const rows = rowsOf<StepRow & { kind: string }>(
        await em.query(
          `UPDATE request_steps s SET escalated_at = now() FROM requests r
            WHERE r.id = s.request_id AND s.status = 'pending' AND s.escalated_at IS NULL AND s.due_date < $1::date
        RETURNING s.request_id, s.index, s.name, s.actor_path, s.due_date::text AS due_date, r.kind`,
          [today],
        ),
      );
      for (const s of rows) {
        await this.warnings.raise(em, {
          kind: 'request.step_overdue',
          subjectPath: s.actor_path,
          subjectType: 'request',
          subjectId: s.request_id,
          evidence: { kind: s.kind, step: s.name, index: s.index, dueDate: s.due_date, today },
          dedupeKey: `request.step_overdue:${s.request_id}:${s.index}`,
        });
      }
      return rows.length;
    });
  }

  /** A request the caller sees (404 otherwise) and the organisations of its steps, for what hangs off it (materials). */
  async partiesIn(em: EntityManager, principal: Principal, id: string, lock: boolean): Promise<{ status: RequestRow['status']; submittedPath: string; stepActorPaths: string[] }> {
    const row = await this.visibleRow(em, principal, id, lock);
    const steps = await this.stepsOf(em, id);
    return { status: row.status, submittedPath: row.submitted_path, stepActorPaths: steps.map((s) => s.actor_path) };
  }

  private async visibleRow(em: EntityManager, principal: Principal, id: string, lock: boolean): Promise<RequestRow> {
    const [row] = rowsOf<RequestRow>(
      await em.query(
        `SELECT * FROM requests r WHERE r.id = $1 AND EXISTS (SELECT 1 FROM unnest(r.visible_paths) AS p WHERE p LIKE $2) ${lock ? 'FOR UPDATE' : ''}`,
        [id, `${principal.organisationPath}%`],
      ),
    );
    if (!row) throw new NotFoundError('Request');
    return row;
  }

  private async stepsOf(em: EntityManager, id: string): Promise<StepRow[]> {
    return rowsOf<StepRow>(await em.query(`SELECT ${STEP_COLUMNS} FROM request_steps WHERE request_id = $1 ORDER BY index`, [id]));
  }

  private async viewIn(em: EntityManager, row: RequestRow, today: string): Promise<RequestView> {
    return (await this.viewsIn(em, [row], today))[0];
  }

  /** Views of many requests with one query for all their steps (a page or an inbox, not one query per request). */
  private async viewsIn(em: EntityManager, rows: RequestRow[], today: string): Promise<RequestView[]> {
    if (rows.length === 0) return [];
    const steps = rowsOf<StepRow>(await em.query(`SELECT ${STEP_COLUMNS} FROM request_steps WHERE request_id = ANY($1::uuid[]) ORDER BY request_id, index`, [rows.map((r) => r.id)]));
    return rows.map((row) => requestView(row, steps.filter((s) => s.request_id === row.id), today));
  }
}
