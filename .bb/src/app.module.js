var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var AppModule_1;
import { Module } from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR } from '@nestjs/core';
import { BatchesModule } from './certificates/batches/batches.module.js';
import { CertificatesModule } from './certificates/certificates.module.js';
import { IdempotencyInterceptor } from './common/idempotency/idempotency.interceptor.js';
import { IdempotencyService } from './common/idempotency/idempotency.service.js';
import { ProblemFilter } from './common/errors/problem.filter.js';
import { OpenApiController } from './common/openapi/openapi.controller.js';
import { ConfigModule } from './config/config.module.js';
import { DatabaseModule } from './database/database.module.js';
import { HealthController } from './health/health.controller.js';
import { IdentityModule } from './identity/identity.module.js';
import { PlatformModule } from './platform/platform.module.js';
import { RegistryModule } from './registry/registry.module.js';
import { SharingModule } from './sharing/sharing.module.js';
let AppModule = AppModule_1 = class AppModule {
    static forRoot(config) {
        return {
            module: AppModule_1,
            imports: [
                ConfigModule.forRoot(config),
                DatabaseModule,
                PlatformModule,
                RegistryModule,
                IdentityModule,
                CertificatesModule,
                BatchesModule,
                SharingModule,
            ],
            controllers: [HealthController, OpenApiController],
            providers: [
                { provide: APP_FILTER, useClass: ProblemFilter },
                IdempotencyService,
                { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
            ],
        };
    }
};
AppModule = AppModule_1 = __decorate([
    Module({})
], AppModule);
export { AppModule };
//# sourceMappingURL=app.module.js.map