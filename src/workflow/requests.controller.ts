import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ValidationError } from '../common/errors/domain-error.js';
import { parseInput } from '../common/validation/parse.js';
import { uuidParam } from '../common/validation/uuid-param.js';
import { ALL_ROLES, Roles } from '../platform/auth/access.decorator.js';
import { CurrentPrincipal } from '../platform/auth/current-principal.decorator.js';
import type { Principal } from '../platform/auth/principal.js';
import { DecideStepRequest, ListRequestsQuery } from './dto/request.dto.js';
import { RequestsService } from './requests.service.js';

/** Requests of every kind; opening one belongs to its kind's own route (e.g. a student's suspension). */
@Controller('requests')
export class RequestsController {
  constructor(private readonly requests: RequestsService) {}

  @Get()
  @Roles(...ALL_ROLES)
  list(@CurrentPrincipal() principal: Principal, @Query() query: unknown) {
    return this.requests.list(principal, parseInput(ListRequestsQuery, query, 'query'));
  }

  @Get('inbox')
  @Roles(...ALL_ROLES)
  inbox(@CurrentPrincipal() principal: Principal) {
    return this.requests.inbox(principal);
  }

  @Get(':id')
  @Roles(...ALL_ROLES)
  get(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    return this.requests.get(principal, uuidParam(id, 'id'));
  }

  @Post(':id/steps/:index/decision')
  @HttpCode(200)
  @Roles(...ALL_ROLES)
  decide(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Param('index') index: string, @Body() body: unknown) {
    if (!/^\d{1,2}$/.test(index)) throw ValidationError.field('index', 'must be a step number');
    return this.requests.decide(principal, uuidParam(id, 'id'), Number(index), parseInput(DecideStepRequest, body));
  }
}
