var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
import { Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthenticationError, ForbiddenError } from '../../common/errors/domain-error.js';
import { AccountsService } from '../accounts/accounts.service.js';
import { ACCESS_KEY } from './access.decorator.js';
import { TokenService } from './token.service.js';
/** Global guard: public handlers pass, others need a valid token and one of the listed roles. */
let AuthGuard = class AuthGuard {
    constructor(reflector, tokens, accounts) {
        this.reflector = reflector;
        this.tokens = tokens;
        this.accounts = accounts;
    }
    async canActivate(context) {
        const rule = this.reflector.getAllAndOverride(ACCESS_KEY, [
            context.getHandler(),
            context.getClass(),
        ]);
        if (!rule)
            throw new ForbiddenError('This endpoint declares no access rule', 'NO_ACCESS_RULE');
        if (rule.public)
            return true;
        const request = context.switchToHttp().getRequest();
        if (rule.anonymous && request.header('authorization') === undefined)
            return true;
        const [scheme, token] = (request.header('authorization') ?? '').split(' ');
        if (scheme?.toLowerCase() !== 'bearer' || !token)
            throw new AuthenticationError();
        const principal = await this.accounts.principalFor(await this.tokens.accountIdOf(token));
        if (!rule.roles.includes(principal.role)) {
            throw new ForbiddenError(`This action needs one of the roles: ${rule.roles.join(', ')}`, 'ROLE_NOT_ALLOWED');
        }
        request.principal = principal;
        return true;
    }
};
AuthGuard = __decorate([
    Injectable(),
    __metadata("design:paramtypes", [Reflector,
        TokenService,
        AccountsService])
], AuthGuard);
export { AuthGuard };
//# sourceMappingURL=auth.guard.js.map