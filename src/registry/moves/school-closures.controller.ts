import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { parseInput } from '../../common/validation/parse.js';
import { AUTHORITY_ROLES, Roles } from '../../platform/auth/access.decorator.js';
import { CurrentPrincipal } from '../../platform/auth/current-principal.decorator.js';
import type { Principal } from '../../platform/auth/principal.js';
import { CloseSchoolRequest } from './dto/closure.dto.js';
import { SchoolClosuresService } from './school-closures.service.js';

@Controller('organisations')
export class SchoolClosuresController {
  constructor(private readonly closures: SchoolClosuresService) {}

  /** 合并/撤销 (第十二条): an authority over the school. */
  @Post(':code/closure')
  @HttpCode(200)
  @Roles(...AUTHORITY_ROLES)
  close(@CurrentPrincipal() principal: Principal, @Param('code') code: string, @Body() body: unknown) {
    return this.closures.close(principal, code, parseInput(CloseSchoolRequest, body));
  }
}
