import { Module } from '@nestjs/common';
import { RegistryModule } from '../registry/registry.module.js';
import { WorkflowModule } from '../workflow/workflow.module.js';
import { StudentExportService } from './exports/student-export.service.js';
import { CertificatesModule } from '../certificates/certificates.module.js';
import { HolderAuthService } from './holders/holder-auth.service.js';
import { HolderController, VerificationCodePageController } from './holders/holder.controller.js';
import { HolderDisclosuresService } from './holders/holder-disclosures.service.js';
import { VerificationCodesService } from './holders/verification-codes.service.js';
import { ApprovalsService } from './approvals.service.js';
import { ClientAuthService } from './client-auth.service.js';
import { RelyingSystemsService } from './relying-systems.service.js';
import { SharingController } from './sharing.controller.js';

/**
 * Sharing with relying systems under recorded approvals (第二十四条: 谁批准、谁负责): relying
 * systems with their public keys (private_key_jwt), approvals decided on the request engine by a
 * county-level or higher authority, suspended or revoked by it.
 */
@Module({
  imports: [WorkflowModule, RegistryModule, CertificatesModule],
  controllers: [SharingController, HolderController, VerificationCodePageController],
  providers: [RelyingSystemsService, ApprovalsService, ClientAuthService, StudentExportService, HolderAuthService, HolderDisclosuresService, VerificationCodesService],
  exports: [ApprovalsService, RelyingSystemsService, ClientAuthService],
})
export class SharingModule {}
