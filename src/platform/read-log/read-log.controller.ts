import { Controller, Get, Query } from '@nestjs/common';
import { parseInput } from '../../common/validation/parse.js';
import { AUTHORITY_ROLES, Roles } from '../auth/access.decorator.js';
import { CurrentPrincipal } from '../auth/current-principal.decorator.js';
import type { Principal } from '../auth/principal.js';
import { ListReadsQuery } from './dto/read-log.dto.js';
import { ReadLogService } from './read-log.service.js';

/** Authorities read who in their subtree read which records (第二十三、二十四条). */
@Controller('audit')
export class ReadLogController {
  constructor(private readonly readLog: ReadLogService) {}

  @Get('reads')
  @Roles(...AUTHORITY_ROLES)
  list(@CurrentPrincipal() principal: Principal, @Query() query: unknown) {
    return this.readLog.list(principal, parseInput(ListReadsQuery, query, 'query'));
  }
}
