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
import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { parseInput } from '../common/validation/parse.js';
import { AUTHORITY_ROLES, RolesOrAnonymous } from '../platform/auth/access.decorator.js';
import { ConformanceStatusUpdateRequest, IssueCredentialRequest, UpdateCredentialStatusRequest } from './dto/certificate.dto.js';
import { VcApiIssuerService } from './vc-api-issuer.service.js';
/**
 * W3C VC API (VCALM) issuer endpoints. An education authority calls them with its token; without
 * a token they answer only in conformance mode (see VcApiIssuerService), otherwise 401.
 */
let VcApiIssuerController = class VcApiIssuerController {
    constructor(issuance) {
        this.issuance = issuance;
    }
    issue(req, body) {
        const { credential } = parseInput(IssueCredentialRequest, body);
        return this.issuance.issue(req.principal ?? null, credential);
    }
    /** Sets (or, for suspension, clears) one status of a credential the caller's issuer issued. */
    updateStatus(req, body) {
        const input = parseInput(req.principal ? UpdateCredentialStatusRequest : ConformanceStatusUpdateRequest, body);
        const [entry] = Array.isArray(input.credentialStatus) ? input.credentialStatus : [input.credentialStatus];
        return this.issuance.updateStatus(req.principal ?? null, {
            credentialId: input.credentialId,
            purpose: entry.statusPurpose,
            value: input.status,
            reason: input.reason,
        });
    }
};
__decorate([
    Post('credentials/issue'),
    RolesOrAnonymous(...AUTHORITY_ROLES),
    __param(0, Req()),
    __param(1, Body()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, Object]),
    __metadata("design:returntype", void 0)
], VcApiIssuerController.prototype, "issue", null);
__decorate([
    Post('credentials/status'),
    RolesOrAnonymous(...AUTHORITY_ROLES),
    HttpCode(200),
    __param(0, Req()),
    __param(1, Body()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, Object]),
    __metadata("design:returntype", void 0)
], VcApiIssuerController.prototype, "updateStatus", null);
VcApiIssuerController = __decorate([
    Controller(),
    __metadata("design:paramtypes", [VcApiIssuerService])
], VcApiIssuerController);
export { VcApiIssuerController };
//# sourceMappingURL=vc-api-issuer.controller.js.map