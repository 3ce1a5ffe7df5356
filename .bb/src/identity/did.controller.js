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
import { Controller, Get, Header, Param } from '@nestjs/common';
import { NotFoundError } from '../common/errors/domain-error.js';
import { Public } from '../platform/auth/access.decorator.js';
import { DidService } from './did.service.js';
import { BUNDLED_CONTEXTS, XUEJI_CONTEXT_URL } from './domain/document-loader.js';
/** Public documents relying parties dereference: issuer DID documents and our JSON-LD context. */
let DidController = class DidController {
    constructor(dids) {
        this.dids = dids;
    }
    async didDocument(code) {
        const document = /^\d{6}$|^\d{10}$/.test(code) ? await this.dids.documentForCode(code) : null;
        if (!document)
            throw new NotFoundError('DID document');
        return document;
    }
    context() {
        return BUNDLED_CONTEXTS[XUEJI_CONTEXT_URL];
    }
};
__decorate([
    Get('issuers/:code/did.json'),
    Public(),
    Header('Content-Type', 'application/did+ld+json')
    // Short: after a key is revoked, verifiers elsewhere should stop trusting it within a minute.
    ,
    Header('Cache-Control', 'public, max-age=60'),
    __param(0, Param('code')),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String]),
    __metadata("design:returntype", Promise)
], DidController.prototype, "didDocument", null);
__decorate([
    Get('contexts/xueji/v1'),
    Public(),
    Header('Content-Type', 'application/ld+json'),
    Header('Cache-Control', 'public, max-age=86400'),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", []),
    __metadata("design:returntype", void 0)
], DidController.prototype, "context", null);
DidController = __decorate([
    Controller(),
    __metadata("design:paramtypes", [DidService])
], DidController);
export { DidController };
//# sourceMappingURL=did.controller.js.map