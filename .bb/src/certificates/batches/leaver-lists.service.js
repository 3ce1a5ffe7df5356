var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ConflictError, NotFoundError, ValidationError } from '../../common/errors/domain-error.js';
import { todayInChina } from '../../common/time/china-date.js';
import { JobQueueService } from '../../jobs/job-queue.service.js';
import { AuditService } from '../../platform/audit/audit.service.js';
import { StudentsService } from '../../registry/students.service.js';
import { BATCH_QUEUE } from './batch-issuance.service.js';
import { jobsFor, resolveRows, reviewProblem } from './domain/leaver-list.js';
import { LeaverRowsRejected } from './leaver-list.errors.js';
import { LeaverListReads } from './leaver-list.reads.js';
/**
 * Leaver lists (第十九条): the school proposes its leavers in one list, its supervising
 * authority approves it (the students are confirmed and a signing job is queued) or refuses it
 * with a reason (the students are enrolled again). Each step is one transaction with one audit
 * entry for the whole list: the audit head is a single locked row, so a class is one entry.
 */
let LeaverListsService = class LeaverListsService {
    constructor(dataSource, students, audit, queue, reads) {
        this.dataSource = dataSource;
        this.students = students;
        this.audit = audit;
        this.queue = queue;
        this.reads = reads;
    }
    async propose(principal, input, now = new Date()) {
        const { rows, problems } = resolveRows(input, input.items);
        if (problems.length > 0)
            throw new ValidationError(problems);
        const id = randomUUID();
        await this.dataSource.transaction(async (em) => {
            const rejected = await this.students.proposeLeaversIn(em, principal, rows, todayInChina(now));
            if (rejected.length > 0) {
                throw new LeaverRowsRejected(rejected.map((p) => ({ field: `items.${p.index}.${p.field}`, message: `${p.code}: ${p.message}` })));
            }
            await em.query(`INSERT INTO leaver_lists (id, school_id, scope_path, state, total, proposed_by, proposed_at)
         VALUES ($1, $2, $3, 'proposed', $4, $5, $6)`, [id, principal.organisationId, principal.organisationPath, rows.length, principal.accountId, now]);
            await em.query(`INSERT INTO leaver_list_items (list_id, position, student_id, leaving_kind, leaving_date)
         SELECT $1, t.position - 1, t.student_id, t.leaving_kind, t.leaving_date
           FROM unnest($2::uuid[], $3::varchar[], $4::date[]) WITH ORDINALITY AS t(student_id, leaving_kind, leaving_date, position)`, [id, rows.map((r) => r.studentId), rows.map((r) => r.leavingKind), rows.map((r) => r.leavingDate)]);
            await this.audit.append(em, principal, {
                action: 'leaver_list.proposed',
                recordType: 'leaver_list',
                recordId: id,
                scopePath: principal.organisationPath,
                details: { count: rows.length, schoolCode: principal.organisationCode, firstStudentId: rows[0].studentId, lastStudentId: rows.at(-1).studentId },
            });
        });
        return this.reads.get(principal, id, { after: -1, limit: 100 });
    }
    /** The supervising authority approves: students confirmed, signing job queued, all in one commit. */
    async approve(principal, id, now = new Date()) {
        await this.review(principal, id, now, async (em, list, studentIds) => {
            await this.students.confirmLeaversIn(em, principal, list.scopePath, studentIds);
            await em.query(`UPDATE leaver_lists SET state = 'issuing', reviewed_by = $2, reviewed_at = $3, issuer_organisation_id = $4 WHERE id = $1`, [id, principal.accountId, now, principal.organisationId]);
            const jobs = Array.from({ length: jobsFor(list.total) }, () => ({ listId: id }));
            await this.queue.sendIn(em, BATCH_QUEUE, jobs);
            return { action: 'leaver_list.approved', details: { count: list.total, jobs: jobs.length } };
        });
        return this.reads.get(principal, id, { after: -1, limit: 100 });
    }
    async refuse(principal, id, reason, now = new Date()) {
        await this.review(principal, id, now, async (em, list, studentIds) => {
            await this.students.withdrawLeaversIn(em, principal, list.scopePath, studentIds);
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
    get(principal, id, query) {
        return this.reads.get(principal, id, query);
    }
    list(principal, query) {
        return this.reads.list(principal, query);
    }
    /** Locks a visible proposed list, applies the decision and audits it, in one transaction. */
    async review(principal, id, now, decide) {
        await this.dataSource.transaction(async (em) => {
            const list = await this.reads.header(em, principal, id, true);
            if (!list)
                throw new NotFoundError('Leaver list');
            const problem = reviewProblem(list.state);
            if (problem)
                throw new ConflictError(problem.code, problem.message);
            const items = await em.query(`SELECT student_id FROM leaver_list_items WHERE list_id = $1`, [id]);
            const { action, details } = await decide(em, list, items.map((i) => i.student_id));
            await this.audit.append(em, principal, { action, recordType: 'leaver_list', recordId: id, scopePath: list.scopePath, details });
        });
    }
};
LeaverListsService = __decorate([
    Injectable(),
    __metadata("design:paramtypes", [DataSource,
        StudentsService,
        AuditService,
        JobQueueService,
        LeaverListReads])
], LeaverListsService);
export { LeaverListsService };
//# sourceMappingURL=leaver-lists.service.js.map