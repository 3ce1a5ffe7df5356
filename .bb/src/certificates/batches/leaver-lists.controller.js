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
import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { parseInput } from '../../common/validation/parse.js';
import { uuidParam } from '../../common/validation/uuid-param.js';
import { ALL_ROLES, Roles } from '../../platform/auth/access.decorator.js';
import { CurrentPrincipal } from '../../platform/auth/current-principal.decorator.js';
import { LeaverListItemsQuery, ListLeaverListsQuery, ProposeLeaverListRequest, RefuseLeaverListRequest } from './dto/leaver-list.dto.js';
import { LeaverListsService } from './leaver-lists.service.js';
/** 第十九条 for a whole class: the school proposes, its supervising authority reviews, a job signs. */
let LeaverListsController = class LeaverListsController {
    constructor(lists) {
        this.lists = lists;
    }
    propose(principal, body) {
        return this.lists.propose(principal, parseInput(ProposeLeaverListRequest, body));
    }
    list(principal, query) {
        return this.lists.list(principal, parseInput(ListLeaverListsQuery, query, 'query'));
    }
    get(principal, id, query) {
        return this.lists.get(principal, uuidParam(id, 'id'), parseInput(LeaverListItemsQuery, query, 'query'));
    }
    approve(principal, id) {
        return this.lists.approve(principal, uuidParam(id, 'id'));
    }
    refuse(principal, id, body) {
        return this.lists.refuse(principal, uuidParam(id, 'id'), parseInput(RefuseLeaverListRequest, body).reason);
    }
};
__decorate([
    Post(),
    Roles('school_registrar'),
    __param(0, CurrentPrincipal()),
    __param(1, Body()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, Object]),
    __metadata("design:returntype", void 0)
], LeaverListsController.prototype, "propose", null);
__decorate([
    Get(),
    Roles(...ALL_ROLES),
    __param(0, CurrentPrincipal()),
    __param(1, Query()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, Object]),
    __metadata("design:returntype", void 0)
], LeaverListsController.prototype, "list", null);
__decorate([
    Get(':id'),
    Roles(...ALL_ROLES),
    __param(0, CurrentPrincipal()),
    __param(1, Param('id')),
    __param(2, Query()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, String, Object]),
    __metadata("design:returntype", void 0)
], LeaverListsController.prototype, "get", null);
__decorate([
    Post(':id/approval'),
    HttpCode(200),
    Roles('county_admin'),
    __param(0, CurrentPrincipal()),
    __param(1, Param('id')),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, String]),
    __metadata("design:returntype", void 0)
], LeaverListsController.prototype, "approve", null);
__decorate([
    Post(':id/refusal'),
    HttpCode(200),
    Roles('county_admin'),
    __param(0, CurrentPrincipal()),
    __param(1, Param('id')),
    __param(2, Body()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, String, Object]),
    __metadata("design:returntype", void 0)
], LeaverListsController.prototype, "refuse", null);
LeaverListsController = __decorate([
    Controller('leaver-lists'),
    __metadata("design:paramtypes", [LeaverListsService])
], LeaverListsController);
export { LeaverListsController };
//# sourceMappingURL=leaver-lists.controller.js.map