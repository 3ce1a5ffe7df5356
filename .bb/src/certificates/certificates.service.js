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
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '../config/config.js';
import { ConflictError, NotFoundError, UnprocessableError } from '../common/errors/domain-error.js';
import { todayInChina } from '../common/time/china-date.js';
import { onUniqueViolation } from '../database/unique-violation.js';
import { IssuerSignerService } from '../identity/issuer-signer.service.js';
import { AuditService } from '../platform/audit/audit.service.js';
import { subtreeFilter } from '../platform/auth/principal.js';
import { OrganisationsService } from '../platform/organisations/organisations.service.js';
import { StudentsService } from '../registry/students.service.js';
import { CertificateEntity } from './certificate.entity.js';
import { certificateSink } from './certificate-rows.js';
import { CredentialSignerService } from './credential-signer.service.js';
import { takeCertificateNumbers } from './certificate-numbers.js';
import { buildCertificateCredential } from './domain/certificate-credential.js';
import { CredentialStatusService } from './status/credential-status.service.js';
import { StatusListService } from './status/status-list.service.js';
const ALREADY_ISSUED = () => new ConflictError('CERTIFICATE_ALREADY_ISSUED', 'a certificate of this kind already exists for this student');
/**
 * Certificates signed by the school's supervising authority (第十九条). Everything that makes a
 * certificate — its number, its status list index, its signature, its row and its audit entry —
 * happens in one transaction: either all of it exists afterwards or none of it does.
 */
