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
import { IssuerSignerService } from '../../identity/issuer-signer.service.js';
import { OrganisationsService } from '../../platform/organisations/organisations.service.js';
import { AuditService } from '../../platform/audit/audit.service.js';
import { CertificateEntity } from '../certificate.entity.js';
import { StatusListService } from './status-list.service.js';
/**
 * Revocation, suspension and reinstatement of what an authority issued, through the VC API or
 * the certificate routes: only the issuing authority may change a status (its own DID is the
 * issuer), always with a reason, audited, and mirrored on the certificate's record.
 */
let CredentialStatusService = class CredentialStatusService {
    constructor(dataSource, lists, issuers, organisations, audit) {
        this.dataSource = dataSource;
        this.lists = lists;
        this.issuers = issuers;
        this.organisations = organisations;
        this.audit = audit;
    }
    async update(principal, update, now = new Date()) {
        const issuer = await this.issuerOf(principal);
        return this.dataSource.transaction((em) => this.updateIn(em, principal, issuer, update, now));
    }
    /** The caller's own authority as issuer: only it may change what it issued. */
    async issuerOf(principal) {
        const org = await this.organisations.byId(principal.organisationId);
        return this.issuers.forOrganisation(org.id, org.code, org.name);
    }
    /** Inside a caller's transaction (a correction revokes the old certificate with the new one's insert). */
    async updateIn(em, principal, issuer, update, now) {
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
    async certificateFor(em, issuerDid, credentialId) {
        const uuid = /^urn:uuid:([0-9a-f-]{36})$/i.exec(credentialId)?.[1]?.toLowerCase();
        if (!uuid)
            return null;
        return em.getRepository(CertificateEntity).findOne({ where: { id: uuid, issuerDid }, lock: { mode: 'pessimistic_write' } });
    }
};
CredentialStatusService = __decorate([
    Injectable(),
    __metadata("design:paramtypes", [DataSource,
        StatusListService,
        IssuerSignerService,
        OrganisationsService,
        AuditService])
], CredentialStatusService);
export { CredentialStatusService };
export function certificateStatus(state) {
    return state.revoked ? 'revoked' : state.suspended ? 'suspended' : 'valid';
}
//# sourceMappingURL=credential-status.service.js.map