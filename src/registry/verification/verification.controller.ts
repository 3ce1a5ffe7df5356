import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { parseInput } from '../../common/validation/parse.js';
import { uuidParam } from '../../common/validation/uuid-param.js';
import { ALL_ROLES, AUTHORITY_ROLES, Roles } from '../../platform/auth/access.decorator.js';
import { CurrentPrincipal } from '../../platform/auth/current-principal.decorator.js';
import type { Principal } from '../../platform/auth/principal.js';
import { DropoutsService } from '../dropouts/dropouts.service.js';
import { FlagDropoutRequest, FollowUpRequest, ListDropoutsQuery } from '../dropouts/dto/dropout.dto.js';
import { ConfirmRosterRequest, ListProblemsQuery, ResolveProblemRequest } from './dto/verification.dto.js';
import { RecordProblemsService } from './record-problems.service.js';
import { SemesterVerificationService } from './semester-verification.service.js';

/** 学籍核准 (第二十五条): a school confirms its roster each semester; the run's problems go to its authority. */
@Controller()
export class VerificationController {
  constructor(
    private readonly verification: SemesterVerificationService,
    private readonly problems: RecordProblemsService,
  ) {}

  @Post('schools/:code/roster-confirmations')
  @Roles('school_registrar')
  confirm(@CurrentPrincipal() principal: Principal, @Param('code') code: string, @Body() body: unknown) {
    return this.verification.confirm(principal, code, parseInput(ConfirmRosterRequest, body));
  }

  @Get('record-problems')
  @Roles(...ALL_ROLES)
  list(@CurrentPrincipal() principal: Principal, @Query() query: unknown) {
    return this.problems.list(principal, parseInput(ListProblemsQuery, query, 'query'));
  }

  @Post('record-problems/:id/resolution')
  @HttpCode(200)
  @Roles(...AUTHORITY_ROLES)
  resolve(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() body: unknown) {
    return this.problems.resolve(principal, uuidParam(id, 'id'), parseInput(ResolveProblemRequest, body));
  }
}

/** 控辍保学 (第十七条): the drop-out ledger of the caller's subtree. */
@Controller('dropouts')
export class DropoutsController {
  constructor(private readonly dropouts: DropoutsService) {}

  @Get()
  @Roles(...ALL_ROLES)
  list(@CurrentPrincipal() principal: Principal, @Query() query: unknown) {
    return this.dropouts.list(principal, parseInput(ListDropoutsQuery, query, 'query'));
  }

  @Post()
  @Roles(...AUTHORITY_ROLES)
  flag(@CurrentPrincipal() principal: Principal, @Body() body: unknown) {
    return this.dropouts.flag(principal, parseInput(FlagDropoutRequest, body));
  }

  @Post(':id/follow-ups')
  @Roles(...ALL_ROLES)
  followUp(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() body: unknown) {
    return this.dropouts.followUp(principal, uuidParam(id, 'id'), parseInput(FollowUpRequest, body));
  }
}
