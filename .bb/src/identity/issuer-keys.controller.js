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
import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { parseInput } from '../common/validation/parse.js';
import { uuidParam } from '../common/validation/uuid-param.js';
import { AUTHORITY_ROLES, Roles } from '../platform/auth/access.decorator.js';
import { CurrentPrincipal } from '../platform/auth/current-principal.decorator.js';
import { RevokeIssuerKeyRequest, RotateIssuerKeyRequest } from './dto/issuer-key.dto.js';
import { IssuerKeysService } from './issuer-keys.service.js';
/** An education authority's signing keys: list, rotate, revoke after a compromise. */
let IssuerKeysController = class IssuerKeysController {
    constructor(keys) {
        this.keys = keys;
    }
    list(principal, code) {
        return this.keys.list(principal, code);
    }
    rotate(principal, code, body) {
        return this.keys.rotate(principal, code, parseInput(RotateIssuerKeyRequest, body));
    }
    revoke(principal, code, keyId, body) {
        return this.keys.revoke(principal, code, uuidParam(keyId, 'keyId'), parseInput(RevokeIssuerKeyRequest, body));
    }
};
__decorate([
    Get(),
    Roles(...AUTHORITY_ROLES),
    __param(0, CurrentPrincipal()),
    __param(1, Param('code')),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, String]),
    __metadata("design:returntype", void 0)
], IssuerKeysController.prototype, "list", null);
__decorate([
    Post('rotation'),
    HttpCode(200),
    Roles(...AUTHORITY_ROLES),
    __param(0, CurrentPrincipal()),
    __param(1, Param('code')),
    __param(2, Body()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, String, Object]),
    __metadata("design:returntype", void 0)
], IssuerKeysController.prototype, "rotate", null);
__decorate([
    Post(':keyId/revocation'),
    HttpCode(200),
    Roles(...AUTHORITY_ROLES),
    __param(0, CurrentPrincipal()),
    __param(1, Param('code')),
    __param(2, Param('keyId')),
    __param(3, Body()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, String, String, Object]),
    __metadata("design:returntype", void 0)
], IssuerKeysController.prototype, "revoke", null);
IssuerKeysController = __decorate([
    Controller('organisations/:code/keys'),
    __metadata("design:paramtypes", [IssuerKeysService])
], IssuerKeysController);
export { IssuerKeysController };
//# sourceMappingURL=issuer-keys.controller.js.map