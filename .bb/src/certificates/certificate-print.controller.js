var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
var __param = (this && this.__param) || function (paramIndex, decorator) {
    return function (target, key) { decorator(target, key, paramIndex); }
};
import { Controller, Get, Header, Param, StreamableFile } from '@nestjs/common';
import { uuidParam } from '../common/validation/uuid-param.js';
import { ALL_ROLES, Roles } from '../platform/auth/access.decorator.js';
import { CurrentPrincipal } from '../platform/auth/current-principal.decorator.js';
import { CertificatesService } from './certificates.service.js';
import { renderCertificateHtml } from './print/certificate-html.js';
import { renderCertificatePdf } from './print/certificate-pdf.js';
import { printableFromCredential } from './print/printable-from-credential.js';
/** The certificate to print, as HTML or PDF, for accounts that may see it (the scope of GET /certificates/:id). */
let CertificatePrintController = class CertificatePrintController {
    constructor(certificates) {
        this.certificates = certificates;
    }
    async html(principal, id) {
        return renderCertificateHtml((await this.printable(principal, id)).model);
    }
    async pdf(principal, id) {
        const { model, number } = await this.printable(principal, id);
        const pdf = await renderCertificatePdf(model);
        // The number, never the name: file names end up in download folders, mail and logs.
        return new StreamableFile(pdf, { type: 'application/pdf', disposition: `attachment; filename="${fileName(number)}.pdf"`, length: pdf.length });
    }
    async printable(principal, id) {
        const certificate = await this.certificates.findVisible(principal, uuidParam(id, 'id'));
        const model = printableFromCredential(certificate.credential, {
            status: certificate.status,
            verificationUrl: this.certificates.verificationUrl(certificate.id),
        });
        return { model, number: certificate.certificateNumber };
    }
};
__decorate([
    Get(':id/print.html'),
    Roles(...ALL_ROLES),
    Header('Content-Type', 'text/html; charset=utf-8'),
    Header('Cache-Control', 'private, no-store'),
    Header('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; img-src data:"),
    __param(0, CurrentPrincipal()),
    __param(1, Param('id')),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, String]),
    __metadata("design:returntype", Promise)
], CertificatePrintController.prototype, "html", null);
__decorate([
    Get(':id/print.pdf'),
    Roles(...ALL_ROLES),
    Header('Cache-Control', 'private, no-store'),
    __param(0, CurrentPrincipal()),
    __param(1, Param('id')),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, String]),
    __metadata("design:returntype", Promise)
], CertificatePrintController.prototype, "pdf", null);
CertificatePrintController = __decorate([
    Controller('certificates'),
    __metadata("design:paramtypes", [CertificatesService])
], CertificatePrintController);
export { CertificatePrintController };
/** Certificate numbers are digits and hyphens; anything else is dropped rather than quoted. */
function fileName(certificateNumber) {
    return certificateNumber.replace(/[^0-9A-Za-z-]/g, '') || 'certificate';
}
//# sourceMappingURL=certificate-print.controller.js.map