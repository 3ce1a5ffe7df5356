import { Controller, Get, Param } from '@nestjs/common';
import { uuidParam } from '../../common/validation/uuid-param.js';
import { ALL_ROLES, Roles } from '../../platform/auth/access.decorator.js';
import { CurrentPrincipal } from '../../platform/auth/current-principal.decorator.js';
import type { Principal } from '../../platform/auth/principal.js';
import { RecordHistoryService } from './record-history.service.js';

/** The record's field history (corrections, 第十三条) and former identity documents. */
@Controller('students')
export class RecordHistoryController {
  constructor(private readonly history: RecordHistoryService) {}

  @Get(':id/field-changes')
  @Roles(...ALL_ROLES)
  fieldChanges(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    return this.history.fieldChanges(principal, uuidParam(id, 'id'));
  }

  @Get(':id/identity-documents')
  @Roles(...ALL_ROLES)
  identityDocuments(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    return this.history.identityDocuments(principal, uuidParam(id, 'id'));
  }
}
