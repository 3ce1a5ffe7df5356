import { Body, Controller, Get, Header, HttpCode, Param, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { parseInput } from '../common/validation/parse.js';
import { isUuid } from '../common/validation/uuid-param.js';
import { AUTHORITY_ROLES, Public, Roles } from '../platform/auth/access.decorator.js';
import { CurrentPrincipal } from '../platform/auth/current-principal.decorator.js';
import type { Principal } from '../platform/auth/principal.js';
import { UpdateCredentialStatusRequest, VerifyCredentialRequest } from './dto/certificate.dto.js';
import { CredentialStatusService } from './status/credential-status.service.js';
import { renderVerificationPage } from './verification-page.js';
import { VerificationService } from './verification.service.js';

/** Public verification: the W3C VC API endpoint and the page behind every certificate's QR code. */
@Controller()
export class VcApiController {
  constructor(
    private readonly verification: VerificationService,
    private readonly statuses: CredentialStatusService,
  ) {}

  /** VC API (VCALM) status update, by the issuing authority: its own DID must be the issuer. */
  @Post('credentials/status')
  @Roles(...AUTHORITY_ROLES)
  @HttpCode(200)
  updateStatus(@CurrentPrincipal() principal: Principal, @Body() body: unknown) {
    const input = parseInput(UpdateCredentialStatusRequest, body);
    const [entry] = Array.isArray(input.credentialStatus) ? input.credentialStatus : [input.credentialStatus];
    return this.statuses.update(principal, { credentialId: input.credentialId, purpose: entry.statusPurpose, value: input.status, reason: input.reason });
  }

  @Post('credentials/verify')
  @Public()
  @HttpCode(200)
  async verify(@Body() body: unknown, @Res({ passthrough: true }) res: Response) {
    const { verifiableCredential } = parseInput(VerifyCredentialRequest, body);
    const report = await this.verification.verify(verifiableCredential);
    if (!report.verified) res.status(422);
    return {
      verified: report.verified,
      status: report.status,
      checks: report.checks.filter((c) => c.ok === true).map((c) => c.check),
      problemDetails: report.problems,
      warnings: report.warnings,
    };
  }

  @Get('verify/:id')
  @Public()
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  async page(@Param('id') id: string, @Res({ passthrough: true }) res: Response) {
    const certificate = isUuid(id) ? await this.verification.findById(id.toLowerCase()) : null;
    if (!certificate) res.status(404);
    const report = certificate ? await this.verification.verify(certificate.credential, new Date(), certificate) : null;
    const credential = certificate?.credential as { credentialSubject?: Record<string, unknown>; issuer?: { id: string; name: string } } | undefined;
    return renderVerificationPage({
      verified: report?.verified ?? false,
      status: certificate?.status ?? null,
      checks: report?.checks ?? [],
      subject: credential?.credentialSubject ?? null,
      issuer: credential?.issuer ?? null,
      checkedAt: new Date().toISOString(),
    });
  }
}
