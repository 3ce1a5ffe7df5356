import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { rowsOf } from '../../database/rows.js';
import type { GuardianPrincipal } from '../../platform/guardians/guardian-principal.js';
import { pathCodes } from '../../platform/organisations/domain/org-level.js';
import { GuardianChildrenService } from '../../registry/guardians/guardian-children.service.js';
import type { Holder } from './holder-auth.service.js';

/**
 * Every disclosure about the student (第二十四条, holders in control): which system learned what,
 * when, under whose approval — the same entries the approving authority sees for its approvals.
 * The student's wallet reads them, and so does a guardian bound to the child.
 */
@Injectable()
export class HolderDisclosuresService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly children: GuardianChildrenService,
  ) {}

  /** The same entries for a guardian bound to the child; 404 for any other child. */
  async forGuardian(guardian: GuardianPrincipal, studentId: string, query: { after?: string; limit: number }) {
    await this.children.boundRelation(guardian, studentId);
    return this.list({ studentId }, query);
  }

  async list(holder: Holder, query: { after?: string; limit: number }) {
    const params: unknown[] = [holder.studentId, query.limit + 1];
    const after = query.after ? ` AND l.id < $${params.push(query.after)}` : '';
    const rows = rowsOf<{
      id: string;
      at: Date | string;
      event: string;
      outcome: string;
      code: string | null;
      claims: string[];
      system: string | null;
      operator: string | null;
      purpose: string | null;
      legal_basis: string | null;
      approver_path: string | null;
      approver_name: string | null;
    }>(
      await this.dataSource.query(
        `SELECT l.id::text AS id, l.at, l.event, l.outcome, l.code, l.claims, r.name AS system, r.operator, a.purpose, a.legal_basis, a.approver_path, o.name AS approver_name
           FROM sharing_access_log l
           LEFT JOIN relying_systems r ON r.id = l.relying_system_id
           LEFT JOIN sharing_approvals a ON a.id = l.approval_id
           LEFT JOIN accounts acc ON acc.id = a.approved_by
           LEFT JOIN organisations o ON o.id = acc.organisation_id
          WHERE l.student_id = $1${after} ORDER BY l.id DESC LIMIT $2`,
        params,
      ),
    );
    const page = rows.slice(0, query.limit);
    return {
      items: page.map((r) => ({
        id: r.id,
        at: new Date(r.at).toISOString(),
        event: r.event,
        outcome: r.outcome,
        code: r.code,
        claims: r.claims,
        relyingSystem: r.system ? { name: r.system, operator: r.operator } : null,
        approval: r.approver_path ? { purpose: r.purpose, legalBasis: r.legal_basis, approvedBy: { organisationCode: pathCodes(r.approver_path).at(-1)!, name: r.approver_name } } : null,
      })),
      next: rows.length > query.limit ? page[page.length - 1].id : null,
    };
  }
}
