import { Module } from '@nestjs/common';
import { IdentityModule } from '../identity/identity.module.js';
import { RegistryModule } from '../registry/registry.module.js';
import { ContextsController } from './contexts.controller.js';
import { CertificatesController } from './certificates.controller.js';
import { CertificatesService } from './certificates.service.js';
import { VcApiController } from './vc-api.controller.js';
import { VerificationService } from './verification.service.js';
import { CredentialStatusService } from './status/credential-status.service.js';
import { StatusListController } from './status/status-list.controller.js';
import { StatusListService } from './status/status-list.service.js';

@Module({
  imports: [RegistryModule, IdentityModule],
  controllers: [CertificatesController, ContextsController, VcApiController, StatusListController],
  providers: [CertificatesService, VerificationService, StatusListService, CredentialStatusService],
})
export class CertificatesModule {}