let CertificatesService = class CertificatesService {
    constructor(dataSource, students, organisations, issuers, signer, lists, statuses, audit, config) {
        this.dataSource = dataSource;
        this.students = students;
        this.organisations = organisations;
        this.issuers = issuers;
        this.signer = signer;
        this.lists = lists;
        this.statuses = statuses;
        this.audit = audit;
        this.config = config;
    }
    async issue(principal, studentId, kind, now = new Date()) {
        const graduate = await this.students.graduateFor(principal, studentId);
        if (kind && kind !== graduate.kind) {
            throw new UnprocessableError('KIND_NOT_ALLOWED', `the register allows a ${graduate.kind} certificate for this student, not ${kind}`);
        }
        const issuing = await this.issuingAs(principal);
        const [saved] = await this.dataSource
            .transaction((em) => this.issueIn(em, issuing, [graduate], now))
            .catch(onUniqueViolation('certificates_one_valid_per_kind', ALREADY_ISSUED));
        return this.view(saved);
    }
    /**
     * A corrected certificate (e.g. after a register correction): a new certificate from the
     * record as it is now, naming the one it replaces, which is revoked as superseded.
     */
    async correct(principal, certificateId, reason, now = new Date()) {
        const old = await this.findIssuedBy(principal, certificateId);
        const graduate = await this.students.graduateFor(principal, old.studentId);
        const issuing = await this.issuingAs(principal);
        const [saved] = await this.dataSource.transaction(async (em) => {
            const update = { credentialId: `urn:uuid:${old.id}`, purpose: 'revocation', value: true, reason: `superseded: ${reason}` };
            await this.statuses.updateIn(em, principal, issuing.issuer, update, now);
            return this.issueIn(em, issuing, [graduate], now, { replacesId: old.id });
        });
        return this.view(saved);
    }
    /**
     * Issues one certificate per graduate inside the caller's transaction: numbers and status
     * entries allocated in bulk, each credential signed by the template issuer, rows inserted a
     * hundred at a time while the next ones are signed. The single route audits each certificate;
     * a batch chunk passes `audit: 'caller'` and writes one entry naming its rows (the audit head
     * is one locked row). Used by the single route, corrections and leaver-list chunks alike.
     */
    async issueIn(em, issuing, graduates, now, options = {}) {
        globalThis.TT ??= {}; const __t = (k, t0) => { globalThis.TT[k] = (globalThis.TT[k] ?? 0) + performance.now() - t0; };
        let t0 = performance.now();
        const { principal, authority, issuer } = issuing;
        const replacesId = options.replacesId ?? null;
        if ((await this.alreadyIssued(em, graduates)).size > 0)
            throw ALREADY_ISSUED();
        __t('already', t0); t0 = performance.now();
        const ids = graduates.map(() => randomUUID());
        const numbers = await takeCertificateNumbers(em, authority, Number(todayInChina(now).slice(0, 4)), graduates.length);
        __t('ids+numbers', t0); t0 = performance.now();
        const entries = await this.lists.allocate(em, issuer, ids.map((id) => `urn:uuid:${id}`), now);
        __t('allocate', t0); t0 = performance.now();
        const rows = [];
        const sink = certificateSink(em);
        for (const [i, graduate] of graduates.entries()) {
            const credential = this.credentialFor(graduate, { id: ids[i], number: numbers[i], status: entries[i], replacesId }, issuing, now);
            rows.push({
                id: ids[i],
                certificateNumber: numbers[i],
                kind: graduate.kind,
                studentId: graduate.studentId,
                scopePath: graduate.scopePath,
                issuerOrganisationId: authority.id,
                issuerDid: issuer.id,
                credential: (await this.signer.sign(credential, issuer.signer, now)),
                status: 'valid',
                issuedBy: principal.accountId,
                issuedAt: now,
                statusReason: null,
                statusChangedAt: null,
                replacesId,
            });
            const t1 = performance.now(); await sink.add(rows[rows.length - 1]); __t('sinkadd', t1);
        }
        __t('loop', t0); t0 = performance.now();
        await sink.finish();
        __t('finish', t0);
        if (options.audit !== 'caller')
            await this.auditEach(em, principal, rows, replacesId);
        return rows;
    }
    /** `studentId/kind` of the graduates who already hold a certificate of their kind (revoked ones aside). */
    async alreadyIssued(em, graduates) {
        if (graduates.length === 0)
            return new Set();
        const existing = await em.query(`SELECT student_id, kind FROM certificates WHERE student_id = ANY($1::uuid[]) AND status <> 'revoked'`, [graduates.map((g) => g.studentId)]);
        const wanted = new Set(graduates.map((g) => `${g.studentId}/${g.kind}`));
        return new Set(existing.map((c) => `${c.student_id}/${c.kind}`).filter((key) => wanted.has(key)));
    }
    credentialFor(graduate, certificate, { authority, issuer }, now) {
        return buildCertificateCredential({
            certificateId: certificate.id,
            certificateNumber: certificate.number,
            kind: graduate.kind,
            issuer: { id: issuer.id, name: authority.name },
            issuedAt: now,
            student: { ...graduate, educationStage: graduate.educationStage },
            school: { code: graduate.schoolCode, name: graduate.schoolName },
            studyFrom: graduate.enrolmentDate,
            studyTo: graduate.graduationDate,
            credentialStatus: certificate.status,
            ...(certificate.replacesId ? { replaces: `urn:uuid:${certificate.replacesId}` } : {}),
        }, { publicUrl: this.config.publicUrl });
    }
    async auditEach(em, principal, rows, replacesId) {
        for (const row of rows) {
            await this.audit.append(em, principal, {
                action: 'certificate.issued',
                recordType: 'certificate',
                recordId: row.id,
                scopePath: row.scopePath,
                details: { kind: row.kind, certificateNumber: row.certificateNumber, studentId: row.studentId, issuerDid: row.issuerDid, replacesId },
            });
        }
    }
    async get(principal, id) {
        return this.view(await this.findVisible(principal, id));
    }
    async listForStudent(principal, studentId) {
        await this.students.get(principal, studentId);
        const rows = await this.dataSource.getRepository(CertificateEntity).find({ where: { studentId }, order: { issuedAt: 'ASC' } });
        return rows.map((r) => this.view(r));
    }
    /** The URL a certificate's QR code carries: short, stable, and free of personal data. */
    verificationUrl(certificateId) {
        return `${this.config.publicUrl}/verify/${certificateId}`;
    }
    async findVisible(principal, id) {
        const scope = subtreeFilter(principal, 'c.scope_path');
        const row = await this.dataSource
            .getRepository(CertificateEntity)
            .createQueryBuilder('c')
            .where('c.id = :id', { id })
            .andWhere(scope.where, scope.params)
            .getOne();
        if (!row)
            throw new NotFoundError('Certificate');
        return row;
    }
    /** A certificate the caller's own authority issued; any other reads as missing. */
    async findIssuedBy(principal, id) {
        const row = await this.findVisible(principal, id);
        if (row.issuerOrganisationId !== principal.organisationId)
            throw new NotFoundError('Certificate');
        return row;
    }
    /**
     * The caller's authority with its opened signer. Read before the transaction: inside it
     * nothing may read outside it (the embedded store has one session).
     */
    async issuingAs(principal) {
        const authority = await this.authorityOf(principal);
        const issuer = await this.issuers.forOrganisation(authority.id, authority.code, authority.name);
        return { principal, authority, issuer };
    }
    async authorityOf(principal) {
        const org = await this.organisations.byId(principal.organisationId);
        return { id: org.id, code: org.code, name: org.name };
    }
    view(row) {
        const base = `${this.config.publicUrl}/certificates/${row.id}`;
        return {
            id: row.id,
            certificateNumber: row.certificateNumber,
            kind: row.kind,
            status: row.status,
            statusReason: row.statusReason,
            replacesId: row.replacesId,
            studentId: row.studentId,
            issuerDid: row.issuerDid,
            issuedAt: row.issuedAt.toISOString(),
            verificationUrl: this.verificationUrl(row.id),
            qrSvgUrl: `${base}/qr.svg`,
            qrPngUrl: `${base}/qr.png`,
            verifiableCredential: row.credential,
        };
    }
};
CertificatesService = __decorate([
    Injectable(),
    __param(8, Inject(APP_CONFIG)),
    __metadata("design:paramtypes", [DataSource,
        StudentsService,
        OrganisationsService,
        IssuerSignerService,
        CredentialSignerService,
        StatusListService,
        CredentialStatusService,
        AuditService, Object])
], CertificatesService);
export { CertificatesService };
//# sourceMappingURL=certificates.service.js.map