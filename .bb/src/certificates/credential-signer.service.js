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
import { DocumentLoaderService } from '../identity/document-loader.service.js';
import { createTemplateIssuer } from './domain/fast-rdfc/template-issuer.js';
/**
 * Signs every certificate (single or batch) with eddsa-rdfc-2022 through the template issuer:
 * the same bytes as the stock @digitalbazaar/vc path, which it falls back to by itself for any
 * shape it cannot vouch for. One instance per process, so a shape's template is derived once.
 */
let CredentialSignerService = class CredentialSignerService {
    constructor(loader) {
        this.issuer = createTemplateIssuer({ documentLoader: loader.load });
    }
    sign(credential, signer, now) {
        return this.issuer.issue(credential, signer, now);
    }
};
CredentialSignerService = __decorate([
    Injectable(),
    __metadata("design:paramtypes", [DocumentLoaderService])
], CredentialSignerService);
export { CredentialSignerService };
//# sourceMappingURL=credential-signer.service.js.map