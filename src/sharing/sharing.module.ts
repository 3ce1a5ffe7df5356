import { Module } from '@nestjs/common';
import { CertificatesModule } from '../certificates/certificates.module.js';
import { IdentityModule } from '../identity/identity.module.js';
import { RegistryModule } from '../registry/registry.module.js';
import { StudentIdentityModule } from '../student-identity/student-identity.module.js';
import { WorkflowModule } from '../workflow/workflow.module.js';
import { AccessLogService } from './access-log.service.js';
import { StudentExportService } from './exports/student-export.service.js';
import { HolderAuthService } from './holders/holder-auth.service.js';
import { GuardianDisclosuresController, HolderController, VerificationCodePageController } from './holders/holder.controller.js';
import { HolderDisclosuresService } from './holders/holder-disclosures.service.js';
import { VerificationCodesService } from './holders/verification-codes.service.js';
import { ApprovalsService } from './approvals.service.js';
import { ClientAuthService } from './client-auth.service.js';
import { PresentationRequestsController } from './presentation-requests.controller.js';
import { PresentationRequestsService } from './presentation-requests.service.js';
import { PresentationResponsesService } from './presentation-responses.service.js';
import { RelyingSystemsService } from './relying-systems.service.js';
import { SharingController } from './sharing.controller.js';

/**
 * Sharing with relying systems under recorded approvals (第二十四条: 谁批准、谁负责): relying
 * systems with their public keys (private_key_jwt), approvals decided on the request engine by a
 * county-level or higher authority, suspended or revoked by it; OpenID4VP presentation requests
 * within an approval, answered by the student's wallet, logged in the access log.
 */
@Module({
  imports: [WorkflowModule, RegistryModule, IdentityModule, CertificatesModule, StudentIdentityModule],
  controllers: [SharingController, HolderController, GuardianDisclosuresController, VerificationCodePageController, PresentationRequestsController],
  providers: [
    RelyingSystemsService,
    ApprovalsService,
    ClientAuthService,
    StudentExportService,
    HolderAuthService,
    HolderDisclosuresService,
    VerificationCodesService,
    AccessLogService,
    PresentationRequestsService,
    PresentationResponsesService,
  ],
  exports: [ApprovalsService, RelyingSystemsService, ClientAuthService],
})
export class SharingModule {}
