import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { z } from 'zod';
import { NotFoundError } from '../../common/errors/domain-error.js';
import { subtreeFilter, type Principal } from '../../platform/auth/principal.js';
import { pathCodes } from '../../platform/organisations/domain/org-level.js';
import { progressOf, type LeaverListState } from './domain/leaver-list.js';
import type {
  LeaverListItemView,
  LeaverListItemsQuery,
  LeaverListSummaryView,
  LeaverListView,
  ListLeaverListsQuery,
} from './dto/leaver-list.dto.js';

export interface ListHeader {
  id: string;
  schoolId: string;
  scopePath: string;
  state: LeaverListState;
  total: number;
  proposedAt: Date;
  reviewedBy: string | null;
  reviewedAt: Date | null;
  refusalReason: string | null;
  issuerOrganisationId: string | null;
  finishedAt: Date | null;
}

const HEADER_COLUMNS = `l.id, l.school_id AS "schoolId", l.scope_path AS "scopePath", l.state, l.total, l.proposed_at AS "proposedAt",
  l.reviewed_by AS "reviewedBy", l.reviewed_at AS "reviewedAt", l.refusal_reason AS "refusalReason",
  l.issuer_organisation_id AS "issuerOrganisationId", l.finished_at AS "finishedAt"`;

/** Leaver lists as their readers see them: scoped to the caller's subtree, with progress. */
@Injectable()
export class LeaverListReads {
  constructor(private readonly dataSource: DataSource) {}

  /** A list in the caller's subtree (locked for a review), or null: outside it, a list does not exist. */
  async header(em: EntityManager, principal: Principal, id: string, lock = false): Promise<ListHeader | null> {
    const scope = subtreeFilter(principal, 'l.scope_path');
    const [row] = await em.query(
      `SELECT ${HEADER_COLUMNS} FROM leaver_lists l WHERE l.id = $1 AND l.scope_path LIKE $2${lock ? ' FOR UPDATE' : ''}`,
      [id, scope.params.scopePrefix],
    );
    return row ? { ...row, proposedAt: new Date(row.proposedAt), reviewedAt: dateOrNull(row.reviewedAt), finishedAt: dateOrNull(row.finishedAt) } : null;
  }

  async get(principal: Principal, id: string, query: z.output<typeof LeaverListItemsQuery>): Promise<LeaverListView> {
    const em = this.dataSource.manager;
    const header = await this.header(em, principal, id);
    if (!header) throw new NotFoundError('Leaver list');
    const [summary] = await this.summaries(em, [header]);
    const items: ItemRow[] = await em.query(
      `SELECT i.position, i.student_id, s.student_number, s.name, i.leaving_kind, i.leaving_date::text AS leaving_date, i.state, i.certificate_id,
              COALESCE(c.certificate_number, i.certificate_number) AS certificate_number, i.error_code, i.error_detail, i.second_approval
         FROM leaver_list_items i JOIN students s ON s.id = i.student_id LEFT JOIN certificates c ON c.id = i.certificate_id
        WHERE i.list_id = $1 AND i.position > $2 AND ($4::varchar IS NULL OR i.state = $4)
        ORDER BY i.position LIMIT $3`,
      [id, query.after, query.limit + 1, query.state ?? null],
    );
    const page = items.slice(0, query.limit).map(itemView);
    return { ...summary, items: page, next: items.length > query.limit ? page.at(-1)!.position : null };
  }

  /** The caller's subtree's lists, newest first, each with its progress. */
  async list(principal: Principal, query: z.output<typeof ListLeaverListsQuery>): Promise<{ items: LeaverListSummaryView[] }> {
    const em = this.dataSource.manager;
    const scope = subtreeFilter(principal, 'l.scope_path');
    const rows: ListHeader[] = await em.query(
      `SELECT ${HEADER_COLUMNS} FROM leaver_lists l WHERE l.scope_path LIKE $1 AND ($2::varchar IS NULL OR l.state = $2)
        ORDER BY l.proposed_at DESC, l.id LIMIT $3`,
      [scope.params.scopePrefix, query.state ?? null, query.limit],
    );
    return { items: await this.summaries(em, rows) };
  }

  private async summaries(em: EntityManager, headers: ListHeader[]): Promise<LeaverListSummaryView[]> {
    if (headers.length === 0) return [];
    const counts: Array<{ list_id: string; state: string; n: string }> = await em.query(
      `SELECT list_id, state, count(*) AS n FROM leaver_list_items WHERE list_id = ANY($1::uuid[]) AND state <> 'pending' GROUP BY list_id, state`,
      [headers.map((h) => h.id)],
    );
    return headers.map((h) => {
      const mine = Object.fromEntries(counts.filter((c) => c.list_id === h.id).map((c) => [c.state, Number(c.n)]));
      return {
        id: h.id,
        schoolCode: pathCodes(h.scopePath).at(-1)!,
        state: h.state,
        ...progressOf(h.total, mine),
        proposedAt: new Date(h.proposedAt).toISOString(),
        reviewedAt: h.reviewedAt ? new Date(h.reviewedAt).toISOString() : null,
        refusalReason: h.refusalReason,
        finishedAt: h.finishedAt ? new Date(h.finishedAt).toISOString() : null,
      };
    });
  }
}

interface ItemRow {
  position: number;
  student_id: string;
  student_number: string;
  name: string;
  leaving_kind: LeaverListItemView['leavingKind'];
  leaving_date: string;
  state: LeaverListItemView['state'];
  certificate_id: string | null;
  certificate_number: string | null;
  error_code: string | null;
  error_detail: string | null;
  second_approval: LeaverListItemView['secondApproval'];
}

function itemView(r: ItemRow): LeaverListItemView {
  return {
    position: r.position,
    studentId: r.student_id,
    studentNumber: r.student_number,
    name: r.name,
    leavingKind: r.leaving_kind,
    leavingDate: r.leaving_date,
    state: r.state,
    secondApproval: r.second_approval,
    certificateId: r.certificate_id,
    certificateNumber: r.certificate_number,
    error: r.error_code ? { code: r.error_code, detail: r.error_detail ?? '' } : null,
  };
}

function dateOrNull(value: unknown): Date | null {
  return value === null || value === undefined ? null : new Date(value as string);
}
