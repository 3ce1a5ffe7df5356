import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { z } from 'zod';
import { ConflictError, ForbiddenError, NotFoundError } from '../../common/errors/domain-error.js';
import { rowsOf } from '../../database/rows.js';
import { JobQueueService } from '../../jobs/job-queue.service.js';
import { AuditService } from '../../platform/audit/audit.service.js';
import { subtreeFilter, type Principal } from '../../platform/auth/principal.js';
import { pathCodes } from '../../platform/organisations/domain/org-level.js';
import { WarningsService } from '../../platform/warnings/warnings.service.js';
import { RecordHistories } from '../../registry/record-histories.js';
import { BATCH_QUEUE, type BatchJob } from './batch-issuance.service.js';
import { canSecondReview, secondApprovalNeeded, secondReviewOutcome, WARNING_ROWS_QUOTED } from './domain/second-approval.js';
import type { HeldRowView, ListSecondApprovalsQuery, SecondReviewRequest } from './dto/second-approval.dto.js';

interface HeldRowColumns {
  list_id: string;
  position: number;
  student_id: string;
  leaving_kind: HeldRowView['leavingKind'];
  second_approval: HeldRowView['secondApproval'];
  hold_evidence: HeldRowView['evidence'] | string;
  scope_path: string;
}

const REFUSED_DETAIL = 'the authority above the confirming one refused this certificate';
const HELD_COLUMNS = `i.list_id, i.position, i.student_id, i.leaving_kind, i.second_approval, i.hold_evidence, l.scope_path`;

/**
 * The second approval (separation of duties): when a list is confirmed, rows whose record is
 * younger than its stage are held out of the signing and the authority above the confirming
 * one is warned; it approves each (the row goes back to the signing job) or refuses it (the row
 * fails, no certificate). One decision per row, audited in the same transaction.
 */
@Injectable()
export class SecondApprovals {
  constructor(
    private readonly dataSource: DataSource,
    private readonly histories: RecordHistories,
    private readonly warnings: WarningsService,
    private readonly audit: AuditService,
    private readonly queue: JobQueueService,
  ) {}

  /**
   * Inside the confirming transaction: holds the rows that need the second approval (one read of
   * the records, one update) and warns the authority above. Answers how many were held.
   */
  async holdIn(em: EntityManager, confirmer: Principal, list: { id: string; scopePath: string; total: number }): Promise<number> {
    const items: Array<{ position: number; student_id: string; leaving_date: string }> = await em.query(
      `SELECT position, student_id, leaving_date::text AS leaving_date FROM leaver_list_items WHERE list_id = $1 ORDER BY position`,
      [list.id],
    );
    const histories = await this.histories.of(em, items.map((i) => i.student_id));
    const held = items.flatMap((item) => {
      const h = histories.get(item.student_id);
      if (!h) return [];
      const decision = secondApprovalNeeded({ ...h, leavingDate: item.leaving_date });
      if (!decision.held) return [];
      const evidence: HeldRowView['evidence'] = {
        stage: h.stage,
        recordCreatedAt: h.createdAt.toISOString(),
        leavingDate: item.leaving_date,
        schoolYears: decision.schoolYears,
        minimumSchoolYears: decision.minimumSchoolYears,
        reasons: decision.reasons,
      };
      return [{ position: item.position, studentId: item.student_id, evidence }];
    });
    if (held.length === 0) return 0;
    await em.query(
      `UPDATE leaver_list_items i SET state = 'held', second_approval = 'awaiting', hold_evidence = t.evidence::jsonb
         FROM unnest($2::int[], $3::text[]) AS t(position, evidence) WHERE i.list_id = $1 AND i.position = t.position`,
      [list.id, held.map((h) => h.position), held.map((h) => JSON.stringify(h.evidence))],
    );
    await this.warnings.raise(em, {
      kind: 'certificate.second_approval_needed',
      subjectPath: confirmer.organisationPath,
      subjectType: 'leaver_list',
      subjectId: list.id,
      evidence: {
        listId: list.id,
        schoolCode: pathCodes(list.scopePath).at(-1),
        confirmedBy: confirmer.accountId,
        held: held.length,
        total: list.total,
        rows: held.slice(0, WARNING_ROWS_QUOTED).map((h) => ({ position: h.position, studentId: h.studentId, ...h.evidence })),
      },
      dedupeKey: `second-approval:${list.id}`,
    });
    return held.length;
  }

