import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR } from '@nestjs/core';
import { BatchesModule } from './certificates/batches/batches.module.js';
import { CertificatesModule } from './certificates/certificates.module.js';
import { BodyDepthInterceptor } from './common/http/body-depth.interceptor.js';
import { IdempotencyInterceptor } from './common/idempotency/idempotency.interceptor.js';
import { IdempotencyService } from './common/idempotency/idempotency.service.js';
import { ProblemFilter } from './common/errors/problem.filter.js';
import { OpenApiController } from './common/openapi/openapi.controller.js';
import type { AppConfig } from './config/config.js';
import { ConfigModule } from './config/config.module.js';
import { DatabaseModule } from './database/database.module.js';
import { HealthController } from './health/health.controller.js';
import { AuditHeadModule } from './identity/audit-head/audit-head.module.js';
import { IdentityModule } from './identity/identity.module.js';
import { PlatformModule } from './platform/platform.module.js';
import { RegistryModule } from './registry/registry.module.js';
import { StudentImportsModule } from './registry/imports/student-imports.module.js';
import { SharingModule } from './sharing/sharing.module.js';
import { StudentIdentityModule } from './student-identity/student-identity.module.js';
import { WorkflowModule } from './workflow/workflow.module.js';

@Module({})
export class AppModule {
  /** `extraImports`: modules built asynchronously beforehand (the rate limits, see createApp). */
  static forRoot(config: AppConfig, extraImports: DynamicModule[] = []): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule,
        ...extraImports,
        PlatformModule,
        RegistryModule,
        StudentImportsModule,
        WorkflowModule,
        IdentityModule,
        AuditHeadModule,
        CertificatesModule,
        BatchesModule,
        SharingModule,
        StudentIdentityModule,
      ],
      controllers: [HealthController, OpenApiController],
      providers: [
        { provide: APP_FILTER, useClass: ProblemFilter },
        IdempotencyService,
        // Order matters: the depth check runs before anything walks the body.
        { provide: APP_INTERCEPTOR, useClass: BodyDepthInterceptor },
        { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
      ],
    };
  }
}
