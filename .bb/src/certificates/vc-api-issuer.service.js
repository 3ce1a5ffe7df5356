var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
var __param = (this && this.__param) || function (paramIndex, decorator) {
    return function (target, key) { decorator(target, key, paramIndex); }
};
import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuthenticationError, ConflictError, ForbiddenError, ValidationError } from '../common/errors/domain-error.js';
import { APP_CONFIG } from '../config/config.js';
import { onUniqueViolation } from '../database/unique-violation.js';
import { IssuerSignerService } from '../identity/issuer-signer.service.js';
import { AuditService } from '../platform/audit/audit.service.js';
import { ROOT_PATH } from '../platform/organisations/domain/org-level.js';
import { CredentialSignerService } from './credential-signer.service.js';
import { issuerIdOf } from './domain/data-integrity.js';
import { credentialIdOf, issueProblems, withIssuerAdditions } from './domain/vc-api-issue.js';
import { CredentialStatusService } from './status/credential-status.service.js';
import { StatusListService } from './status/status-list.service.js';
/** status_entries (issuer_did, credential_id): one credential id, one set of status entries. */
const ID_TAKEN_CONSTRAINT = 'status_entries_issuer_did_credential_id_key';
const CONFORMANCE_REASON = 'conformance test';
/**
 * The W3C VC API issuer: signs a caller's VC 2.0 credential as the caller's own authority
 * (its did:web), keeping the given `id` and `issuer`, always with revocation and suspension
 * status entries. In conformance mode (XUEJI_CONFORMANCE_ISSUER_SEED, loopback only) anonymous
 * callers may also issue, and change statuses, as one did:key issuer: what the W3C test suites
 * need, and nothing a production deployment should ever switch on.
 */
let VcApiIssuerService = class VcApiIssuerService {
    constructor(dataSource, issuers, signer, lists, statuses, audit, config) {
        this.dataSource = dataSource;
        this.issuers = issuers;
        this.signer = signer;
        this.lists = lists;
        this.statuses = statuses;
        this.audit = audit;
        this.config = config;
        this.logger = new Logger('VcApiIssuer');
        this.conformanceIssuer = null;
    }
    async onModuleInit() {
        if (!this.config.conformanceIssuerSeed)
            return;
        const did = await this.issuers.registerKeyIssuerFromSeed(this.config.conformanceIssuerSeed);
        this.conformanceIssuer = await this.issuers.forDid(did);
        this.logger.warn({
            msg: 'CONFORMANCE MODE IS ON: anyone reaching this service may issue credentials and change their status as the did:key issuer below. For running the W3C test suites on loopback only; unset XUEJI_CONFORMANCE_ISSUER_SEED everywhere else.',
            issuer: did,
        });
    }
    async issue(caller, input, now = new Date()) {
        if (!caller && !this.conformanceIssuer)
            throw new AuthenticationError();
        const problems = issueProblems(input, now);
        if (problems.length > 0)
            throw new ValidationError(problems, 'CREDENTIAL_NOT_CONFORMING');
        const issuer = await this.issuerFor(caller, issuerIdOf(input));
        const id = credentialIdOf(input, randomUUID);
        const verifiableCredential = await this.dataSource
            .transaction(async (em) => {
            const [entries] = await this.lists.allocate(em, issuer, [id], now);
            const signed = await this.sign(withIssuerAdditions(input, id, entries, now), issuer, now);
            await this.audit.append(em, caller, {
                action: 'credential.issued',
                recordType: 'credential',
                recordId: id.slice(0, 64),
                scopePath: caller?.organisationPath ?? ROOT_PATH,
                details: { issuerDid: issuer.id, statusListIndex: entries[0].statusListIndex, statusLists: entries.map((e) => e.statusListCredential), via: 'vc-api' },
            });
            return signed;
        })
            .catch(onUniqueViolation(ID_TAKEN_CONSTRAINT, () => new ConflictError('CREDENTIAL_ID_TAKEN', `this issuer already issued a credential with the id ${id}`)));
        return { verifiableCredential };
    }
    /** VC API status update: an authority for what it issued, an anonymous caller for the conformance issuer only. */
    async updateStatus(caller, update, now = new Date()) {
        if (caller) {
            // The request schema asks authorities for a reason; this keeps it so whatever the caller parsed.
            if (!update.reason)
                throw ValidationError.field('reason', 'a reason is required');
            return this.statuses.update(caller, { ...update, reason: update.reason }, now);
        }
        const issuer = this.conformanceIssuer;
        if (!issuer)
            throw new AuthenticationError();
        const reason = update.reason ?? CONFORMANCE_REASON;
        return this.dataSource.transaction(async (em) => {
            const before = await this.lists.change(em, issuer, { credentialId: update.credentialId, purpose: update.purpose, value: update.value }, now);
            await this.audit.append(em, null, {
                action: `credential.${update.purpose}.${update.value ? 'set' : 'cleared'}`,
                recordType: 'credential',
                recordId: update.credentialId.slice(0, 64),
                scopePath: ROOT_PATH,
                details: { purpose: update.purpose, value: update.value, reason, issuerDid: issuer.id },
            });
            return { credentialId: update.credentialId, ...before, [update.purpose === 'revocation' ? 'revoked' : 'suspended']: update.value };
        });
    }
    /** An authority signs only as itself; an anonymous caller only as the conformance issuer. */
    async issuerFor(caller, issuerId) {
        if (!caller) {
            if (issuerId !== this.conformanceIssuer.id)
                throw new AuthenticationError('Authentication required to issue as this issuer');
            return this.conformanceIssuer;
        }
        const own = await this.statuses.issuerOf(caller);
        if (issuerId !== own.id) {
            throw new ForbiddenError(`credential.issuer must be your authority's own DID (${own.id})`, 'ISSUER_NOT_CALLER');
        }
        return own;
    }
    /** Contexts never fetched and JSON-LD the contexts do not allow are the credential's fault: 400, named. */
    async sign(credential, issuer, now) {
        try {
            return await this.signer.sign(credential, issuer.signer, now);
        }
        catch (error) {
            const missing = causes(error).find((e) => e.name === 'DocumentNotFoundError');
            if (missing) {
                throw ValidationError.field('credential.@context', `"${missing.url}" is not a context this issuer knows; it never fetches contexts`, 'CREDENTIAL_NOT_CONFORMING');
            }
            if (error instanceof Error && error.name.startsWith('jsonld.')) {
                throw ValidationError.field('credential', `not valid JSON-LD under its contexts: ${error.message}`, 'CREDENTIAL_NOT_CONFORMING');
            }
            throw error;
        }
    }
};
VcApiIssuerService = __decorate([
    Injectable(),
    __param(6, Inject(APP_CONFIG)),
    __metadata("design:paramtypes", [DataSource,
        IssuerSignerService,
        CredentialSignerService,
        StatusListService,
        CredentialStatusService,
        AuditService, Object])
], VcApiIssuerService);
export { VcApiIssuerService };
function causes(error) {
    const chain = [];
    for (let current = error; current instanceof Error && chain.length < 10;) {
        chain.push(current);
        current = current.cause ?? current.details?.cause;
    }
    return chain;
}
//# sourceMappingURL=vc-api-issuer.service.js.map