import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ShownOnce } from '../../common/idempotency/idempotency.interceptor.js';
import { parseInput } from '../../common/validation/parse.js';
import { uuidParam } from '../../common/validation/uuid-param.js';
import { AUTHORITY_ROLES, Roles } from '../auth/access.decorator.js';
import { CurrentPrincipal } from '../auth/current-principal.decorator.js';
import type { Principal } from '../auth/principal.js';
import { CreateAccountRequest, FilingRequest, ListAccountsQuery, TrainingRequest } from '../dto/platform.dto.js';
import { AccountOversightService } from './account-oversight.service.js';
import { AccountsService } from './accounts.service.js';

@Controller('accounts')
export class AccountsController {
  constructor(
    private readonly accounts: AccountsService,
    private readonly oversight: AccountOversightService,
  ) {}

  @Post()
  @ShownOnce()
  @Roles(...AUTHORITY_ROLES)
  create(@CurrentPrincipal() principal: Principal, @Body() body: unknown) {
    return this.accounts.create(principal, parseInput(CreateAccountRequest, body));
  }

  @Get()
  @Roles(...AUTHORITY_ROLES)
  list(@CurrentPrincipal() principal: Principal, @Query() query: unknown) {
    return this.accounts.list(principal, parseInput(ListAccountsQuery, query, 'query'));
  }

  @Post(':id/filing')
  @HttpCode(200)
  @Roles(...AUTHORITY_ROLES)
  file(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() body: unknown) {
    return this.oversight.recordFiling(principal, uuidParam(id, 'id'), parseInput(FilingRequest, body));
  }

  @Post(':id/training')
  @HttpCode(200)
  @Roles(...AUTHORITY_ROLES)
  train(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() body: unknown) {
    return this.oversight.recordTraining(principal, uuidParam(id, 'id'), parseInput(TrainingRequest, body));
  }

  @Post(':id/unseal')
  @HttpCode(200)
  @ShownOnce()
  @Roles(...AUTHORITY_ROLES)
  unseal(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    return this.oversight.unseal(principal, uuidParam(id, 'id'));
  }

  @Post(':id/activation-code')
  @HttpCode(200)
  @ShownOnce()
  @Roles(...AUTHORITY_ROLES)
  reissueActivation(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    return this.oversight.reissueActivation(principal, uuidParam(id, 'id'));
  }
}
