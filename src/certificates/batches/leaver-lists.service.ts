import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { z } from 'zod';
import { ConflictError, NotFoundError, ValidationError } from '../../common/errors/domain-error.js';
import { todayInChina } from '../../common/time/china-date.js';
import { JobQueueService } from '../../jobs/job-queue.service.js';
import { AuditService } from '../../platform/audit/audit.service.js';
import type { Principal } from '../../platform/auth/principal.js';
import { GraduatesService } from '../../registry/graduates.service.js';
import { numberLeaverListRows, numberingYear } from '../certificate-numbers.js';
import { BATCH_QUEUE, type BatchJob } from './batch-issuance.service.js';
import { jobsFor, resolveRows, reviewProblem, type LeaverListState } from './domain/leaver-list.js';
import type { LeaverListItemsQuery, ListLeaverListsQuery, ProposeLeaverListRequest } from './dto/leaver-list.dto.js';
import { LeaverRowsRejected } from './leaver-list.errors.js';
import { LeaverListReads, type ListHeader } from './leaver-list.reads.js';
import { SecondApprovals } from './second-approvals.service.js';

/**
 * Leaver lists (第十九条): the school proposes its leavers in one list, its supervising
 * authority approves it (the students are confirmed and a signing job is queued) or refuses it
 * with a reason (the students are enrolled again). Each step is one transaction with one audit
 * entry for the whole list: the audit head is a single locked row, so a class is one entry.
 */
@Injectable()
export class LeaverListsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly graduates: GraduatesService,
    private readonly audit: AuditService,
    private readonly queue: JobQueueService,
    private readonly reads: LeaverListReads,
    private readonly secondApprovals: SecondApprovals,
  ) {}

  async propose(principal: Principal, input: z.output<typeof ProposeLeaverListRequest>, now = new Date()) {
    const { rows, problems } = resolveRows(input, input.items);
    if (problems.length > 0) throw new ValidationError(problems);
    const id = randomUUID();
    await this.dataSource.transaction(async (em) => {
      const rejected = await this.graduates.proposeLeaversIn(em, principal, rows, todayInChina(now));
      if (rejected.length > 0) {
        throw new LeaverRowsRejected(rejected.map((p) => ({ field: `items.${p.index}.${p.field}`, message: `${p.code}: ${p.message}` })));
      }
      await em.query(
        `INSERT INTO leaver_lists (id, school_id, scope_path, state, total, proposed_by, proposed_at)
         VALUES ($1, $2, $3, 'proposed', $4, $5, $6)`,
        [id, principal.organisationId, principal.organisationPath, rows.length, principal.accountId, now],
      );
      await em.query(
        `INSERT INTO leaver_list_items (list_id, position, student_id, leaving_kind, leaving_date)
         SELECT $1, t.position - 1, t.student_id, t.leaving_kind, t.leaving_date
           FROM unnest($2::uuid[], $3::varchar[], $4::date[]) WITH ORDINALITY AS t(student_id, leaving_kind, leaving_date, position)`,
        [id, rows.map((r) => r.studentId), rows.map((r) => r.leavingKind), rows.map((r) => r.leavingDate)],
      );
      await this.audit.append(em, principal, {
        action: 'leaver_list.proposed',
        recordType: 'leaver_list',
        recordId: id,
        scopePath: principal.organisationPath,
        details: { count: rows.length, schoolCode: principal.organisationCode, firstStudentId: rows[0].studentId, lastStudentId: rows.at(-1)!.studentId },
      });
    });
    return this.reads.get(principal, id, { after: -1, limit: 100 });
  }

  /** The supervising authority approves: students confirmed, rows numbered, signing job queued, all in one commit. */
  async approve(principal: Principal, id: string, now = new Date()) {
    await this.review(principal, id, now, async (em, list, studentIds) => {
      await this.graduates.confirmLeaversIn(em, principal, list.scopePath, studentIds);
      await em.query(
        `UPDATE leaver_lists SET state = 'issuing', reviewed_by = $2, reviewed_at = $3, issuer_organisation_id = $4 WHERE id = $1`,
        [id, principal.accountId, now, principal.organisationId],
      );
      // The rows take their certificate numbers now: the approved list is the register of its numbers.
      const authority = { id: principal.organisationId, code: principal.organisationCode };
      await numberLeaverListRows(em, id, authority, numberingYear(now));
      // Rows whose record is younger than its stage wait for the authority above (separation of duties).
      const held = await this.secondApprovals.holdIn(em, principal, list);
      const jobs = Array.from({ length: jobsFor(list.total) }, (): BatchJob => ({ listId: id }));
      await this.queue.sendIn(em, BATCH_QUEUE, jobs);
      return { action: 'leaver_list.approved', details: { count: list.total, jobs: jobs.length, held } };
    });
    return this.reads.get(principal, id, { after: -1, limit: 100 });
  }

  async refuse(principal: Principal, id: string, reason: string, now = new Date()) {
    await this.review(principal, id, now, async (em, list, studentIds) => {
      await this.graduates.withdrawLeaversIn(em, principal, list.scopePath, studentIds);
      await em.query(`UPDATE leaver_lists SET state = 'refused', reviewed_by = $2, reviewed_at = $3, refusal_reason = $4 WHERE id = $1`, [
        id,
        principal.accountId,
        now,
        reason,
      ]);
      return { action: 'leaver_list.refused', details: { count: list.total, reason } };
    });
    return this.reads.get(principal, id, { after: -1, limit: 100 });
  }

  get(principal: Principal, id: string, query: z.output<typeof LeaverListItemsQuery>) {
    return this.reads.get(principal, id, query);
  }

  list(principal: Principal, query: z.output<typeof ListLeaverListsQuery>) {
    return this.reads.list(principal, query);
  }

  /** Locks a visible proposed list, applies the decision and audits it, in one transaction. */
  private async review(
    principal: Principal,
    id: string,
    now: Date,
    decide: (em: EntityManager, list: ListHeader, studentIds: string[]) => Promise<{ action: string; details: Record<string, unknown> }>,
  ): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      const list = await this.reads.header(em, principal, id, true);
      if (!list) throw new NotFoundError('Leaver list');
      const problem = reviewProblem(list.state as LeaverListState);
      if (problem) throw new ConflictError(problem.code, problem.message);
      const items: Array<{ student_id: string }> = await em.query(`SELECT student_id FROM leaver_list_items WHERE list_id = $1`, [id]);
      const { action, details } = await decide(em, list, items.map((i) => i.student_id));
      await this.audit.append(em, principal, { action, recordType: 'leaver_list', recordId: id, scopePath: list.scopePath, details });
    });
  }
}
