var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
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
let BatchesModule = class BatchesModule {
};
BatchesModule = __decorate([
    Module({
        imports: [RegistryModule, IdentityModule, JobsModule, CertificatesModule],
        controllers: [LeaverListsController],
        providers: [LeaverListsService, LeaverListReads, BatchIssuanceService, BatchContexts],
    })
], BatchesModule);
export { BatchesModule };
//# sourceMappingURL=batches.module.js.map