import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { parseInput } from '../common/validation/parse.js';
import { AUTHORITY_ROLES, RolesOrAnonymous } from '../platform/auth/access.decorator.js';
import type { AuthenticatedRequest } from '../platform/auth/auth.guard.js';
import { ConformanceStatusUpdateRequest, IssueCredentialRequest, UpdateCredentialStatusRequest } from './dto/certificate.dto.js';
import { VcApiIssuerService } from './vc-api-issuer.service.js';

/**
 * W3C VC API (VCALM) issuer endpoints. An education authority calls them with its token; without
 * a token they answer only in conformance mode (see VcApiIssuerService), otherwise 401.
 */
@Controller()
export class VcApiIssuerController {
  constructor(private readonly issuance: VcApiIssuerService) {}

  @Post('credentials/issue')
  @RolesOrAnonymous(...AUTHORITY_ROLES)
  issue(@Req() req: AuthenticatedRequest, @Body() body: unknown) {
    const { credential, options } = parseInput(IssueCredentialRequest, body);
    return this.issuance.issue(req.principal ?? null, credential, new Date(), { mandatoryPointers: options?.mandatoryPointers });
  }

  /** Sets (or, for suspension, clears) one status of a credential the caller's issuer issued. */
  @Post('credentials/status')
  @RolesOrAnonymous(...AUTHORITY_ROLES)
  @HttpCode(200)
  updateStatus(@Req() req: AuthenticatedRequest, @Body() body: unknown) {
    const input = parseInput(req.principal ? UpdateCredentialStatusRequest : ConformanceStatusUpdateRequest, body);
    const [entry] = Array.isArray(input.credentialStatus) ? input.credentialStatus : [input.credentialStatus];
    return this.issuance.updateStatus(req.principal ?? null, {
      credentialId: input.credentialId,
      purpose: entry.statusPurpose,
      value: input.status,
      reason: input.reason,
    });
  }
}
