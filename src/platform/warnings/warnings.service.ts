import { Injectable } from '@nestjs/common';
import type { z } from 'zod';
import { DataSource, type EntityManager } from 'typeorm';
import { ConflictError, NotFoundError } from '../../common/errors/domain-error.js';
import { rowsOf } from '../../database/rows.js';
import { AuditService } from '../audit/audit.service.js';
import { subtreeFilter, type Principal } from '../auth/principal.js';
import { pathCodes } from '../organisations/domain/org-level.js';
import { addressedPath, type WarningKind } from './domain/warning-kinds.js';
import type { ListWarningsQuery } from './dto/warning.dto.js';

export interface RaisedWarning {
  kind: WarningKind;
  /** Path of the organisation the warning concerns; it goes to the authority above. */
  subjectPath: string;
  subjectType: string;
  subjectId: string;
  /** Codes, counts and opaque ids only — never names or ID numbers. */
  evidence: Record<string, unknown>;
  /** The same observation raised twice (a burst seen by parallel requests) is one warning. */
  dedupeKey?: string;
  /**
   * Where it goes when that is not the authority above the subject: a relying system is no
   * organisation of the tree, and its misuse goes to the authority that approved it.
   */
  addressedTo?: string;
}

export interface WarningView {
  id: string;
  kind: WarningKind;
  organisationCode: string;
  subjectType: string;
  subjectId: string;
  evidence: Record<string, unknown>;
  raisedAt: string;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  note: string | null;
}

interface WarningRow {
  id: string;
  seq: string;
  kind: WarningKind;
  subject_path: string;
  addressed_path: string;
  subject_type: string;
  subject_id: string;
  evidence: Record<string, unknown>;
  raised_at: Date | string;
  acknowledged_at: Date | string | null;
  acknowledged_by: string | null;
  note: string | null;
}

/**
 * Warnings to the authority above (第二十三、二十六条): raised inside the transaction of what
 * caused them, listed by the authorities whose subtree they are addressed into, acknowledged
 * with a note. Raising and acknowledging are audited.
 */
@Injectable()
export class WarningsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** Raises a warning in the caller's transaction; answers false when its dedupe key was taken. */
  async raise(em: EntityManager, warning: RaisedWarning): Promise<boolean> {
    const to = warning.addressedTo ?? addressedPath(warning.subjectPath);
    const [row] = rowsOf<{ id: string }>(
      await em.query(
        `INSERT INTO warnings (kind, subject_path, addressed_path, subject_type, subject_id, evidence, dedupe_key)
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`,
        [warning.kind, warning.subjectPath, to, warning.subjectType, warning.subjectId, JSON.stringify(warning.evidence), warning.dedupeKey ?? null],
      ),
    );
    if (!row) return false;
    await this.audit.append(em, null, {
      action: 'warning.raised',
      recordType: 'warning',
      recordId: row.id,
      scopePath: to,
      details: { kind: warning.kind, subjectType: warning.subjectType, subjectId: warning.subjectId },
    });
    return true;
  }

  /** Raises a warning in a transaction of its own (for observations that change nothing else). */
  raiseNow(warning: RaisedWarning): Promise<boolean> {
    return this.dataSource.transaction((em) => this.raise(em, warning));
  }

  /** Warnings addressed into the caller's subtree, newest first. */
  async list(principal: Principal, query: z.output<typeof ListWarningsQuery>) {
    const scope = subtreeFilter(principal, 'w.addressed_path');
    const qb = this.dataSource
      .createQueryBuilder()
      .select('w.*')
      .from('warnings', 'w')
      .where(scope.where, scope.params)
      .orderBy('w.seq', 'DESC')
      .limit(query.limit + 1);
    if (query.kind) qb.andWhere('w.kind = :kind', { kind: query.kind });
    if (query.state === 'open') qb.andWhere('w.acknowledged_at IS NULL');
    if (query.state === 'acknowledged') qb.andWhere('w.acknowledged_at IS NOT NULL');
    if (query.after) qb.andWhere('w.seq < (SELECT seq FROM warnings WHERE id = :after)', { after: query.after });
    const rows = await qb.getRawMany<WarningRow>();
    const page = rows.slice(0, query.limit);
    return { items: page.map(toView), next: rows.length > query.limit ? page[page.length - 1].id : null };
  }

  /** Marks a warning as dealt with, once; the note says what was found and done. */
  async acknowledge(principal: Principal, id: string, note: string): Promise<WarningView> {
    return this.dataSource.transaction(async (em) => {
      const scope = subtreeFilter(principal, 'addressed_path', 'scope');
      const [row] = rowsOf<WarningRow>(
        await em
          .createQueryBuilder()
          .select('*')
          .from('warnings', 'w')
          .where('id = :id', { id })
          .andWhere(scope.where, scope.params)
          .setLock('pessimistic_write')
          .getRawMany(),
      );
      if (!row) throw new NotFoundError('Warning');
      if (row.acknowledged_at) throw new ConflictError('WARNING_ACKNOWLEDGED', 'this warning was already acknowledged');
      const [updated] = rowsOf<WarningRow>(
        await em.query(`UPDATE warnings SET acknowledged_at = now(), acknowledged_by = $2, note = $3 WHERE id = $1 RETURNING *`, [
          id,
          principal.accountId,
          note,
        ]),
      );
      await this.audit.append(em, principal, {
        action: 'warning.acknowledged',
        recordType: 'warning',
        recordId: id,
        scopePath: row.addressed_path,
        details: { kind: row.kind },
      });
      return toView(updated);
    });
  }
}

function iso(value: Date | string | null): string | null {
  return value === null ? null : new Date(value).toISOString();
}

function toView(row: WarningRow): WarningView {
  const codes = pathCodes(row.subject_path);
  return {
    id: row.id,
    kind: row.kind,
    organisationCode: codes[codes.length - 1],
    subjectType: row.subject_type,
    subjectId: row.subject_id,
    evidence: typeof row.evidence === 'string' ? JSON.parse(row.evidence) : row.evidence,
    raisedAt: iso(row.raised_at)!,
    acknowledgedAt: iso(row.acknowledged_at),
    acknowledgedBy: row.acknowledged_by,
    note: row.note,
  };
}
