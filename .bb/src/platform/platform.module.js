var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AccountsController } from './accounts/accounts.controller.js';
import { AccountsService } from './accounts/accounts.service.js';
import { AuditController } from './audit/audit.controller.js';
import { AuditService } from './audit/audit.service.js';
import { AuthController } from './auth/auth.controller.js';
import { AuthGuard } from './auth/auth.guard.js';
import { TokenService } from './auth/token.service.js';
import { OrganisationsController } from './organisations/organisations.controller.js';
import { OrganisationsService } from './organisations/organisations.service.js';
/** Organisations, accounts, authentication and the audit trail: what every module stands on. */
let PlatformModule = class PlatformModule {
};
PlatformModule = __decorate([
    Global(),
    Module({
        controllers: [AuthController, OrganisationsController, AccountsController, AuditController],
        providers: [
            OrganisationsService,
            AccountsService,
            AuditService,
            TokenService,
            { provide: APP_GUARD, useClass: AuthGuard },
        ],
        exports: [OrganisationsService, AccountsService, AuditService],
    })
], PlatformModule);
export { PlatformModule };
//# sourceMappingURL=platform.module.js.map