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
import { Body, Controller, Get, Header, HttpCode, Param, Post, Res } from '@nestjs/common';
import { parseInput } from '../common/validation/parse.js';
import { uuidParam } from '../common/validation/uuid-param.js';
import { ALL_ROLES, AUTHORITY_ROLES, Roles } from '../platform/auth/access.decorator.js';
import { CurrentPrincipal } from '../platform/auth/current-principal.decorator.js';
import { CertificatesService } from './certificates.service.js';
import { CertificateStatusChangeRequest, IssueCertificateRequest } from './dto/certificate.dto.js';
import { qrPng, qrSvg } from './qr.js';
import { CredentialStatusService } from './status/credential-status.service.js';
let CertificatesController = class CertificatesController {
    constructor(certificates, statuses) {
        this.certificates = certificates;
        this.statuses = statuses;
    }
    issue(principal, id, body) {
        const { kind } = parseInput(IssueCertificateRequest, body);
        return this.certificates.issue(principal, uuidParam(id, 'id'), kind);
    }
    listForStudent(principal, id) {
        return this.certificates.listForStudent(principal, uuidParam(id, 'id'));
    }
    get(principal, id) {
        return this.certificates.get(principal, uuidParam(id, 'id'));
    }
    revoke(principal, id, body) {
        return this.changeStatus(principal, id, body, 'revocation', true);
    }
    suspend(principal, id, body) {
        return this.changeStatus(principal, id, body, 'suspension', true);
    }
    reinstate(principal, id, body) {
        return this.changeStatus(principal, id, body, 'suspension', false);
    }
    correct(principal, id, body) {
        const { reason } = parseInput(CertificateStatusChangeRequest, body);
        return this.certificates.correct(principal, uuidParam(id, 'id'), reason);
    }
    async qrSvg(principal, id) {
        const cert = await this.certificates.findVisible(principal, uuidParam(id, 'id'));
        return qrSvg(this.certificates.verificationUrl(cert.id));
    }
    async qrPng(principal, id, res) {
        const cert = await this.certificates.findVisible(principal, uuidParam(id, 'id'));
        res.type('image/png').send(await qrPng(this.certificates.verificationUrl(cert.id)));
    }
    async changeStatus(principal, id, body, purpose, value) {
        const certificateId = uuidParam(id, 'id');
        const { reason } = parseInput(CertificateStatusChangeRequest, body);
        // Only the issuing authority: anyone else's certificate reads as missing.
        await this.certificates.findIssuedBy(principal, certificateId);
        await this.statuses.update(principal, { credentialId: `urn:uuid:${certificateId}`, purpose, value, reason });
        return this.certificates.get(principal, certificateId);
    }
};
__decorate([
    Post('students/:id/certificates'),
    Roles('county_admin'),
    __param(0, CurrentPrincipal()),
    __param(1, Param('id')),
    __param(2, Body()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, String, Object]),
    __metadata("design:returntype", void 0)
], CertificatesController.prototype, "issue", null);
__decorate([
    Get('students/:id/certificates'),
    Roles(...ALL_ROLES),
    __param(0, CurrentPrincipal()),
    __param(1, Param('id')),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, String]),
    __metadata("design:returntype", void 0)
], CertificatesController.prototype, "listForStudent", null);
__decorate([
    Get('certificates/:id'),
    Roles(...ALL_ROLES),
    __param(0, CurrentPrincipal()),
    __param(1, Param('id')),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, String]),
    __metadata("design:returntype", void 0)
], CertificatesController.prototype, "get", null);
__decorate([
    Post('certificates/:id/revocation'),
    HttpCode(200),
    Roles(...AUTHORITY_ROLES),
    __param(0, CurrentPrincipal()),
    __param(1, Param('id')),
    __param(2, Body()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, String, Object]),
    __metadata("design:returntype", void 0)
], CertificatesController.prototype, "revoke", null);
__decorate([
    Post('certificates/:id/suspension'),
    HttpCode(200),
    Roles(...AUTHORITY_ROLES),
    __param(0, CurrentPrincipal()),
    __param(1, Param('id')),
    __param(2, Body()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, String, Object]),
    __metadata("design:returntype", void 0)
], CertificatesController.prototype, "suspend", null);
__decorate([
    Post('certificates/:id/reinstatement'),
    HttpCode(200),
    Roles(...AUTHORITY_ROLES),
    __param(0, CurrentPrincipal()),
    __param(1, Param('id')),
    __param(2, Body()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, String, Object]),
    __metadata("design:returntype", void 0)
], CertificatesController.prototype, "reinstate", null);
__decorate([
    Post('certificates/:id/correction'),
    Roles(...AUTHORITY_ROLES),
    __param(0, CurrentPrincipal()),
    __param(1, Param('id')),
    __param(2, Body()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, String, Object]),
    __metadata("design:returntype", void 0)
], CertificatesController.prototype, "correct", null);
__decorate([
    Get('certificates/:id/qr.svg'),
    Roles(...ALL_ROLES),
    Header('Content-Type', 'image/svg+xml'),
    __param(0, CurrentPrincipal()),
    __param(1, Param('id')),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, String]),
    __metadata("design:returntype", Promise)
], CertificatesController.prototype, "qrSvg", null);
__decorate([
    Get('certificates/:id/qr.png'),
    Roles(...ALL_ROLES),
    __param(0, CurrentPrincipal()),
    __param(1, Param('id')),
    __param(2, Res()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, String, Object]),
    __metadata("design:returntype", Promise)
], CertificatesController.prototype, "qrPng", null);
CertificatesController = __decorate([
    Controller(),
    __metadata("design:paramtypes", [CertificatesService,
        CredentialStatusService])
], CertificatesController);
export { CertificatesController };
//# sourceMappingURL=certificates.controller.js.map