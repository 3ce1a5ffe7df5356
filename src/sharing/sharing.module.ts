import { Module } from '@nestjs/common';
import { WorkflowModule } from '../workflow/workflow.module.js';
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
  imports: [WorkflowModule],
  controllers: [SharingController],
  providers: [RelyingSystemsService, ApprovalsService, ClientAuthService],
  exports: [ApprovalsService, RelyingSystemsService, ClientAuthService],
})
export class SharingModule {}
