import { Module } from '@nestjs/common';
import { IdentityModule } from '../../identity/identity.module.js';
import { JobsModule } from '../../jobs/jobs.module.js';
import { RegistryModule } from '../../registry/registry.module.js';
import { CertificatesModule } from '../certificates.module.js';
import { BatchContexts } from './batch-context.js';
import { BatchIssuanceService } from './batch-issuance.service.js';
import { LeaverListReads } from './leaver-list.reads.js';
import { LeaverListsController } from './leaver-lists.controller.js';
import { LeaverListsService } from './leaver-lists.service.js';

/** Leaver lists and their signing job on the queue. */
@Module({
  imports: [RegistryModule, IdentityModule, JobsModule, CertificatesModule],
  controllers: [LeaverListsController],
  providers: [LeaverListsService, LeaverListReads, BatchIssuanceService, BatchContexts],
})
export class BatchesModule {}
