var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { TtlCache } from '../common/cache/ttl-cache.js';
import { DataSource } from 'typeorm';
import { isUuid } from '../common/validation/uuid-param.js';
import { DidService } from '../identity/did.service.js';
import { DocumentLoaderService } from '../identity/document-loader.service.js';
import { CertificateEntity } from './certificate.entity.js';
import { issuerIdOf, verifyCredential, } from './domain/data-integrity.js';
import { checkCredentialStatuses } from './status/domain/status-check.js';
import { StatusListService } from './status/status-list.service.js';
const OK = '';
/** A verified list is trusted again without re-verifying for this long (it is re-read every time). */
const LIST_TTL_MS = 30_000;
const STATUS_PROBLEM = 'https://www.w3.org/TR/vc-data-model-2.0/#STATUS_VERIFICATION_ERROR';
const UNTRUSTED = 'urn:xueji:problem:untrusted-issuer';
/**
 * Verifies a credential the way a relying party would: Data Integrity proof with offline
 * contexts and DIDs, validity period, then its status lists (any issuer's; a list this service
 * does not hold is unreachable offline, so that status is unknown and the answer is not valid).
 */
let VerificationService = class VerificationService {
    constructor(dataSource, loader, dids, lists) {
        this.dataSource = dataSource;
        this.loader = loader;
        this.dids = dids;
        this.lists = lists;
        /** Verified status lists by content digest: a list is re-verified only when it changes. */
        this.verifiedLists = new TtlCache(LIST_TTL_MS, 256);
        /** A status list credential is a credential like any other: proof, issuer's key, validity. */
        this.verifyList = async (list) => {
            const digest = createHash('sha256').update(JSON.stringify(list)).digest('base64url');
            const cached = this.verifiedLists.get(digest);
            if (cached !== undefined)
                return cached === OK ? null : cached;
            const outcome = await verifyCredential({ credential: list, documentLoader: this.loader.load, now: new Date() });
            const problem = outcome.verified ? null : (outcome.problems[0]?.detail ?? 'the status list credential did not verify');
            this.verifiedLists.set(digest, problem ?? OK);
            return problem;
        };
        this.statusLoader = async (url) => {
            const document = await this.lists.documentFor(url);
            return document ? { contextUrl: null, documentUrl: url, document } : this.loader.load(url);
        };
    }
    /** `known`: the certificate the caller already read, to spare a second look-up. */
    async verify(credential, now = new Date(), known) {
        const certificate = known ?? (await this.findCertificate(credential));
        const outcome = await verifyCredential({
            credential,
            documentLoader: this.loader.load,
            now,
            recordedBefore: async (proof, revokedAt) => recordedBefore(certificate, proof, revokedAt),
        });
        const report = { ...outcome, status: 'none', warnings: [], certificate: null };
        const issuerId = issuerIdOf(asObject(credential)) ?? null;
        const ownIssuer = issuerId !== null && (await this.dids.isEducationAuthority(issuerId));
        report.checks.push({
            check: 'trustedIssuer',
            ok: ownIssuer,
            detail: ownIssuer ? 'issued by an education authority registered in this service' : 'issuer not registered here',
        });
        if (!ownIssuer) {
            report.warnings.push({ type: UNTRUSTED, title: 'Issuer not registered', detail: 'the issuer is not an education authority of this register' });
        }
        report.certificate = certificate;
        if (outcome.checks.every((c) => c.check !== 'proof' || c.ok) && hasStatus(credential)) {
            this.applyStatuses(report, await checkCredentialStatuses(credential, this.statusLoader, this.verifyList));
        }
        else if (report.certificate && !hasStatus(credential)) {
            this.applyRegisterStatus(report, report.certificate);
        }
        return report;
    }
    async findById(certificateId) {
        return this.dataSource.getRepository(CertificateEntity).findOneBy({ id: certificateId });
    }
    applyStatuses(report, statuses) {
        const reachable = statuses.every((s) => s.verdict !== 'unknown');
        report.checks.push({
            check: 'statusList',
            ok: reachable,
            detail: reachable ? 'every status list was loaded and its signature verified' : statuses.find((s) => s.verdict === 'unknown').detail,
        });
        for (const purpose of ['revocation', 'suspension']) {
            const entry = statuses.find((s) => s.statusPurpose === purpose);
            if (!entry)
                continue;
            const ok = entry.verdict === 'unknown' ? null : entry.verdict === 'clear';
            report.checks.push({ check: purpose, ok, detail: entry.verdict === 'unknown' ? 'status unknown' : entry.detail });
        }
        const revoked = statuses.some((s) => s.statusPurpose === 'revocation' && s.verdict === 'set');
        const suspended = statuses.some((s) => s.statusPurpose === 'suspension' && s.verdict === 'set');
        report.status = revoked ? 'revoked' : suspended ? 'suspended' : reachable ? 'valid' : 'unknown';
        if (report.status !== 'valid') {
            report.verified = false;
            const detail = report.status === 'unknown'
                ? 'the status of the credential could not be checked, so it cannot be confirmed valid'
                : `the issuer has ${report.status} this credential`;
            report.problems.push({ type: STATUS_PROBLEM, title: report.status === 'unknown' ? 'Status unknown' : `Credential ${report.status}`, detail });
        }
        for (const other of statuses.filter((s) => s.statusPurpose !== 'revocation' && s.statusPurpose !== 'suspension' && s.verdict === 'set')) {
            report.warnings.push({ type: STATUS_PROBLEM, title: `Status "${other.statusPurpose}" set`, detail: other.detail });
        }
    }
    /** Certificates issued before status lists existed: the register's record is the status. */
    applyRegisterStatus(report, certificate) {
        const valid = certificate.status === 'valid';
        report.status = certificate.status;
        report.checks.push({ check: 'status', ok: valid, detail: `the register records this certificate as ${certificate.status}` });
        if (!valid) {
            report.verified = false;
            report.problems.push({ type: STATUS_PROBLEM, title: 'Certificate not valid', detail: `the certificate is ${certificate.status}` });
        }
    }
    async findCertificate(credential) {
        const id = typeof credential === 'object' && credential !== null ? credential.id : undefined;
        const uuid = typeof id === 'string' && id.startsWith('urn:uuid:') ? id.slice(9).toLowerCase() : '';
        if (!isUuid(uuid))
            return null;
        const row = await this.findById(uuid);
        // Only the certificate we issued under that id counts; a copy claiming it proves nothing.
        return row && row.issuerDid === issuerIdOf(asObject(credential)) ? row : null;
    }
};
VerificationService = __decorate([
    Injectable(),
    __metadata("design:paramtypes", [DataSource,
        DocumentLoaderService,
        DidService,
        StatusListService])
], VerificationService);
export { VerificationService };
/**
 * A proof by a since-revoked key counts only if the register issued that very proof before the
 * compromise: our certificate row holds the signed credential and its issuing time, which a
 * holder of the stolen key can neither write nor backdate. (A status-list entry alone would not
 * do: it binds a credential id, not content, so a forgery could reuse an honest entry.)
 */
function recordedBefore(certificate, proof, revokedAt) {
    if (!certificate || certificate.issuedAt.getTime() >= revokedAt.getTime())
        return false;
    const stored = certificate.credential.proof;
    const storedProofs = Array.isArray(stored) ? stored : stored ? [stored] : [];
    return storedProofs.some((p) => p.proofValue === proof.proofValue && p.verificationMethod === proof.verificationMethod);
}
function hasStatus(credential) {
    const status = asObject(credential).credentialStatus;
    return status !== undefined && status !== null;
}
function asObject(value) {
    return typeof value === 'object' && value !== null ? value : {};
}
//# sourceMappingURL=verification.service.js.map