import { Body, Controller, Get, Header, HttpCode, Param, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { parseInput } from '../common/validation/parse.js';
import { uuidParam } from '../common/validation/uuid-param.js';
import { ALL_ROLES, AUTHORITY_ROLES, Roles } from '../platform/auth/access.decorator.js';
import { CurrentPrincipal } from '../platform/auth/current-principal.decorator.js';
import type { Principal } from '../platform/auth/principal.js';
import { CertificatesService } from './certificates.service.js';
import { CertificateStatusChangeRequest, IssueCertificateRequest } from './dto/certificate.dto.js';
import { qrPng, qrSvg } from './qr.js';
import { CredentialStatusService } from './status/credential-status.service.js';

@Controller()
export class CertificatesController {
  constructor(
    private readonly certificates: CertificatesService,
    private readonly statuses: CredentialStatusService,
  ) {}

  /** 201 with the certificate; 202 when the record is held for the authority above's second approval. */
  @Post('students/:id/certificates')
  @Roles('county_admin')
  async issue(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() body: unknown, @Res({ passthrough: true }) res: Response) {
    const { kind } = parseInput(IssueCertificateRequest, body);
    const answer = await this.certificates.issue(principal, uuidParam(id, 'id'), kind);
    if ('status' in answer && answer.status === 'second_approval_required') res.status(202);
    return answer;
  }

  @Get('students/:id/certificates')
  @Roles(...ALL_ROLES)
  listForStudent(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    return this.certificates.listForStudent(principal, uuidParam(id, 'id'));
  }

  @Get('certificates/:id')
  @Roles(...ALL_ROLES)
  get(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    return this.certificates.get(principal, uuidParam(id, 'id'));
  }

  @Post('certificates/:id/revocation')
  @HttpCode(200)
  @Roles(...AUTHORITY_ROLES)
  revoke(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() body: unknown) {
    return this.changeStatus(principal, id, body, 'revocation', true);
  }

  @Post('certificates/:id/suspension')
  @HttpCode(200)
  @Roles(...AUTHORITY_ROLES)
  suspend(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() body: unknown) {
    return this.changeStatus(principal, id, body, 'suspension', true);
  }

  @Post('certificates/:id/reinstatement')
  @HttpCode(200)
  @Roles(...AUTHORITY_ROLES)
  reinstate(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() body: unknown) {
    return this.changeStatus(principal, id, body, 'suspension', false);
  }

  @Post('certificates/:id/correction')
  @Roles(...AUTHORITY_ROLES)
  correct(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() body: unknown) {
    const { reason } = parseInput(CertificateStatusChangeRequest, body);
    return this.certificates.correct(principal, uuidParam(id, 'id'), reason);
  }

  @Get('certificates/:id/qr.svg')
  @Roles(...ALL_ROLES)
  @Header('Content-Type', 'image/svg+xml')
  async qrSvg(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    const cert = await this.certificates.findVisible(principal, uuidParam(id, 'id'));
    return qrSvg(this.certificates.verificationUrl(cert.id));
  }

  @Get('certificates/:id/qr.png')
  @Roles(...ALL_ROLES)
  async qrPng(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Res() res: Response) {
    const cert = await this.certificates.findVisible(principal, uuidParam(id, 'id'));
    res.type('image/png').send(await qrPng(this.certificates.verificationUrl(cert.id)));
  }

  private async changeStatus(principal: Principal, id: string, body: unknown, purpose: 'revocation' | 'suspension', value: boolean) {
    const certificateId = uuidParam(id, 'id');
    const { reason } = parseInput(CertificateStatusChangeRequest, body);
    // Only the issuing authority: anyone else's certificate reads as missing.
    await this.certificates.findIssuedBy(principal, certificateId);
    await this.statuses.update(principal, { credentialId: `urn:uuid:${certificateId}`, purpose, value, reason });
    return this.certificates.getIssued(principal, certificateId);
  }
}
