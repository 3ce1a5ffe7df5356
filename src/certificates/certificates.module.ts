import { Module } from '@nestjs/common';
import { IdentityModule } from '../identity/identity.module.js';
import { RegistryModule } from '../registry/registry.module.js';
import { CertificatesController } from './certificates.controller.js';
import { CertificatesService } from './certificates.service.js';
import { VcApiController } from './vc-api.controller.js';
import { VerificationService } from './verification.service.js';

@Module({
  imports: [RegistryModule, IdentityModule],
  controllers: [CertificatesController, VcApiController],
  providers: [CertificatesService, VerificationService],
})
export class CertificatesModule {}
