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
import { Body, Controller, HttpCode, Post, Res } from '@nestjs/common';
import { parseInput } from '../common/validation/parse.js';
import { Public } from '../platform/auth/access.decorator.js';
import { VerifyCredentialRequest } from './dto/certificate.dto.js';
import { VerificationService } from './verification.service.js';
/** Public verification: the W3C VC API verifier endpoint (the issuer's are VcApiIssuerController; the page behind the QR code is VerificationPageController). */
let VcApiController = class VcApiController {
    constructor(verification) {
        this.verification = verification;
    }
    async verify(body, res) {
        const { verifiableCredential } = parseInput(VerifyCredentialRequest, body);
        const report = await this.verification.verify(verifiableCredential);
        if (!report.verified)
            res.status(422);
        return {
            verified: report.verified,
            status: report.status,
            checks: report.checks.filter((c) => c.ok === true).map((c) => c.check),
            problemDetails: report.problems,
            warnings: report.warnings,
        };
    }
};
__decorate([
    Post('credentials/verify'),
    Public(),
    HttpCode(200),
    __param(0, Body()),
    __param(1, Res({ passthrough: true })),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, Object]),
    __metadata("design:returntype", Promise)
], VcApiController.prototype, "verify", null);
VcApiController = __decorate([
    Controller(),
    __metadata("design:paramtypes", [VerificationService])
], VcApiController);
export { VcApiController };
//# sourceMappingURL=vc-api.controller.js.map