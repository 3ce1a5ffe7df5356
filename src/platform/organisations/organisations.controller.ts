import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { parseInput } from '../../common/validation/parse.js';
import { ALL_ROLES, AUTHORITY_ROLES, Roles } from '../auth/access.decorator.js';
import { CurrentPrincipal } from '../auth/current-principal.decorator.js';
import type { Principal } from '../auth/principal.js';
import { CreateOrganisationRequest } from '../dto/platform.dto.js';
import { OrganisationsService } from './organisations.service.js';

@Controller('organisations')
export class OrganisationsController {
  constructor(private readonly organisations: OrganisationsService) {}

  @Post()
  @Roles(...AUTHORITY_ROLES)
  create(@CurrentPrincipal() principal: Principal, @Body() body: unknown) {
    return this.organisations.create(principal, parseInput(CreateOrganisationRequest, body));
  }

  @Get(':code')
  @Roles(...ALL_ROLES)
  get(@CurrentPrincipal() principal: Principal, @Param('code') code: string) {
    return this.organisations.get(principal, code);
  }

  @Get(':code/children')
  @Roles(...ALL_ROLES)
  children(@CurrentPrincipal() principal: Principal, @Param('code') code: string) {
    return this.organisations.children(principal, code);
  }
}
