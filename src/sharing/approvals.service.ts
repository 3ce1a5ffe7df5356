import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { z } from 'zod';
import { DataSource, type EntityManager } from 'typeorm';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../common/errors/domain-error.js';
import { todayInChina } from '../common/time/china-date.js';
import { rowsOf } from '../database/rows.js';
import { AuditService } from '../platform/audit/audit.service.js';
import type { Principal } from '../platform/auth/principal.js';
import { pathCodes } from '../platform/organisations/domain/org-level.js';
import { OrganisationsService } from '../platform/organisations/organisations.service.js';
import { RequestsService, type RequestView } from '../workflow/requests.service.js';
import { mayApprove, type ApprovalStatus } from './domain/approval.js';
import type { RequestApprovalRequest } from './dto/sharing.dto.js';
import { RelyingSystemsService } from './relying-systems.service.js';

export const APPROVAL_KIND = 'sharing_approval';
/** Working days the approving authority has to decide. */
const DECISION_WORKING_DAYS = 10;

export interface ApprovalRow {
  id: string;
  relying_system_id: string;
  claims: string[];
  purpose: string;
  legal_basis: string;
  region_path: string;
  valid_until: string;
  volume_limit: number;
  used: number;
  status: ApprovalStatus;
  request_id: string | null;
  requested_by: string;
  requested_path: string;
  approved_by: string | null;
  approver_path: string | null;
  approved_at: Date | string | null;
}

const COLUMNS = `id, relying_system_id, claims, purpose, legal_basis, region_path, valid_until::text AS valid_until, volume_limit, used, status,
  request_id, requested_by, requested_path, approved_by, approver_path, approved_at`;

const TRANSITIONS = {
  suspend: { from: ['active'], to: 'suspended', action: 'sharing_approval.suspended' },
  revoke: { from: ['active', 'suspended'], to: 'revoked', action: 'sharing_approval.revoked' },
  reinstate: { from: ['suspended'], to: 'active', action: 'sharing_approval.reinstated' },
} as const;

/**
 * Approvals (第二十四条): asked for a relying system by an authority, decided on the step engine
 * by the authority of the region (county level or above) — never by the account that asked —
 * and from then on suspended, revoked or reinstated by that authority or one above it. The
 * approving account and organisation are kept: 谁批准、谁负责.
 */
