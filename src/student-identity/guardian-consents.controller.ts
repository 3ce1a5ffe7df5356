import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { parseInput } from '../common/validation/parse.js';
import { uuidParam } from '../common/validation/uuid-param.js';
import { GuardianOnly } from '../platform/auth/access.decorator.js';
import { CurrentGuardian, type GuardianPrincipal } from '../platform/guardians/guardian-principal.js';
import { GiveGuardianConsentRequest } from './dto/identity-offer.dto.js';
import { GuardianConsentsService } from './guardian-consents.service.js';

/** A bound guardian's consents for the child's identity credential (docs/guardians.md); beside the guardians' other routes under /guardian. */
@Controller('guardian/children')
export class GuardianConsentsController {
  constructor(private readonly consents: GuardianConsentsService) {}

  @Get(':id/consents')
  @GuardianOnly()
  list(@CurrentGuardian() guardian: GuardianPrincipal, @Param('id') id: string) {
    return this.consents.list(guardian, uuidParam(id, 'id'));
  }

  @Post(':id/consents')
  @GuardianOnly()
  give(@CurrentGuardian() guardian: GuardianPrincipal, @Param('id') id: string, @Body() body: unknown) {
    return this.consents.give(guardian, uuidParam(id, 'id'), parseInput(GiveGuardianConsentRequest, body));
  }

  @Post(':id/consents/:consentId/withdrawal')
  @HttpCode(200)
  @GuardianOnly()
  withdraw(@CurrentGuardian() guardian: GuardianPrincipal, @Param('id') id: string, @Param('consentId') consentId: string) {
    return this.consents.withdraw(guardian, uuidParam(id, 'id'), uuidParam(consentId, 'consentId'));
  }
}
