import { createSecretKey, type KeyObject } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { currentRequestContext } from '../../common/http/request-context.js';
import type { Principal } from '../auth/principal.js';
import { subtreeFilter } from '../auth/principal.js';
import { AuditEntryEntity } from './audit-entry.entity.js';
import { entryHash, entryMac, GENESIS_HASH, verifyChain, type AuditFields, type ChainPosition, type ChainReport } from './domain/audit-chain.js';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { deriveSubkey } from '../../identity/domain/secret-box.js';

export interface AuditEvent {
  action: string;
  recordType: string;
  recordId: string;
  /** Organisation path the record belongs to; authorities read the trail of their subtree. */
  scopePath: string;
  /** Codes and opaque ids only — never names or ID numbers. */
  details?: Record<string, unknown>;
}

/** The organisation path a record belongs to now, or null when there is no such record. */
export type RecordScope = (recordId: string) => Promise<string | null>;

/**
 * The append-only, hash-chained audit trail. `append` must be called with the transaction's
 * EntityManager so that the entry commits (or rolls back) with the change it records.
 */
@Injectable()
export class AuditService {
  /** The MAC key: derived from the master key, never stored, so the database alone cannot forge a MAC. */
  private readonly macKey: KeyObject;
  /** Where a kind of record lives now, for records that move (a student transferred): its module tells. */
  private readonly recordScopes = new Map<string, RecordScope>();

  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.macKey = createSecretKey(deriveSubkey(config.masterKey, 'xueji/audit-chain/v1'));
  }

  /** `actor`: an organisation account (a Principal), a guardian (organisation null), or null for the system. */
  async append(em: EntityManager, actor: Pick<Principal, 'accountId'> & { organisationId: string | null } | null, event: AuditEvent): Promise<void> {
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
    const mac = entryMac(this.macKey, fields.seq, hash);
    const row: AuditEntryEntity = { ...fields, occurredAt: new Date(fields.occurredAt), prevHash: head.hash, hash, mac };
    // TypeORM's deep-partial type cannot express `unknown` JSON; the row is complete, so cast.
    await em.insert(AuditEntryEntity, row as never);
    await em.query(`UPDATE audit_head SET seq = $1, hash = $2 WHERE id = 1`, [fields.seq, hash]);
  }

  /** The last entry's number and chain hash (the head row). */
  async head(): Promise<{ seq: string; hash: string }> {
    const [head] = await this.dataSource.query(`SELECT seq::text AS seq, hash FROM audit_head WHERE id = 1`);
    return { seq: String(head.seq), hash: head.hash };
  }

  /** The chain hash of entry `seq`, or null when there is none. */
  async hashAt(seq: string): Promise<string | null> {
    const [row] = await this.dataSource.query(`SELECT hash FROM audit_entries WHERE seq = $1`, [seq]);
    return row?.hash ?? null;
  }

  /**
   * A module whose records move between organisations says where one is now; the trail of such
   * a record then follows it (籍随人走): whoever holds the record sees all of its entries.
   */
  registerRecordScope(recordType: string, scope: RecordScope): void {
    this.recordScopes.set(recordType, scope);
  }

  /**
   * Entries about one record: all of them for whoever holds the record now; otherwise those
   * written within the caller's subtree (what an organisation did while it held the record).
   */
  async entriesFor(principal: Principal, recordType: string, recordId: string) {
    const qb = this.dataSource
      .getRepository(AuditEntryEntity)
      .createQueryBuilder('e')
      .where('e.record_type = :recordType AND e.record_id = :recordId', { recordType, recordId })
      .orderBy('e.seq', 'ASC');
    const holder = await this.recordScopes.get(recordType)?.(recordId);
    if (!holder || !holder.startsWith(principal.organisationPath)) {
      const scope = subtreeFilter(principal, 'e.scope_path');
      qb.andWhere(scope.where, scope.params);
    }
    return (await qb.getMany()).map(toFields);
  }

  /**
   * Recomputes the whole chain in pages: numbers without gaps, links, hashes and MACs; reports
   * the first entry that does not match (or the first missing number) and why.
   */
  async verify(pageSize = 1000): Promise<ChainReport> {
    const repo = this.dataSource.getRepository(AuditEntryEntity);
    let checked = 0;
    let position: ChainPosition = { hash: GENESIS_HASH, seq: '0', keyed: false };
    for (;;) {
      const page = await repo
        .createQueryBuilder('e')
        .where('e.seq > :lastSeq', { lastSeq: position.seq })
        .orderBy('e.seq', 'ASC')
        .limit(pageSize)
        .getMany();
      const report: ChainReport = { valid: true, checked, firstBrokenSeq: null };
      if (page.length === 0) return this.checkHead(report, position.seq, checked > 0 ? position.hash : undefined);
      const { end, ...pageReport } = verifyChain(
        page.map((e) => ({ ...toFields(e), prevHash: e.prevHash, hash: e.hash, mac: e.mac })),
        position,
        this.macKey,
      );
      checked += pageReport.checked;
      if (!pageReport.valid) return { ...pageReport, checked };
      position = end;
    }
  }

  /**
   * The master key changes (`npm run reseal`): every MAC made under the previous key is checked
   * under it and made again under the current one, inside the reseal's transaction (run as the
   * tables' owner, service stopped). A MAC that holds under neither key stops the reseal: a
   * tampered trail is never re-keyed into a valid one. Answers how many entries were re-keyed.
   */
  async rekeyIn(em: EntityManager, previousMasterKey: Buffer, pageSize = 1000): Promise<number> {
    const previousKey = deriveSubkey(previousMasterKey, 'xueji/audit-chain/v1');
    let lastSeq = '0';
    let rekeyed = 0;
    await em.query(`ALTER TABLE audit_entries DISABLE TRIGGER audit_entries_no_change`);
    for (;;) {
      const page: Array<{ seq: string; hash: string; mac: string | null }> = await em.query(
        `SELECT seq::text AS seq, hash, mac FROM audit_entries WHERE seq > $1 AND mac IS NOT NULL ORDER BY seq LIMIT $2`,
        [lastSeq, pageSize],
      );
      if (page.length === 0) break;
      const changes: Array<{ seq: string; mac: string }> = [];
      for (const entry of page) {
        const current = entryMac(this.macKey, entry.seq, entry.hash);
        if (entry.mac === current) continue;
        if (entry.mac !== entryMac(previousKey, entry.seq, entry.hash)) {
          throw new Error(`audit entry ${entry.seq} has a MAC that holds under neither master key: the trail was tampered with; not re-keying it`);
        }
        changes.push({ seq: entry.seq, mac: current });
      }
      if (changes.length > 0) {
        await em.query(`UPDATE audit_entries e SET mac = c.mac FROM unnest($1::bigint[], $2::char(64)[]) AS c(seq, mac) WHERE e.seq = c.seq`, [
          changes.map((c) => c.seq),
          changes.map((c) => c.mac),
        ]);
      }
      rekeyed += changes.length;
      lastSeq = page[page.length - 1].seq;
    }
    await em.query(`ALTER TABLE audit_entries ENABLE TRIGGER audit_entries_no_change`);
    return rekeyed;
  }

  /** The head row must point at the last entry, or entries were cut off the end. */
  private async checkHead(report: ChainReport, lastSeq: string, lastHash: string | undefined): Promise<ChainReport> {
    const [head] = await this.dataSource.query(`SELECT seq, hash FROM audit_head WHERE id = 1`);
    const headMatches = String(head.seq) === lastSeq && head.hash === (lastHash ?? GENESIS_HASH);
    return headMatches ? report : { valid: false, checked: report.checked, firstBrokenSeq: String(head.seq), reason: 'missing' };
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
