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
import { APP_CONFIG } from '../config/config.js';
import { CREDENTIALS_EXAMPLES_V2, CREDENTIALS_EXAMPLES_V2_URL } from './contexts/credentials-examples-v2.js';
import { XUEJI_CERTIFICATE_CONTEXT_V1, xuejiCertificateContextUrl } from './contexts/xueji-certificate-v1.js';
import { DidService } from './did.service.js';
import { createDocumentLoader } from './domain/document-loader.js';
/** The one JSON-LD document loader of the service: bundled contexts, ours, and our own DIDs; no network. */
let DocumentLoaderService = class DocumentLoaderService {
    constructor(dids, config) {
        // Our certificate context lives under PUBLIC_URL (served by ContextsController); the loader
        // answers it from the same bundled document instead of fetching our own URL. In conformance
        // mode (W3C suites on loopback) it also knows the W3C examples context their inputs use.
        this.load = createDocumentLoader({
            contexts: {
                [xuejiCertificateContextUrl(config.publicUrl)]: XUEJI_CERTIFICATE_CONTEXT_V1,
                ...(config.conformanceIssuerSeed ? { [CREDENTIALS_EXAMPLES_V2_URL]: CREDENTIALS_EXAMPLES_V2 } : {}),
            },
            resolveDid: (did) => dids.resolve(did),
        });
    }
};
DocumentLoaderService = __decorate([
    Injectable(),
    __param(1, Inject(APP_CONFIG)),
    __metadata("design:paramtypes", [DidService, Object])
], DocumentLoaderService);
export { DocumentLoaderService };
//# sourceMappingURL=document-loader.service.js.map