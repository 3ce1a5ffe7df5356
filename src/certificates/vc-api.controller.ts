import { Body, Controller, HttpCode, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { parseInput } from '../common/validation/parse.js';
import { Public } from '../platform/auth/access.decorator.js';
import { VerifyCredentialRequest, VerifyPresentationRequest } from './dto/certificate.dto.js';
import { PresentationVerificationService } from './presentation-verification.service.js';
import { VerificationService } from './verification.service.js';

/** Public verification: the W3C VC API verifier endpoint (the issuer's are VcApiIssuerController; the page behind the QR code is VerificationPageController). */
@Controller()
export class VcApiController {
  constructor(
    private readonly verification: VerificationService,
    private readonly presentations: PresentationVerificationService,
  ) {}

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
      // From the trust list, never from the credential: who the issuer is, if the register knows it.
      issuer: report.issuer ? { ...report.issuer, trusted: true } : { trusted: false },
    };
  }

  @Post('presentations/verify')
  @Public()
  @HttpCode(200)
  async verifyPresentation(@Body() body: unknown, @Res({ passthrough: true }) res: Response) {
    const { verifiablePresentation, options } = parseInput(VerifyPresentationRequest, body);
    const report = await this.presentations.verify(verifiablePresentation, options);
    if (!report.verified) res.status(422);
    return report;
  }
}
