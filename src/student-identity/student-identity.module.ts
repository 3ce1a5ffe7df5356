import { Module } from '@nestjs/common';
import { CertificatesModule } from '../certificates/certificates.module.js';
import { VerificationThreadsModule } from '../certificates/verifying/verification-threads.module.js';
import { IdentityModule } from '../identity/identity.module.js';
import { RegistryModule } from '../registry/registry.module.js';
import { DeriveController } from './derive.controller.js';
import { GuardianConsentsController } from './guardian-consents.controller.js';
import { GuardianConsentsService } from './guardian-consents.service.js';
import { IdentityCredentialsService } from './identity-credentials.service.js';
import { IdentityLifecycleService } from './identity-lifecycle.service.js';
import { IdentityOffersController } from './identity-offers.controller.js';
import { IdentityOffersService } from './identity-offers.service.js';
import { IdentityStatusController } from './identity-status.controller.js';
import { JwtVcIssuerService } from './jwt-vc-issuer.service.js';
import { Oid4vciController } from './oid4vci.controller.js';
import { Oid4vciService } from './oid4vci.service.js';
import { SdJwtPresentationsService } from './sd-jwt-presentations.service.js';
import { TokenStatusListService } from './token-status-list.service.js';

/** The student identity credential: offers, OpenID4VCI issuance in two formats, and what SD-JWT verifiers fetch. */
@Module({
  imports: [IdentityModule, CertificatesModule, RegistryModule, VerificationThreadsModule],
  controllers: [IdentityOffersController, GuardianConsentsController, Oid4vciController, IdentityStatusController, DeriveController],
  providers: [IdentityOffersService, GuardianConsentsService, IdentityCredentialsService, Oid4vciService, TokenStatusListService, JwtVcIssuerService, SdJwtPresentationsService, IdentityLifecycleService],
  exports: [TokenStatusListService, JwtVcIssuerService, SdJwtPresentationsService, IdentityCredentialsService],
})
export class StudentIdentityModule {}
