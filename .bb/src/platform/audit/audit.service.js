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
import { currentRequestContext } from '../../common/http/request-context.js';
import { subtreeFilter } from '../auth/principal.js';
import { AuditEntryEntity } from './audit-entry.entity.js';
import { entryHash, GENESIS_HASH, verifyChain } from './domain/audit-chain.js';
/**
 * The append-only, hash-chained audit trail. `append` must be called with the transaction's
 * EntityManager so that the entry commits (or rolls back) with the change it records.
 */
let AuditService = class AuditService {
    constructor(dataSource) {
        this.dataSource = dataSource;
    }
    async append(em, actor, event) {
        // Locking the head row orders concurrent appenders; each links to the one before it.
        const [head] = await em.query(`SELECT seq, hash FROM audit_head WHERE id = 1 FOR UPDATE`);
        const fields = {
            seq: String(BigInt(head.seq) + 1n),
            occurredAt: new Date().toISOString(),
            actorAccountId: actor?.accountId ?? null,
            actorOrganisationId: actor?.organisationId ?? null,
            scopePath: event.scopePath,
            action: event.action,
            recordType: event.recordType,
            recordId: event.recordId,
            correlationId: currentRequestContext()?.correlationId ?? null,
            details: event.details ?? {},
        };
        const hash = entryHash(head.hash, fields);
        const row = { ...fields, occurredAt: new Date(fields.occurredAt), prevHash: head.hash, hash };
        // TypeORM's deep-partial type cannot express `unknown` JSON; the row is complete, so cast.
        await em.insert(AuditEntryEntity, row);
        await em.query(`UPDATE audit_head SET seq = $1, hash = $2 WHERE id = 1`, [fields.seq, hash]);
    }
    /** Entries about one record, limited to the caller's subtree. */
    async entriesFor(principal, recordType, recordId) {
        const scope = subtreeFilter(principal, 'e.scope_path');
        const rows = await this.dataSource
            .getRepository(AuditEntryEntity)
            .createQueryBuilder('e')
            .where('e.record_type = :recordType AND e.record_id = :recordId', { recordType, recordId })
            .andWhere(scope.where, scope.params)
            .orderBy('e.seq', 'ASC')
            .getMany();
        return rows.map(toFields);
    }
    /** Recomputes the whole chain in pages; reports the first entry that does not match. */
    async verify(pageSize = 1000) {
        const repo = this.dataSource.getRepository(AuditEntryEntity);
        let report = { valid: true, checked: 0, firstBrokenSeq: null };
        let lastSeq = '0';
        let lastHash;
        for (;;) {
            const page = await repo
                .createQueryBuilder('e')
                .where('e.seq > :lastSeq', { lastSeq })
                .orderBy('e.seq', 'ASC')
                .limit(pageSize)
                .getMany();
            if (page.length === 0)
                return this.checkHead(report, lastSeq, lastHash);
            const pageReport = verifyChain(page.map((e) => ({ ...toFields(e), prevHash: e.prevHash, hash: e.hash })), lastHash);
            report = { ...pageReport, checked: report.checked + pageReport.checked };
            if (!pageReport.valid)
                return report;
            lastSeq = page[page.length - 1].seq;
            lastHash = page[page.length - 1].hash;
        }
    }
    /** The head row must point at the last entry, or entries were cut off the end. */
    async checkHead(report, lastSeq, lastHash) {
        const [head] = await this.dataSource.query(`SELECT seq, hash FROM audit_head WHERE id = 1`);
        const headMatches = String(head.seq) === lastSeq && head.hash === (lastHash ?? GENESIS_HASH);
        return headMatches ? report : { valid: false, checked: report.checked, firstBrokenSeq: String(head.seq) };
    }
};
AuditService = __decorate([
    Injectable(),
    __metadata("design:paramtypes", [DataSource])
], AuditService);
export { AuditService };
function toFields(e) {
    return {
        seq: String(e.seq),
        occurredAt: e.occurredAt.toISOString(),
        actorAccountId: e.actorAccountId,
        actorOrganisationId: e.actorOrganisationId,
        scopePath: e.scopePath,
        action: e.action,
        recordType: e.recordType,
        recordId: e.recordId,
        correlationId: e.correlationId,
        details: e.details,
    };
}
//# sourceMappingURL=audit.service.js.map