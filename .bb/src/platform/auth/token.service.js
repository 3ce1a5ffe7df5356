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
import { jwtVerify, SignJWT } from 'jose';
import { APP_CONFIG } from '../../config/config.js';
import { deriveSubkey } from '../../identity/domain/secret-box.js';
import { AuthenticationError } from '../../common/errors/domain-error.js';
const ISSUER = 'xueji';
const AUDIENCE = 'xueji-api';
/** Short-lived HS256 access tokens; the key is derived from the master key, never stored. */
let TokenService = class TokenService {
    constructor(config) {
        this.config = config;
        this.key = deriveSubkey(config.masterKey, 'xueji/access-token/v1');
    }
    async issue(accountId) {
        const expiresIn = this.config.accessTokenTtlSeconds;
        const accessToken = await new SignJWT({})
            .setProtectedHeader({ alg: 'HS256', typ: 'at+jwt' })
            .setSubject(accountId)
            .setIssuer(ISSUER)
            .setAudience(AUDIENCE)
            .setIssuedAt()
            .setExpirationTime(`${expiresIn}s`)
            .sign(this.key);
        return { accessToken, expiresIn };
    }
    /** Returns the account id of a valid token; any defect is the same 401 to the caller. */
    async accountIdOf(token) {
        try {
            const { payload } = await jwtVerify(token, this.key, { issuer: ISSUER, audience: AUDIENCE, algorithms: ['HS256'] });
            if (!payload.sub)
                throw new Error('no subject');
            return payload.sub;
        }
        catch {
            throw new AuthenticationError('The access token is invalid or has expired');
        }
    }
};
TokenService = __decorate([
    Injectable(),
    __param(0, Inject(APP_CONFIG)),
    __metadata("design:paramtypes", [Object])
], TokenService);
export { TokenService };
//# sourceMappingURL=token.service.js.map