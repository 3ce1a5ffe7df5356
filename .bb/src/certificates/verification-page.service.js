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
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { isUuid } from '../common/validation/uuid-param.js';
import { APP_CONFIG } from '../config/config.js';
import { CertificateEntity } from './certificate.entity.js';
import { pageView } from './verification-page-model.js';
import { VerificationService } from './verification.service.js';
/**
 * Gathers what the public verification page shows: the verification report, and for a
 * certificate of this register its recorded reason and the certificate that replaced it.
 */
let VerificationPageService = class VerificationPageService {
    constructor(verification, dataSource, config) {
        this.verification = verification;
        this.dataSource = dataSource;
        this.basePath = `${new URL(config.publicUrl).pathname.replace(/\/+$/, '')}/verify`;
    }
    /** The page behind a QR code; an id that is not a certificate of ours is `notFound`. */
    async forCertificate(id, now = new Date()) {
        const certificate = isUuid(id) ? await this.verification.findById(id.toLowerCase()) : null;
        if (!certificate)
            return pageView({ report: null, credential: null, register: null, checkedAt: now });
        const report = await this.verification.verify(certificate.credential, now, certificate);
        return pageView({ report, credential: certificate.credential, register: await this.registerRecord(certificate), checkedAt: now });
    }
    /** A credential someone was handed, shown as they were given it. */
    async forCredential(credential, now = new Date()) {
        const report = await this.verification.verify(credential, now);
        const register = report.certificate ? await this.registerRecord(report.certificate) : null;
        return pageView({ report, credential, register, checkedAt: now });
    }
    async registerRecord(certificate) {
        const replacement = await this.dataSource
            .getRepository(CertificateEntity)
            .findOne({ select: { id: true }, where: { replacesId: certificate.id }, order: { issuedAt: 'DESC' } });
        return {
            status: certificate.status,
            statusReason: certificate.statusReason,
            statusChangedAt: certificate.statusChangedAt,
            replacedBy: replacement?.id ?? null,
        };
    }
};
VerificationPageService = __decorate([
    Injectable(),
    __param(2, Inject(APP_CONFIG)),
    __metadata("design:paramtypes", [VerificationService,
        DataSource, Object])
], VerificationPageService);
export { VerificationPageService };
//# sourceMappingURL=verification-page.service.js.map