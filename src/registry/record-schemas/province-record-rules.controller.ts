import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { parseInput } from '../../common/validation/parse.js';
import { ALL_ROLES, Roles } from '../../platform/auth/access.decorator.js';
import { CurrentPrincipal } from '../../platform/auth/current-principal.decorator.js';
import type { Principal } from '../../platform/auth/principal.js';
import { PutRecordSchemaRequest } from '../dto/record-schema.dto.js';
import { ProvinceRecordRulesService } from './province-record-rules.service.js';

@Controller('provinces')
export class ProvinceRecordRulesController {
  constructor(private readonly rules: ProvinceRecordRulesService) {}

  @Get(':code/record-schema')
  @Roles(...ALL_ROLES)
  get(@CurrentPrincipal() principal: Principal, @Param('code') code: string) {
    return this.rules.get(principal, code);
  }

  @Put(':code/record-schema')
  @Roles('national_admin', 'province_admin')
  put(@CurrentPrincipal() principal: Principal, @Param('code') code: string, @Body() body: unknown) {
    return this.rules.put(principal, code, parseInput(PutRecordSchemaRequest, body));
  }
}
