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
import { SecondApprovalsController } from './second-approvals.controller.js';
import { SecondApprovals } from './second-approvals.service.js';

/** Leaver lists and their signing job on the queue. */
@Module({
  imports: [RegistryModule, IdentityModule, JobsModule, CertificatesModule],
  controllers: [LeaverListsController, SecondApprovalsController],
  providers: [LeaverListsService, LeaverListReads, BatchIssuanceService, BatchContexts, SecondApprovals],
})
export class BatchesModule {}
