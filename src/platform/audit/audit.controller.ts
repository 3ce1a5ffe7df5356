import { Controller, Get, Param } from '@nestjs/common';
import { ALL_ROLES, Roles } from '../auth/access.decorator.js';
import { CurrentPrincipal } from '../auth/current-principal.decorator.js';
import type { Principal } from '../auth/principal.js';
import { AuditService } from './audit.service.js';

@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  /** Recomputes the whole chain. National and provincial authorities oversee its integrity. */
  @Get('verify')
  @Roles('national_admin', 'province_admin')
  verify() {
    return this.audit.verify();
  }

  @Get(':recordType/:recordId')
  @Roles(...ALL_ROLES)
  entries(@CurrentPrincipal() principal: Principal, @Param('recordType') type: string, @Param('recordId') id: string) {
    return this.audit.entriesFor(principal, type, id);
  }
}
