import { Body, Controller, Get, Header, HttpCode, Param, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { parseInput } from '../common/validation/parse.js';
import { isUuid } from '../common/validation/uuid-param.js';
import { Public } from '../platform/auth/access.decorator.js';
import { VerifyCredentialRequest } from './dto/certificate.dto.js';
import { renderVerificationPage } from './verification-page.js';
import { VerificationService } from './verification.service.js';

/** Public verification: the W3C VC API endpoint and the page behind every certificate's QR code. */
@Controller()
export class VcApiController {
  constructor(private readonly verification: VerificationService) {}

  @Post('credentials/verify')
  @Public()
  @HttpCode(200)
  async verify(@Body() body: unknown, @Res({ passthrough: true }) res: Response) {
    const { verifiableCredential } = parseInput(VerifyCredentialRequest, body);
    const report = await this.verification.verify(verifiableCredential);
    if (!report.verified) res.status(422);
    return {
      verified: report.verified,
      checks: report.checks.filter((c) => c.ok).map((c) => c.check),
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
