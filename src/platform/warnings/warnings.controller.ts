import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { parseInput } from '../../common/validation/parse.js';
import { uuidParam } from '../../common/validation/uuid-param.js';
import { AUTHORITY_ROLES, Roles } from '../auth/access.decorator.js';
import { CurrentPrincipal } from '../auth/current-principal.decorator.js';
import type { Principal } from '../auth/principal.js';
import { AcknowledgeWarningRequest, ListWarningsQuery } from './dto/warning.dto.js';
import { WarningsService } from './warnings.service.js';

/** Warnings are for the authorities above what they concern (a school never reads its own). */
@Controller('warnings')
export class WarningsController {
  constructor(private readonly warnings: WarningsService) {}

  @Get()
  @Roles(...AUTHORITY_ROLES)
  list(@CurrentPrincipal() principal: Principal, @Query() query: unknown) {
    return this.warnings.list(principal, parseInput(ListWarningsQuery, query, 'query'));
  }

  @Post(':id/acknowledgement')
  @HttpCode(200)
  @Roles(...AUTHORITY_ROLES)
  acknowledge(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() body: unknown) {
    return this.warnings.acknowledge(principal, uuidParam(id, 'id'), parseInput(AcknowledgeWarningRequest, body).note);
  }
}
