import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { todayInChina } from '../common/time/china-date.js';
import { WarningsService } from '../platform/warnings/warnings.service.js';
import { repeatedFailures, VERIFICATION_FAILURE_CODES, VERIFICATION_FAILURE_WINDOW_MINUTES, warningFor, type SharingWarningKind } from './domain/misuse.js';

export interface AccessLogEntry {
  relyingSystemId: string;
  approvalId: string | null;
  event: 'request.create' | 'request.fetch' | 'presentation.answer' | 'result.collect' | 'export';
  outcome: 'allowed' | 'refused';
  code?: string | null;
  claims?: readonly string[];
  /** The pairwise subject, never a name or ID number. */
  subject?: string | null;
  /** The student it concerns, once known (for the holder's own view, GET /holder/disclosures). */
  studentId?: string | null;
}

/**
 * The append-only access log of sharing (第二十四条): every use and every refusal, with the
 * relying system, approval, claims and pairwise subject (and the student, for the holder's view). A refusal that points at misuse —
 * over volume, outside the approved claims or region, or repeated failed verifications — raises
 * a warning to the approving authority in the same transaction.
 */
@Injectable()
export class AccessLogService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly warnings: WarningsService,
  ) {}

  async append(entry: AccessLogEntry, em: EntityManager = this.dataSource.manager): Promise<void> {
    await em.query(
      `INSERT INTO sharing_access_log (relying_system_id, approval_id, event, outcome, code, claims, subject, student_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [entry.relyingSystemId, entry.approvalId, entry.event, entry.outcome, entry.code ?? null, [...(entry.claims ?? [])], entry.subject ?? null, entry.studentId ?? null],
    );
  }

  /** Logs a refusal and, when it calls for one, warns the approving authority; in one transaction. */
  async refused(entry: Omit<AccessLogEntry, 'outcome'> & { code: string }): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      await this.append({ ...entry, outcome: 'refused' }, em);
      if (!entry.approvalId) return;
      let kind: SharingWarningKind | null = warningFor(entry.code);
      if (!kind && VERIFICATION_FAILURE_CODES.has(entry.code)) {
        const [{ n }] = await em.query(
          `SELECT count(*)::int AS n FROM sharing_access_log
            WHERE relying_system_id = $1 AND outcome = 'refused' AND code = ANY($2::varchar[]) AND at > now() - make_interval(mins => $3)`,
          [entry.relyingSystemId, [...VERIFICATION_FAILURE_CODES], VERIFICATION_FAILURE_WINDOW_MINUTES],
        );
        if (repeatedFailures(n)) kind = 'sharing.verification_failures';
      }
      if (!kind) return;
      const [approval] = await em.query(`SELECT approver_path, region_path FROM sharing_approvals WHERE id = $1`, [entry.approvalId]);
      if (!approval?.approver_path) return;
      await this.warnings.raise(em, {
        kind,
        subjectPath: approval.region_path,
        subjectType: 'relying_system',
        subjectId: entry.relyingSystemId,
        evidence: { approvalId: entry.approvalId, code: entry.code, event: entry.event, claims: entry.claims ?? [] },
        addressedTo: approval.approver_path,
        dedupeKey: `${kind}:${entry.approvalId}:${todayInChina()}`,
      });
    });
  }
}
