import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { parseInput } from '../../common/validation/parse.js';
import { uuidParam } from '../../common/validation/uuid-param.js';
import { ALL_ROLES, Roles } from '../../platform/auth/access.decorator.js';
import { CurrentPrincipal } from '../../platform/auth/current-principal.decorator.js';
import type { Principal } from '../../platform/auth/principal.js';
import { LeaverListItemsQuery, ListLeaverListsQuery, ProposeLeaverListRequest, RefuseLeaverListRequest } from './dto/leaver-list.dto.js';
import { LeaverListsService } from './leaver-lists.service.js';

/** 第十九条 for a whole class: the school proposes, its supervising authority reviews, a job signs. */
@Controller('leaver-lists')
export class LeaverListsController {
  constructor(private readonly lists: LeaverListsService) {}

  @Post()
  @Roles('school_registrar')
  propose(@CurrentPrincipal() principal: Principal, @Body() body: unknown) {
    return this.lists.propose(principal, parseInput(ProposeLeaverListRequest, body));
  }

  @Get()
  @Roles(...ALL_ROLES)
  list(@CurrentPrincipal() principal: Principal, @Query() query: unknown) {
    return this.lists.list(principal, parseInput(ListLeaverListsQuery, query, 'query'));
  }

  @Get(':id')
  @Roles(...ALL_ROLES)
  get(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Query() query: unknown) {
    return this.lists.get(principal, uuidParam(id, 'id'), parseInput(LeaverListItemsQuery, query, 'query'));
  }

  @Post(':id/approval')
  @HttpCode(200)
  @Roles('county_admin')
  approve(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    return this.lists.approve(principal, uuidParam(id, 'id'));
  }

  @Post(':id/refusal')
  @HttpCode(200)
  @Roles('county_admin')
  refuse(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() body: unknown) {
    return this.lists.refuse(principal, uuidParam(id, 'id'), parseInput(RefuseLeaverListRequest, body).reason);
  }
}
