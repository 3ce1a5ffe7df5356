var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
import { Module } from '@nestjs/common';
import { IdentityModule } from '../identity/identity.module.js';
import { RegistryModule } from '../registry/registry.module.js';
import { ContextsController } from './contexts.controller.js';
import { CertificatesController } from './certificates.controller.js';
import { CertificatesService } from './certificates.service.js';
import { CredentialSignerService } from './credential-signer.service.js';
import { VcApiController } from './vc-api.controller.js';
import { VcApiIssuerController } from './vc-api-issuer.controller.js';
import { VcApiIssuerService } from './vc-api-issuer.service.js';
import { CertificatePrintController } from './certificate-print.controller.js';
import { VerificationPageController } from './verification-page.controller.js';
import { VerificationPageService } from './verification-page.service.js';
import { VerificationService } from './verification.service.js';
import { CredentialStatusService } from './status/credential-status.service.js';
import { StatusListController } from './status/status-list.controller.js';
import { StatusListService } from './status/status-list.service.js';
let CertificatesModule = class CertificatesModule {
};
CertificatesModule = __decorate([
    Module({
        imports: [RegistryModule, IdentityModule],
        controllers: [CertificatesController, ContextsController, VcApiController, VcApiIssuerController, StatusListController, VerificationPageController, CertificatePrintController],
        exports: [CertificatesService],
        providers: [CertificatesService, CredentialSignerService, VerificationService, StatusListService, CredentialStatusService, VerificationPageService, VcApiIssuerService],
    })
], CertificatesModule);
export { CertificatesModule };
//# sourceMappingURL=certificates.module.js.map