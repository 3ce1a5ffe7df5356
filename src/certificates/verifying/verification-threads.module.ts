import { Module } from '@nestjs/common';
import { IdentityModule } from '../../identity/identity.module.js';
import { VerificationThreads } from './verification-threads.service.js';

/**
 * The one pool of verification threads, for every module whose public routes do cryptographic
 * work on caller-supplied documents (verify, derive, the audit head check): one queue bound and
 * one time limit for all of them.
 */
@Module({
  imports: [IdentityModule],
  providers: [VerificationThreads],
  exports: [VerificationThreads],
})
export class VerificationThreadsModule {}
