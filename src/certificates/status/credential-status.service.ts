import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { IssuerSignerService, type IssuerIdentity } from '../../identity/issuer-signer.service.js';
import { OrganisationsService } from '../../platform/organisations/organisations.service.js';
import { AuditService } from '../../platform/audit/audit.service.js';
import type { Principal } from '../../platform/auth/principal.js';
import { CertificateEntity, type CertificateStatus } from '../certificate.entity.js';
import type { StatusPurpose } from './domain/status-list.js';
import { StatusListService } from './status-list.service.js';

export interface StatusUpdate {
  /** The credential's `id`, e.g. urn:uuid:…; for certificates the same as their id with the prefix. */
  credentialId: string;
  purpose: StatusPurpose;
  value: boolean;
  reason: string;
}

export interface StatusState {
  credentialId: string;
  revoked: boolean;
  suspended: boolean;
}

/**
 * Revocation, suspension and reinstatement of what an authority issued, through the VC API or
 * the certificate routes: only the issuing authority may change a status (its own DID is the
 * issuer), always with a reason, audited, and mirrored on the certificate's record.
 */
@Injectable()
export class CredentialStatusService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly lists: StatusListService,
    private readonly issuers: IssuerSignerService,
    private readonly organisations: OrganisationsService,
    private readonly audit: AuditService,
  ) {}

  async update(principal: Principal, update: StatusUpdate, now = new Date()): Promise<StatusState> {
    const issuer = await this.issuerOf(principal);
    return this.dataSource.transaction((em) => this.updateIn(em, principal, issuer, update, now));
  }

  /** The caller's own authority as issuer: only it may change what it issued. */
  async issuerOf(principal: Principal): Promise<IssuerIdentity> {
    const org = await this.organisations.byId(principal.organisationId);
    return this.issuers.forOrganisation(org.id, org.code, org.name);
  }

  /** Inside a caller's transaction (a correction revokes the old certificate with the new one's insert). */
  async updateIn(em: EntityManager, principal: Principal, issuer: IssuerIdentity, update: StatusUpdate, now: Date): Promise<StatusState> {
    const issuerDid = issuer.id;
    // Not the issuer's credential reads exactly like no credential at all.
    const before = await this.lists.change(em, issuer, { credentialId: update.credentialId, purpose: update.purpose, value: update.value }, now);
    const after = { ...before, [update.purpose === 'revocation' ? 'revoked' : 'suspended']: update.value };
    const certificate = await this.certificateFor(em, issuerDid, update.credentialId);
    const scopePath = certificate?.scopePath ?? principal.organisationPath;
    if (certificate) {
      await em.update(CertificateEntity, { id: certificate.id }, { status: certificateStatus(after), statusReason: update.reason, statusChangedAt: now });
    }
    await this.audit.append(em, principal, {
      action: `credential.${update.purpose}.${update.value ? 'set' : 'cleared'}`,
      recordType: certificate ? 'certificate' : 'credential',
      recordId: certificate?.id ?? update.credentialId.slice(0, 64),
      scopePath,
      details: { purpose: update.purpose, value: update.value, reason: update.reason, issuerDid },
    });
    return { credentialId: update.credentialId, ...after };
  }

  private async certificateFor(em: EntityManager, issuerDid: string, credentialId: string): Promise<CertificateEntity | null> {
    const uuid = /^urn:uuid:([0-9a-f-]{36})$/i.exec(credentialId)?.[1]?.toLowerCase();
    if (!uuid) return null;
    return em.getRepository(CertificateEntity).findOne({ where: { id: uuid, issuerDid }, lock: { mode: 'pessimistic_write' } });
  }
}

export function certificateStatus(state: { revoked: boolean; suspended: boolean }): CertificateStatus {
  return state.revoked ? 'revoked' : state.suspended ? 'suspended' : 'valid';
}
