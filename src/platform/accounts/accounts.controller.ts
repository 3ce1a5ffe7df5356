import { Body, Controller, Post } from '@nestjs/common';
import { parseInput } from '../../common/validation/parse.js';
import { AUTHORITY_ROLES, Roles } from '../auth/access.decorator.js';
import { CurrentPrincipal } from '../auth/current-principal.decorator.js';
import type { Principal } from '../auth/principal.js';
import { CreateAccountRequest } from '../dto/platform.dto.js';
import { AccountsService } from './accounts.service.js';

@Controller('accounts')
export class AccountsController {
  constructor(private readonly accounts: AccountsService) {}

  @Post()
  @Roles(...AUTHORITY_ROLES)
  create(@CurrentPrincipal() principal: Principal, @Body() body: unknown) {
    return this.accounts.create(principal, parseInput(CreateAccountRequest, body));
  }
}
