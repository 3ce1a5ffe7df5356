import { Body, Controller, Get, Header, Param, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { parseInput } from '../common/validation/parse.js';
import { uuidParam } from '../common/validation/uuid-param.js';
import { ALL_ROLES, Roles } from '../platform/auth/access.decorator.js';
import { CurrentPrincipal } from '../platform/auth/current-principal.decorator.js';
import type { Principal } from '../platform/auth/principal.js';
import { CertificatesService } from './certificates.service.js';
import { IssueCertificateRequest } from './dto/certificate.dto.js';
import { qrPng, qrSvg } from './qr.js';

@Controller()
export class CertificatesController {
  constructor(private readonly certificates: CertificatesService) {}

  @Post('students/:id/certificates')
  @Roles('county_admin')
  issue(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() body: unknown) {
    parseInput(IssueCertificateRequest, body);
    return this.certificates.issueGraduation(principal, uuidParam(id, 'id'));
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
}
