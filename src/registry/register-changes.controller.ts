import { Body, Controller, Post } from '@nestjs/common';
import { parseInput } from '../common/validation/parse.js';
import { Roles } from '../platform/auth/access.decorator.js';
import { CurrentPrincipal } from '../platform/auth/current-principal.decorator.js';
import type { Principal } from '../platform/auth/principal.js';
import { ChangeRequestsService } from './change-requests/change-requests.service.js';
import { ProgressionRequestBody, PromotionBody } from './dto/change-request.dto.js';
import { PromotionsService } from './promotions/promotions.service.js';

/** Register changes a school starts for more than one record, or for one it does not see yet. */
@Controller('students')
export class RegisterChangesController {
  constructor(
    private readonly changes: ChangeRequestsService,
    private readonly promotions: PromotionsService,
  ) {}

  @Post('progressions')
  @Roles('school_registrar')
  askProgression(@CurrentPrincipal() principal: Principal, @Body() body: unknown) {
    return this.changes.askProgression(principal, parseInput(ProgressionRequestBody, body));
  }

  @Post('promotions')
  @Roles('school_registrar')
  promote(@CurrentPrincipal() principal: Principal, @Body() body: unknown) {
    return this.promotions.promote(principal, parseInput(PromotionBody, body).schoolYear);
  }
}
