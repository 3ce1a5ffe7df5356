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
import { Controller, Get, Param } from '@nestjs/common';
import { ALL_ROLES, Roles } from '../auth/access.decorator.js';
import { CurrentPrincipal } from '../auth/current-principal.decorator.js';
import { AuditService } from './audit.service.js';
let AuditController = class AuditController {
    constructor(audit) {
        this.audit = audit;
    }
    /** Recomputes the whole chain. National and provincial authorities oversee its integrity. */
    verify() {
        return this.audit.verify();
    }
    entries(principal, type, id) {
        return this.audit.entriesFor(principal, type, id);
    }
};
__decorate([
    Get('verify'),
    Roles('national_admin', 'province_admin'),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", []),
    __metadata("design:returntype", void 0)
], AuditController.prototype, "verify", null);
__decorate([
    Get(':recordType/:recordId'),
    Roles(...ALL_ROLES),
    __param(0, CurrentPrincipal()),
    __param(1, Param('recordType')),
    __param(2, Param('recordId')),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, String, String]),
    __metadata("design:returntype", void 0)
], AuditController.prototype, "entries", null);
AuditController = __decorate([
    Controller('audit'),
    __metadata("design:paramtypes", [AuditService])
], AuditController);
export { AuditController };
//# sourceMappingURL=audit.controller.js.map