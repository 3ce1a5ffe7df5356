import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AccountsController } from './accounts/accounts.controller.js';
import { AccountOversightService } from './accounts/account-oversight.service.js';
import { AccountSealingService } from './accounts/account-sealing.service.js';
import { AccountsService } from './accounts/accounts.service.js';
import { AuditController } from './audit/audit.controller.js';
import { AuditService } from './audit/audit.service.js';
import { BrowserSessions } from './auth/browser-sessions.js';
import { AuthController } from './auth/auth.controller.js';
import { AuthGuard } from './auth/auth.guard.js';
import { CredentialsService } from './auth/credentials.service.js';
import { LoginService } from './auth/login.service.js';
import { TokenService } from './auth/token.service.js';
import { TotpSecrets } from './auth/totp-secrets.js';
import { GuardianAccountsService } from './guardians/guardian-accounts.service.js';
import { OrganisationsController } from './organisations/organisations.controller.js';
import { OrganisationsService } from './organisations/organisations.service.js';
import { EarlyWarningsService } from './read-log/early-warnings.service.js';
import { ReadLogController } from './read-log/read-log.controller.js';
import { ReadLogService } from './read-log/read-log.service.js';
import { WarningsController } from './warnings/warnings.controller.js';
import { WarningsService } from './warnings/warnings.service.js';

/** Organisations, accounts, authentication the audit trail and warnings upward: what every module stands on. */
@Global()
@Module({
  controllers: [AuthController, OrganisationsController, AccountsController, AuditController, WarningsController, ReadLogController],
  providers: [
    OrganisationsService,
    AccountsService,
    AccountOversightService,
    AccountSealingService,
    LoginService,
    CredentialsService,
    TotpSecrets,
    AuditService,
    TokenService,
    BrowserSessions,
    WarningsService,
    ReadLogService,
    EarlyWarningsService,
    GuardianAccountsService,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [BrowserSessions, GuardianAccountsService, OrganisationsService, AccountsService, AccountSealingService, LoginService, TotpSecrets, AuditService, WarningsService, ReadLogService, EarlyWarningsService],
})
export class PlatformModule {}
