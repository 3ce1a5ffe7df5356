import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { z } from 'zod';
import { DataSource } from 'typeorm';
import { ForbiddenError, NotFoundError } from '../common/errors/domain-error.js';
import { rowsOf } from '../database/rows.js';
import { AuditService } from '../platform/audit/audit.service.js';
import { AUTHORITY_ROLES } from '../platform/auth/access.decorator.js';
import type { Principal } from '../platform/auth/principal.js';
import { pathCodes } from '../platform/organisations/domain/org-level.js';
import type { RegisterRelyingSystemRequest } from './dto/sharing.dto.js';

export interface RelyingSystemRow {
  id: string;
  client_id: string;
  name: string;
  operator: string;
  contact: string;
  purpose: string;
  redirect_uris: string[];
  response_uris: string[];
  jwks: { keys: Array<Record<string, unknown>> };
  status: 'active' | 'suspended';
  registered_by: string;
  scope_path: string;
  created_at: Date | string;
}

/** Relying systems (libraries, transit cards, exam registration …), registered by an authority with their public keys. */
@Injectable()
export class RelyingSystemsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async register(principal: Principal, input: z.output<typeof RegisterRelyingSystemRequest>) {
    if (!AUTHORITY_ROLES.includes(principal.role)) throw new ForbiddenError('relying systems are registered by education authorities', 'ROLE_NOT_ALLOWED');
    const clientId = `rs_${randomBytes(16).toString('base64url')}`;
    return this.dataSource.transaction(async (em) => {
      const [row] = rowsOf<RelyingSystemRow>(
        await em.query(
          `INSERT INTO relying_systems (client_id, name, operator, contact, purpose, redirect_uris, response_uris, jwks, registered_by, scope_path)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING *`,
          [clientId, input.name, input.operator, input.contact, input.purpose, input.redirectUris, input.responseUris, JSON.stringify(input.jwks), principal.accountId, principal.organisationPath],
        ),
      );
      await this.audit.append(em, principal, {
        action: 'relying_system.registered',
        recordType: 'relying_system',
        recordId: row.id,
        scopePath: principal.organisationPath,
        details: { clientId, keys: input.jwks.keys.map((k) => k.kid) },
      });
      return view(row);
    });
  }

  async list(principal: Principal) {
    const rows = rowsOf<RelyingSystemRow>(await this.dataSource.query(`SELECT * FROM relying_systems WHERE scope_path LIKE $1 ORDER BY created_at, id`, [`${principal.organisationPath}%`]));
    return rows.map(view);
  }

  async get(principal: Principal, id: string) {
    return view(await this.visible(principal, id));
  }

  /** A relying system registered in the caller's subtree, or 404 (whether it exists elsewhere is not told). */
  async visible(principal: Principal, id: string): Promise<RelyingSystemRow> {
    const [row] = rowsOf<RelyingSystemRow>(await this.dataSource.query(`SELECT * FROM relying_systems WHERE id = $1 AND scope_path LIKE $2`, [id, `${principal.organisationPath}%`]));
    if (!row) throw new NotFoundError('Relying system');
    return row;
  }

  async byId(id: string): Promise<RelyingSystemRow | null> {
    const [row] = rowsOf<RelyingSystemRow>(await this.dataSource.query(`SELECT * FROM relying_systems WHERE id = $1`, [id]));
    return row ?? null;
  }

  async byClientId(clientId: string): Promise<RelyingSystemRow | null> {
    const [row] = rowsOf<RelyingSystemRow>(await this.dataSource.query(`SELECT * FROM relying_systems WHERE client_id = $1`, [clientId]));
    return row ?? null;
  }
}

export function view(row: RelyingSystemRow) {
  return {
    id: row.id,
    clientId: row.client_id,
    name: row.name,
    operator: row.operator,
    contact: row.contact,
    purpose: row.purpose,
    redirectUris: row.redirect_uris,
    responseUris: row.response_uris,
    status: row.status,
    registeredBy: { accountId: row.registered_by, organisationCode: pathCodes(row.scope_path).at(-1)! },
    createdAt: new Date(row.created_at).toISOString(),
  };
}
