import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { IssuerSignerService } from '../../identity/issuer-signer.service.js';
import type { Principal } from '../../platform/auth/principal.js';
import { roleForLevel } from '../../platform/organisations/domain/org-level.js';
import { OrganisationsService } from '../../platform/organisations/organisations.service.js';
import type { Issuing } from '../certificates.service.js';

/** What every chunk of one list needs, read once before the chunks' transactions. */
export interface BatchContext {
  listId: string;
  school: { id: string; code: string; name: string; path: string };
  /** The approving account acting for its authority: issuer of record and audit actor. */
  issuing: Issuing;
  /**
   * When the class's certificates are issued: the approval, for every chunk and every re-run.
   * The authority's decision dates them (and picks the numbering year), not the moment a worker
   * got to a row; one instant also lets the signer reuse its proof configuration.
   */
  issuedAt: Date;
}

@Injectable()
export class BatchContexts {
  constructor(
    private readonly dataSource: DataSource,
    private readonly organisations: OrganisationsService,
    private readonly issuers: IssuerSignerService,
  ) {}

  /** The context of an approved list still issuing; null for any other list (nothing to do). */
  async of(listId: string): Promise<BatchContext | null> {
    const [list] = await this.dataSource.query(
      `SELECT school_id, reviewed_by, reviewed_at, issuer_organisation_id FROM leaver_lists WHERE id = $1 AND state = 'issuing'`,
      [listId],
    );
    if (!list) return null;
    const school = await this.organisations.byId(list.school_id);
    const authority = await this.organisations.byId(list.issuer_organisation_id);
    const principal: Principal = {
      accountId: list.reviewed_by,
      role: roleForLevel(authority.level),
      organisationId: authority.id,
      organisationCode: authority.code,
      organisationLevel: authority.level,
      organisationPath: authority.path,
      registrarFiled: true,
      passwordChangeOnly: false,
    };
    const issuer = await this.issuers.forOrganisation(authority.id, authority.code, authority.name);
    return {
      listId,
      school: { id: school.id, code: school.code, name: school.name, path: school.path },
      issuing: { principal, authority: { id: authority.id, code: authority.code, name: authority.name }, issuer },
      issuedAt: new Date(list.reviewed_at),
    };
  }
}
