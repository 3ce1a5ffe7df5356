import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ValidationError } from '../../common/errors/domain-error.js';
import { parseInput } from '../../common/validation/parse.js';
import { uuidParam } from '../../common/validation/uuid-param.js';
import { AUTHORITY_ROLES, Roles } from '../../platform/auth/access.decorator.js';
import { CurrentPrincipal } from '../../platform/auth/current-principal.decorator.js';
import type { Principal } from '../../platform/auth/principal.js';
import { ListSecondApprovalsQuery, SecondReviewRequest } from './dto/second-approval.dto.js';
import { SecondApprovals } from './second-approvals.service.js';

/** Separation of duties: the authority above the confirming one approves or refuses held rows. */
@Controller()
export class SecondApprovalsController {
  constructor(private readonly approvals: SecondApprovals) {}

  @Get('second-approvals')
  @Roles(...AUTHORITY_ROLES)
  awaiting(@CurrentPrincipal() principal: Principal, @Query() query: unknown) {
    return this.approvals.awaiting(principal, parseInput(ListSecondApprovalsQuery, query, 'query'));
  }

  @Post('leaver-lists/:id/items/:position/second-review')
  @HttpCode(200)
  @Roles(...AUTHORITY_ROLES)
  review(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Param('position') position: string, @Body() body: unknown) {
    return this.approvals.review(principal, uuidParam(id, 'id'), positionParam(position), parseInput(SecondReviewRequest, body));
  }
}

/** A row's position: a small non-negative integer (checked before it reaches an int column). */
function positionParam(value: string): number {
  if (!/^\d{1,6}$/.test(value)) throw ValidationError.field('position', 'position must be a non-negative integer');
  return Number(value);
}
