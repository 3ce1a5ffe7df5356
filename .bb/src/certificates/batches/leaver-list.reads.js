var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { NotFoundError } from '../../common/errors/domain-error.js';
import { subtreeFilter } from '../../platform/auth/principal.js';
import { pathCodes } from '../../platform/organisations/domain/org-level.js';
import { progressOf } from './domain/leaver-list.js';
const HEADER_COLUMNS = `l.id, l.school_id AS "schoolId", l.scope_path AS "scopePath", l.state, l.total, l.proposed_at AS "proposedAt",
  l.reviewed_by AS "reviewedBy", l.reviewed_at AS "reviewedAt", l.refusal_reason AS "refusalReason",
  l.issuer_organisation_id AS "issuerOrganisationId", l.finished_at AS "finishedAt"`;
/** Leaver lists as their readers see them: scoped to the caller's subtree, with progress. */
let LeaverListReads = class LeaverListReads {
    constructor(dataSource) {
        this.dataSource = dataSource;
    }
    /** A list in the caller's subtree (locked for a review), or null: outside it, a list does not exist. */
    async header(em, principal, id, lock = false) {
        const scope = subtreeFilter(principal, 'l.scope_path');
        const [row] = await em.query(`SELECT ${HEADER_COLUMNS} FROM leaver_lists l WHERE l.id = $1 AND l.scope_path LIKE $2${lock ? ' FOR UPDATE' : ''}`, [id, scope.params.scopePrefix]);
        return row ? { ...row, proposedAt: new Date(row.proposedAt), reviewedAt: dateOrNull(row.reviewedAt), finishedAt: dateOrNull(row.finishedAt) } : null;
    }
    async get(principal, id, query) {
        const em = this.dataSource.manager;
        const header = await this.header(em, principal, id);
        if (!header)
            throw new NotFoundError('Leaver list');
        const [summary] = await this.summaries(em, [header]);
        const items = await em.query(`SELECT i.position, i.student_id, i.leaving_kind, i.leaving_date::text AS leaving_date, i.state, i.certificate_id,
              c.certificate_number, i.error_code, i.error_detail
         FROM leaver_list_items i LEFT JOIN certificates c ON c.id = i.certificate_id
        WHERE i.list_id = $1 AND i.position > $2 AND ($4::varchar IS NULL OR i.state = $4)
        ORDER BY i.position LIMIT $3`, [id, query.after, query.limit + 1, query.state ?? null]);
        const page = items.slice(0, query.limit).map(itemView);
        return { ...summary, items: page, next: items.length > query.limit ? page.at(-1).position : null };
    }
    /** The caller's subtree's lists, newest first, each with its progress. */
    async list(principal, query) {
        const em = this.dataSource.manager;
        const scope = subtreeFilter(principal, 'l.scope_path');
        const rows = await em.query(`SELECT ${HEADER_COLUMNS} FROM leaver_lists l WHERE l.scope_path LIKE $1 AND ($2::varchar IS NULL OR l.state = $2)
        ORDER BY l.proposed_at DESC, l.id LIMIT $3`, [scope.params.scopePrefix, query.state ?? null, query.limit]);
        return { items: await this.summaries(em, rows) };
    }
    async summaries(em, headers) {
        if (headers.length === 0)
            return [];
        const counts = await em.query(`SELECT list_id, state, count(*) AS n FROM leaver_list_items WHERE list_id = ANY($1::uuid[]) AND state <> 'pending' GROUP BY list_id, state`, [headers.map((h) => h.id)]);
        return headers.map((h) => {
            const mine = Object.fromEntries(counts.filter((c) => c.list_id === h.id).map((c) => [c.state, Number(c.n)]));
            return {
                id: h.id,
                schoolCode: pathCodes(h.scopePath).at(-1),
                state: h.state,
                ...progressOf(h.total, mine),
                proposedAt: new Date(h.proposedAt).toISOString(),
                reviewedAt: h.reviewedAt ? new Date(h.reviewedAt).toISOString() : null,
                refusalReason: h.refusalReason,
                finishedAt: h.finishedAt ? new Date(h.finishedAt).toISOString() : null,
            };
        });
    }
};
LeaverListReads = __decorate([
    Injectable(),
    __metadata("design:paramtypes", [DataSource])
], LeaverListReads);
export { LeaverListReads };
function itemView(r) {
    return {
        position: r.position,
        studentId: r.student_id,
        leavingKind: r.leaving_kind,
        leavingDate: r.leaving_date,
        state: r.state,
        certificateId: r.certificate_id,
        certificateNumber: r.certificate_number,
        error: r.error_code ? { code: r.error_code, detail: r.error_detail ?? '' } : null,
    };
}
function dateOrNull(value) {
    return value === null || value === undefined ? null : new Date(value);
}
//# sourceMappingURL=leaver-list.reads.js.map