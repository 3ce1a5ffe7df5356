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
import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { parseInput } from '../../common/validation/parse.js';
import { AccountsService } from '../accounts/accounts.service.js';
import { LoginRequest } from '../dto/platform.dto.js';
import { ALL_ROLES, Public, Roles } from './access.decorator.js';
import { CurrentPrincipal } from './current-principal.decorator.js';
import { TokenService } from './token.service.js';
let AuthController = class AuthController {
    constructor(accounts, tokens) {
        this.accounts = accounts;
        this.tokens = tokens;
    }
    async login(body) {
        const { username, password } = parseInput(LoginRequest, body);
        const token = await this.tokens.issue(await this.accounts.authenticate(username, password));
        return { ...token, tokenType: 'Bearer' };
    }
    me(principal) {
        return this.accounts.me(principal);
    }
};
__decorate([
    Post('login'),
    HttpCode(200),
    Public(),
    __param(0, Body()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object]),
    __metadata("design:returntype", Promise)
], AuthController.prototype, "login", null);
__decorate([
    Get('me'),
    Roles(...ALL_ROLES),
    __param(0, CurrentPrincipal()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object]),
    __metadata("design:returntype", void 0)
], AuthController.prototype, "me", null);
AuthController = __decorate([
    Controller('auth'),
    __metadata("design:paramtypes", [AccountsService,
        TokenService])
], AuthController);
export { AuthController };
//# sourceMappingURL=auth.controller.js.map