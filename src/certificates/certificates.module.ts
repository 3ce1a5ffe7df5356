import { Module } from '@nestjs/common';
import { IdentityModule } from '../identity/identity.module.js';
import { CertificateCustodyService } from './certificate-custody.service.js';
import { RegistryModule } from '../registry/registry.module.js';
import { ContextsController } from './contexts.controller.js';
import { CertificatesController } from './certificates.controller.js';
import { CertificatesService } from './certificates.service.js';
import { CredentialSignerService } from './credential-signer.service.js';
import { SigningThreads } from './signing/signing-threads.service.js';
import { VerificationThreadsModule } from './verifying/verification-threads.module.js';
import { VcApiController } from './vc-api.controller.js';
import { VcApiIssuerController } from './vc-api-issuer.controller.js';
import { VcApiIssuerService } from './vc-api-issuer.service.js';
import { CertificatePrintController } from './certificate-print.controller.js';
import { VerificationPageController } from './verification-page.controller.js';
import { VerificationPageService } from './verification-page.service.js';
import { CertificateHoldsService } from './second-approval/certificate-holds.service.js';
import { WorkflowModule } from '../workflow/workflow.module.js';
import { PresentationVerificationService } from './presentation-verification.service.js';
import { VerificationService } from './verification.service.js';
import { CredentialStatusService } from './status/credential-status.service.js';
import { StatusListController } from './status/status-list.controller.js';
import { StatusListService } from './status/status-list.service.js';

@Module({
  imports: [RegistryModule, IdentityModule, VerificationThreadsModule, WorkflowModule],
  controllers: [CertificatesController, ContextsController, VcApiController, VcApiIssuerController, StatusListController, VerificationPageController, CertificatePrintController],
  exports: [CertificatesService, StatusListService, VerificationService, PresentationVerificationService, VerificationPageService],
  providers: [CertificateCustodyService, CertificateHoldsService, CertificatesService, CredentialSignerService, SigningThreads, VerificationService, PresentationVerificationService, StatusListService, CredentialStatusService, VerificationPageService, VcApiIssuerService],
})
export class CertificatesModule {}
