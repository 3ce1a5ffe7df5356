import { Module } from '@nestjs/common';
import { VerificationThreadsModule } from '../../certificates/verifying/verification-threads.module.js';
import { IdentityModule } from '../identity.module.js';
import { AuditHeadController } from './audit-head.controller.js';
import { AuditHeadService } from './audit-head.service.js';

/** The signed audit head. Apart from IdentityModule: checking a kept head verifies a caller's credential on the verification threads, which need IdentityModule's document loader. */
@Module({
  imports: [IdentityModule, VerificationThreadsModule],
  controllers: [AuditHeadController],
  providers: [AuditHeadService],
})
export class AuditHeadModule {}