@Injectable()
export class ApprovalsService implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly organisations: OrganisationsService,
    private readonly requests: RequestsService,
    private readonly systems: RelyingSystemsService,
  ) {}

  onModuleInit(): void {
    this.requests.registerKind({ name: APPROVAL_KIND, onClosed: (em, request, status) => this.decided(em, request, status) });
  }

  async request(principal: Principal, relyingSystemId: string, input: z.output<typeof RequestApprovalRequest>, today = todayInChina()) {
    const system = await this.systems.visible(principal, relyingSystemId);
    if (input.validUntil < today) throw ValidationError.field('validUntil', 'must not be in the past');
    const region = await this.organisations.findVisible(null, input.regionCode);
    if (!region) throw ValidationError.field('regionCode', 'no such region');
    if (!mayApprove(region.level)) throw ValidationError.field('regionCode', 'must be a county, city, province or the nation: approvals are granted at county level or above');
    return this.dataSource.transaction(async (em) => {
      const [row] = rowsOf<ApprovalRow>(
        await em.query(
          `INSERT INTO sharing_approvals (relying_system_id, claims, purpose, legal_basis, region_path, valid_until, volume_limit, status, requested_by, requested_path)
           VALUES ($1, $2, $3, $4, $5, $6, $7, 'requested', $8, $9) RETURNING ${COLUMNS}`,
          [system.id, input.claims, input.purpose, input.legalBasis, region.path, input.validUntil, input.volumeLimit, principal.accountId, principal.organisationPath],
        ),
      );
      const request = await this.requests.open(
        em,
        principal,
        {
          kind: APPROVAL_KIND,
          subjectType: 'sharing_approval',
          subjectId: row.id,
          visiblePaths: [region.path],
          steps: [{ name: 'approving_authority', actorPath: region.path, workingDays: DECISION_WORKING_DAYS }],
          details: { relyingSystem: system.client_id, claims: input.claims, regionCode: region.code, validUntil: input.validUntil, volumeLimit: input.volumeLimit },
        },
        today,
      );
      await em.query(`UPDATE sharing_approvals SET request_id = $2 WHERE id = $1`, [row.id, request.id]);
      return view({ ...row, request_id: request.id });
    });
  }

  async list(principal: Principal, relyingSystemId?: string) {
    const params: unknown[] = [`${principal.organisationPath}%`];
    const system = relyingSystemId ? ` AND relying_system_id = $${params.push(relyingSystemId)}` : '';
    const rows = rowsOf<ApprovalRow>(
      await this.dataSource.query(
        `SELECT ${COLUMNS} FROM sharing_approvals WHERE (region_path LIKE $1 OR requested_path LIKE $1 OR approver_path LIKE $1)${system} ORDER BY seq`,
        params,
      ),
    );
    return rows.map(view);
  }

  async get(principal: Principal, id: string) {
    return view(await this.visible(this.dataSource.manager, principal, id, false));
  }

  /**
   * The access log of an approval — every use and every refusal, newest first — for the
   * authorities that see the approval (the approver answers for it: 谁批准、谁负责).
   */
  async accessLog(principal: Principal, id: string, query: { after?: string; limit: number }) {
    await this.visible(this.dataSource.manager, principal, id, false);
    const params: unknown[] = [id, query.limit + 1];
    const after = query.after ? ` AND id < $${params.push(query.after)}` : '';
    const rows = rowsOf<{ id: string; at: Date | string; event: string; outcome: string; code: string | null; claims: string[]; subject: string | null }>(
      await this.dataSource.query(
        `SELECT id::text AS id, at, event, outcome, code, claims, subject FROM sharing_access_log WHERE approval_id = $1${after} ORDER BY id DESC LIMIT $2`,
        params,
      ),
    );
    const page = rows.slice(0, query.limit);
    return {
      items: page.map((r) => ({ id: r.id, at: new Date(r.at).toISOString(), event: r.event, outcome: r.outcome, code: r.code, claims: r.claims, subject: r.subject })),
      next: rows.length > query.limit ? page[page.length - 1].id : null,
    };
  }

  /** The approvals of a relying system, for itself. */
  async ofSystem(relyingSystemId: string) {
    const rows = rowsOf<ApprovalRow>(await this.dataSource.query(`SELECT ${COLUMNS} FROM sharing_approvals WHERE relying_system_id = $1 ORDER BY seq`, [relyingSystemId]));
    return rows.map(view);
  }

  /** Suspends, revokes or reinstates, with a reason; only the approving authority or one above it. */
  async change(principal: Principal, id: string, change: keyof typeof TRANSITIONS, reason: string) {
    const transition = TRANSITIONS[change];
    return this.dataSource.transaction(async (em) => {
      const row = await this.visible(em, principal, id, true);
      if (!row.approver_path || !row.approver_path.startsWith(principal.organisationPath)) {
        throw new ForbiddenError('only the approving authority, or one above it, changes an approval', 'NOT_THE_APPROVER');
      }
      if (!(transition.from as readonly string[]).includes(row.status)) throw new ConflictError('APPROVAL_STATE', `an approval that is ${row.status} cannot be ${transition.to}`);
      const [updated] = rowsOf<ApprovalRow>(await em.query(`UPDATE sharing_approvals SET status = $2 WHERE id = $1 RETURNING ${COLUMNS}`, [id, transition.to]));
      await this.audit.append(em, principal, { action: transition.action, recordType: 'sharing_approval', recordId: id, scopePath: principal.organisationPath, details: { reason } });
      return view(updated);
    });
  }

  private async decided(em: EntityManager, request: RequestView, status: 'approved' | 'refused'): Promise<void> {
    const decider = request.steps.find((s) => s.status === status)!;
    const [org] = rowsOf<{ path: string }>(await em.query(`SELECT o.path FROM accounts a JOIN organisations o ON o.id = a.organisation_id WHERE a.id = $1`, [decider.decidedBy]));
    await em.query(
      `UPDATE sharing_approvals SET status = $2, approved_by = $3, approver_path = $4, approved_at = CASE WHEN $5 THEN now() ELSE NULL END
        WHERE id = $1 AND status = 'requested'`,
      [request.subjectId, status === 'approved' ? 'active' : 'refused', decider.decidedBy, org.path, status === 'approved'],
    );
  }

  private async visible(em: EntityManager, principal: Principal, id: string, lock: boolean): Promise<ApprovalRow> {
    const [row] = rowsOf<ApprovalRow>(
      await em.query(
        `SELECT ${COLUMNS} FROM sharing_approvals WHERE id = $1 AND (region_path LIKE $2 OR requested_path LIKE $2 OR approver_path LIKE $2) ${lock ? 'FOR UPDATE' : ''}`,
        [id, `${principal.organisationPath}%`],
      ),
    );
    if (!row) throw new NotFoundError('Approval');
    return row;
  }
}

function codeOf(path: string | null): string | null {
  return path ? pathCodes(path).at(-1)! : null;
}

export function view(row: ApprovalRow) {
  return {
    id: row.id,
    relyingSystemId: row.relying_system_id,
    claims: row.claims,
    purpose: row.purpose,
    legalBasis: row.legal_basis,
    regionCode: codeOf(row.region_path)!,
    validUntil: row.valid_until,
    volumeLimit: row.volume_limit,
    used: row.used,
    status: row.status,
    requestId: row.request_id,
    requestedBy: { accountId: row.requested_by, organisationCode: codeOf(row.requested_path)! },
    approvedBy: row.approved_by && row.approver_path ? { accountId: row.approved_by, organisationCode: codeOf(row.approver_path)! } : null,
    approvedAt: row.approved_at ? new Date(row.approved_at).toISOString() : null,
  };
}
