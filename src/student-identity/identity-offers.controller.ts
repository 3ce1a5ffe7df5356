import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { parseInput } from '../common/validation/parse.js';
import { uuidParam } from '../common/validation/uuid-param.js';
import { ALL_ROLES, Roles } from '../platform/auth/access.decorator.js';
import { CurrentPrincipal } from '../platform/auth/current-principal.decorator.js';
import type { Principal } from '../platform/auth/principal.js';
import { CreateIdentityOfferRequest, GuardianConsentRequest } from './dto/identity-offer.dto.js';
import { GuardianConsentsService } from './guardian-consents.service.js';
import { IdentityOffersService } from './identity-offers.service.js';

/** The school (or the authority right above it) records consents and makes identity credential offers. */
@Controller()
export class IdentityOffersController {
  constructor(
    private readonly offers: IdentityOffersService,
    private readonly consents: GuardianConsentsService,
  ) {}

  @Get('students/:id/guardian-consents')
  @Roles(...ALL_ROLES)
  listConsents(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    return this.consents.listForStaff(principal, uuidParam(id, 'id'));
  }

  @Post('students/:id/guardian-consents')
  @Roles('school_registrar', 'county_admin')
  consent(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() body: unknown) {
    return this.offers.recordConsent(principal, uuidParam(id, 'id'), parseInput(GuardianConsentRequest, body));
  }

  @Post('students/:id/identity-offers')
  @Roles('school_registrar', 'county_admin')
  offer(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() body: unknown) {
    return this.offers.createOffer(principal, uuidParam(id, 'id'), parseInput(CreateIdentityOfferRequest, body));
  }
}
