import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { currentRequestContext } from '../../common/http/request-context.js';
import type { Principal } from '../auth/principal.js';
import { subtreeFilter } from '../auth/principal.js';
import { AuditEntryEntity } from './audit-entry.entity.js';
import { entryHash, GENESIS_HASH, verifyChain, type AuditFields, type ChainReport } from './domain/audit-chain.js';

export interface AuditEvent {
  action: string;
  recordType: string;
  recordId: string;
  /** Organisation path the record belongs to; authorities read the trail of their subtree. */
  scopePath: string;
  /** Codes and opaque ids only — never names or ID numbers. */
  details?: Record<string, unknown>;
}

/**
 * The append-only, hash-chained audit trail. `append` must be called with the transaction's
 * EntityManager so that the entry commits (or rolls back) with the change it records.
 */
@Injectable()
export class AuditService {
  constructor(private readonly dataSource: DataSource) {}

  async append(em: EntityManager, actor: Principal | null, event: AuditEvent): Promise<void> {
    // Locking the head row orders concurrent appenders; each links to the one before it.
    const [head] = await em.query(`SELECT seq, hash FROM audit_head WHERE id = 1 FOR UPDATE`);
    const fields: AuditFields = {
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
    const row: AuditEntryEntity = { ...fields, occurredAt: new Date(fields.occurredAt), prevHash: head.hash, hash };
    // TypeORM's deep-partial type cannot express `unknown` JSON; the row is complete, so cast.
    await em.insert(AuditEntryEntity, row as never);
    await em.query(`UPDATE audit_head SET seq = $1, hash = $2 WHERE id = 1`, [fields.seq, hash]);
  }

  /** Entries about one record, limited to the caller's subtree. */
  async entriesFor(principal: Principal, recordType: string, recordId: string) {
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
  async verify(pageSize = 1000): Promise<ChainReport> {
    const repo = this.dataSource.getRepository(AuditEntryEntity);
    let report: ChainReport = { valid: true, checked: 0, firstBrokenSeq: null };
    let lastSeq = '0';
    let lastHash: string | undefined;
    for (;;) {
      const page = await repo
        .createQueryBuilder('e')
        .where('e.seq > :lastSeq', { lastSeq })
        .orderBy('e.seq', 'ASC')
        .limit(pageSize)
        .getMany();
      if (page.length === 0) return this.checkHead(report, lastSeq, lastHash);
      const pageReport = verifyChain(
        page.map((e) => ({ ...toFields(e), prevHash: e.prevHash, hash: e.hash })),
        lastHash,
      );
      report = { ...pageReport, checked: report.checked + pageReport.checked };
      if (!pageReport.valid) return report;
      lastSeq = page[page.length - 1].seq;
      lastHash = page[page.length - 1].hash;
    }
  }

  /** The head row must point at the last entry, or entries were cut off the end. */
  private async checkHead(report: ChainReport, lastSeq: string, lastHash: string | undefined): Promise<ChainReport> {
    const [head] = await this.dataSource.query(`SELECT seq, hash FROM audit_head WHERE id = 1`);
    const headMatches = String(head.seq) === lastSeq && head.hash === (lastHash ?? GENESIS_HASH);
    return headMatches ? report : { valid: false, checked: report.checked, firstBrokenSeq: String(head.seq) };
  }
}

function toFields(e: AuditEntryEntity): AuditFields {
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
