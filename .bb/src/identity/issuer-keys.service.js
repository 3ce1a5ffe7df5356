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
import { ForbiddenError, NotFoundError, ValidationError } from '../common/errors/domain-error.js';
import { AuditService } from '../platform/audit/audit.service.js';
import { OrganisationsService } from '../platform/organisations/organisations.service.js';
import { DidService } from './did.service.js';
import { compromiseTimeProblem } from './domain/key-lifecycle.js';
import { IssuerKeyEvents } from './issuer-key-events.js';
import { KeyStoreService } from './key-store.service.js';
/**
 * An education authority's signing keys: both created with the organisation, rotated and revoked
 * (after a compromise) by the organisation's own authority only, each change audited in its
 * transaction. Outside the caller's subtree an organisation does not exist (404); an authority
 * above it sees its keys but does not manage them (403).
 */
let IssuerKeysService = class IssuerKeysService {
    constructor(dataSource, keys, dids, organisations, events, audit) {
        this.dataSource = dataSource;
        this.keys = keys;
        this.dids = dids;
        this.organisations = organisations;
        this.events = events;
        this.audit = audit;
    }
    onModuleInit() {
        // A signing organisation has both keys from the moment it exists (lazy creation stays as a fallback).
        this.organisations.onCreated(async (em, org) => {
            if (org.level !== 'school')
                await this.keys.ensureSigningKeys(org.id, em);
        });
    }
    async list(principal, code) {
        const org = await this.signingOrganisation(principal, code);
        return this.view(org, await this.keys.keysOf(org.id));
    }
    async rotate(principal, code, input, now = new Date()) {
        const org = await this.ownSigningOrganisation(principal, code);
        const { retired } = await this.dataSource.transaction(async (em) => {
            const change = await this.keys.rotateIn(em, org.id, input.algorithm, input.reason, now);
            await this.audit.append(em, principal, {
                action: 'issuer_key.rotated',
                recordType: 'issuer_key',
                recordId: change.retired.id,
                scopePath: org.path,
                details: { organisationCode: org.code, algorithm: input.algorithm, retiredKey: change.retired.fragment, newKeyId: change.active.id, newKey: change.active.fragment, reason: input.reason },
            });
            return change;
        });
        this.keys.keyChanged(retired.id, { revoked: false });
        this.dids.documentChanged(org.code);
        return this.view(org, await this.keys.keysOf(org.id));
    }
    async revoke(principal, code, keyId, input, now = new Date()) {
        const org = await this.ownSigningOrganisation(principal, code);
        const compromisedAt = new Date(input.compromisedAt);
        const problem = compromiseTimeProblem(compromisedAt, now);
        if (problem)
            throw ValidationError.field('compromisedAt', problem);
        const did = this.dids.didForCode(org.code);
        const methodId = this.dids.methodIdFor(org.code);
        const { revoked } = await this.dataSource.transaction(async (em) => {
            const change = await this.keys.revokeIn(em, org.id, keyId, compromisedAt, input.reason, now);
            const signer = await this.keys.openActiveIn(em, org.id, change.revoked.algorithm, methodId);
            await this.events.revoked(em, {
                issuerDid: did,
                issuerName: org.name,
                algorithm: change.revoked.algorithm,
                revokedMethodId: methodId(change.revoked.fragment),
                compromisedAt,
                signer,
                now,
            });
            await this.audit.append(em, principal, {
                action: 'issuer_key.revoked',
                recordType: 'issuer_key',
                recordId: change.revoked.id,
                scopePath: org.path,
                details: {
                    organisationCode: org.code,
                    algorithm: change.revoked.algorithm,
                    revokedKey: change.revoked.fragment,
                    compromisedAt: compromisedAt.toISOString(),
                    newKeyId: change.replacement?.id ?? null,
                    reason: input.reason,
                },
            });
            return change;
        });
        this.keys.keyChanged(revoked.id, { revoked: true });
        this.dids.documentChanged(org.code);
        return this.view(org, await this.keys.keysOf(org.id));
    }
    /** Managing keys is the organisation's own business: an authority above it may look, not act. */
    async ownSigningOrganisation(principal, code) {
        const org = await this.signingOrganisation(principal, code);
        if (org.id !== principal.organisationId) {
            throw new ForbiddenError("only the organisation's own authority rotates or revokes its keys", 'NOT_OWN_ORGANISATION');
        }
        return org;
    }
    async signingOrganisation(principal, code) {
        const org = /^\d{6}$|^\d{10}$/.test(code) ? await this.organisations.findVisible(principal, code) : null;
        // A school never signs: it has no keys to show, exactly like an organisation out of sight.
        if (!org || org.level === 'school')
            throw new NotFoundError('Organisation');
        return { id: org.id, code: org.code, name: org.name, path: org.path };
    }
    view(org, keys) {
        const methodId = this.dids.methodIdFor(org.code);
        return { organisationCode: org.code, did: this.dids.didForCode(org.code), keys: keys.map((k) => keyView(k, methodId(k.fragment))) };
    }
};
IssuerKeysService = __decorate([
    Injectable(),
    __metadata("design:paramtypes", [DataSource,
        KeyStoreService,
        DidService,
        OrganisationsService,
        IssuerKeyEvents,
        AuditService])
], IssuerKeysService);
export { IssuerKeysService };
function keyView(k, verificationMethod) {
    const iso = (d) => (d ? d.toISOString() : null);
    return {
        id: k.id,
        algorithm: k.algorithm,
        verificationMethod,
        publicKeyMultibase: k.publicKeyMultibase,
        status: k.status,
        createdAt: k.createdAt.toISOString(),
        retiredAt: iso(k.retiredAt),
        compromisedAt: iso(k.compromisedAt),
        revokedAt: iso(k.revokedAt),
        reason: k.statusReason,
    };
}
//# sourceMappingURL=issuer-keys.service.js.map