import { Controller, Get, Header, Param, StreamableFile } from '@nestjs/common';
import { uuidParam } from '../common/validation/uuid-param.js';
import { ALL_ROLES, Roles } from '../platform/auth/access.decorator.js';
import { CurrentPrincipal } from '../platform/auth/current-principal.decorator.js';
import type { Principal } from '../platform/auth/principal.js';
import { CertificatesService } from './certificates.service.js';
import { renderCertificateHtml } from './print/certificate-html.js';
import { renderCertificatePdf } from './print/certificate-pdf.js';
import type { PrintableCertificate } from './print/printable-certificate.js';
import { printableFromCredential } from './print/printable-from-credential.js';

/** The certificate to print, as HTML or PDF, for accounts that may see it (the scope of GET /certificates/:id). */
@Controller('certificates')
export class CertificatePrintController {
  constructor(private readonly certificates: CertificatesService) {}

  @Get(':id/print.html')
  @Roles(...ALL_ROLES)
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'private, no-store')
  @Header('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; img-src data:")
  async html(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    return renderCertificateHtml((await this.printable(principal, id)).model);
  }

  @Get(':id/print.pdf')
  @Roles(...ALL_ROLES)
  @Header('Cache-Control', 'private, no-store')
  async pdf(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    const { model, number } = await this.printable(principal, id);
    const pdf = await renderCertificatePdf(model);
    // The number, never the name: file names end up in download folders, mail and logs.
    return new StreamableFile(pdf, { type: 'application/pdf', disposition: `attachment; filename="${fileName(number)}.pdf"`, length: pdf.length });
  }

  private async printable(principal: Principal, id: string): Promise<{ model: PrintableCertificate; number: string }> {
    const certificate = await this.certificates.findVisible(principal, uuidParam(id, 'id'));
    const model = printableFromCredential(certificate.credential, {
      status: certificate.status,
      verificationUrl: this.certificates.verificationUrl(certificate.id),
    });
    return { model, number: certificate.certificateNumber };
  }
}

/** Certificate numbers are digits and hyphens; anything else is dropped rather than quoted. */
function fileName(certificateNumber: string): string {
  return certificateNumber.replace(/[^0-9A-Za-z-]/g, '') || 'certificate';
}
