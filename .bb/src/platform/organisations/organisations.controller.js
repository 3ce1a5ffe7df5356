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
import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { parseInput } from '../../common/validation/parse.js';
import { ALL_ROLES, AUTHORITY_ROLES, Roles } from '../auth/access.decorator.js';
import { CurrentPrincipal } from '../auth/current-principal.decorator.js';
import { CreateOrganisationRequest } from '../dto/platform.dto.js';
import { OrganisationsService } from './organisations.service.js';
let OrganisationsController = class OrganisationsController {
    constructor(organisations) {
        this.organisations = organisations;
    }
    create(principal, body) {
        return this.organisations.create(principal, parseInput(CreateOrganisationRequest, body));
    }
    get(principal, code) {
        return this.organisations.get(principal, code);
    }
    children(principal, code) {
        return this.organisations.children(principal, code);
    }
};
__decorate([
    Post(),
    Roles(...AUTHORITY_ROLES),
    __param(0, CurrentPrincipal()),
    __param(1, Body()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, Object]),
    __metadata("design:returntype", void 0)
], OrganisationsController.prototype, "create", null);
__decorate([
    Get(':code'),
    Roles(...ALL_ROLES),
    __param(0, CurrentPrincipal()),
    __param(1, Param('code')),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, String]),
    __metadata("design:returntype", void 0)
], OrganisationsController.prototype, "get", null);
__decorate([
    Get(':code/children'),
    Roles(...ALL_ROLES),
    __param(0, CurrentPrincipal()),
    __param(1, Param('code')),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, String]),
    __metadata("design:returntype", void 0)
], OrganisationsController.prototype, "children", null);
OrganisationsController = __decorate([
    Controller('organisations'),
    __metadata("design:paramtypes", [OrganisationsService])
], OrganisationsController);
export { OrganisationsController };
//# sourceMappingURL=organisations.controller.js.map