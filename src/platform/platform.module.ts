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
import { WarningsController } from './warnings/warnings.controller.js';
import { WarningsService } from './warnings/warnings.service.js';

/** Organisations, accounts, authentication the audit trail and warnings upward: what every module stands on. */
@Global()
@Module({
  controllers: [AuthController, OrganisationsController, AccountsController, AuditController, WarningsController],
  providers: [
    OrganisationsService,
    AccountsService,
    AuditService,
    TokenService,
    WarningsService,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [OrganisationsService, AccountsService, AuditService, WarningsService],
})
export class PlatformModule {}