  /** Rows awaiting a second approval in the caller's subtree (the partial index `leaver_list_items_awaiting`). */
  async awaiting(principal: Principal, query: z.output<typeof ListSecondApprovalsQuery>) {
    const scope = subtreeFilter(principal, 'l.scope_path');
    const [afterList, afterPosition] = query.after ? query.after.split('.') : [null, null];
    const rows: HeldRowColumns[] = await this.dataSource.query(
      `SELECT ${HELD_COLUMNS} FROM leaver_list_items i JOIN leaver_lists l ON l.id = i.list_id
        WHERE i.second_approval = 'awaiting' AND l.scope_path LIKE $1 AND ($2::uuid IS NULL OR (i.list_id, i.position) > ($2::uuid, $3::int))
        ORDER BY i.list_id, i.position LIMIT $4`,
      [scope.params.scopePrefix, afterList, afterPosition === null ? null : Number(afterPosition), query.limit + 1],
    );
    const page = rows.slice(0, query.limit).map(heldView);
    const last = page.at(-1);
    return { items: page, next: rows.length > query.limit && last ? `${last.listId}.${last.position}` : null };
  }

  /** Approves or refuses one held row, once; a retry of the same decision answers it again. */
  async review(principal: Principal, listId: string, position: number, input: z.output<typeof SecondReviewRequest>, now = new Date()): Promise<HeldRowView> {
    return this.dataSource.transaction(async (em) => {
      const scope = subtreeFilter(principal, 'l.scope_path');
      const [row]: Array<HeldRowColumns & { reviewed_by: string }> = await em.query(
        `SELECT ${HELD_COLUMNS}, l.reviewed_by FROM leaver_list_items i JOIN leaver_lists l ON l.id = i.list_id
          WHERE i.list_id = $1 AND i.position = $2 AND i.second_approval IS NOT NULL AND l.scope_path LIKE $3 FOR UPDATE OF i`,
        [listId, position, scope.params.scopePrefix],
      );
      if (!row) throw new NotFoundError('Held leaver-list row');
      const allowed = canSecondReview(principal, { schoolPath: row.scope_path, confirmedBy: row.reviewed_by });
      if (!allowed.ok) throw new ForbiddenError(allowed.message, allowed.code);
      const outcome = secondReviewOutcome(row.second_approval, input.decision);
      if (outcome === 'conflict') throw new ConflictError('SECOND_REVIEW_DECIDED', `this row was already ${row.second_approval}`);
      if (outcome === 'repeat') return heldView(row);
      const approve = input.decision === 'approve';
      const decided = approve ? ['approved', 'pending', null, null] : ['refused', 'failed', 'SECOND_APPROVAL_REFUSED', REFUSED_DETAIL];
      const [updated] = rowsOf<HeldRowColumns>(
        await em.query(
          `UPDATE leaver_list_items i SET second_approval = $3, state = $4, error_code = $5, error_detail = $6,
                  second_reviewed_by = $7, second_reviewed_at = $8, second_review_reason = $9
             FROM leaver_lists l WHERE l.id = i.list_id AND i.list_id = $1 AND i.position = $2 RETURNING ${HELD_COLUMNS}`,
          [listId, position, ...decided, principal.accountId, now, input.reason],
        ),
      );
      // The signing job signs an approved row, and finishes the list once no row is pending or held.
      await this.queue.sendIn<BatchJob>(em, BATCH_QUEUE, [{ listId }]);
      await this.audit.append(em, principal, {
        action: approve ? 'leaver_list.second_approved' : 'leaver_list.second_refused',
        recordType: 'leaver_list',
        recordId: listId,
        scopePath: row.scope_path,
        details: { position, studentId: row.student_id, reason: input.reason },
      });
      return heldView(updated);
    });
  }
}

function heldView(r: HeldRowColumns): HeldRowView {
  const codes = pathCodes(r.scope_path);
  return {
    listId: r.list_id,
    position: r.position,
    studentId: r.student_id,
    schoolCode: codes.at(-1)!,
    confirmingCode: codes.at(-2)!,
    leavingKind: r.leaving_kind,
    secondApproval: r.second_approval,
    evidence: typeof r.hold_evidence === 'string' ? JSON.parse(r.hold_evidence) : r.hold_evidence,
  };
}
