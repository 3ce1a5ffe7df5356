import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { isUuid } from '../common/validation/uuid-param.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { CertificateEntity } from './certificate.entity.js';
import { pageView, type PageView, type RegisterRecord } from './verification-page-model.js';
import { VerificationService } from './verification.service.js';

/**
 * Gathers what the public verification page shows: the verification report, and for a
 * certificate of this register its recorded reason and the certificate that replaced it.
 */
@Injectable()
export class VerificationPageService {
  /** Root-relative path of the pages, under PUBLIC_URL's own path if it has one. */
  readonly basePath: string;

  constructor(
    private readonly verification: VerificationService,
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.basePath = `${new URL(config.publicUrl).pathname.replace(/\/+$/, '')}/verify`;
  }

  /** The page behind a QR code; an id that is not a certificate of ours is `notFound`. */
  async forCertificate(id: string, now = new Date()): Promise<PageView> {
    const certificate = isUuid(id) ? await this.verification.findById(id.toLowerCase()) : null;
    if (!certificate) return pageView({ report: null, credential: null, register: null, checkedAt: now });
    const report = await this.verification.verify(certificate.credential, now, certificate);
    return pageView({ report, credential: certificate.credential, register: await this.registerRecord(certificate), checkedAt: now });
  }

  /** A credential someone was handed, shown as they were given it. */
  async forCredential(credential: unknown, now = new Date()): Promise<PageView> {
    const report = await this.verification.verify(credential, now);
    const register = report.certificate ? await this.registerRecord(report.certificate) : null;
    return pageView({ report, credential, register, checkedAt: now });
  }

  private async registerRecord(certificate: CertificateEntity): Promise<RegisterRecord> {
    const replacement = await this.dataSource
      .getRepository(CertificateEntity)
      .findOne({ select: { id: true }, where: { replacesId: certificate.id }, order: { issuedAt: 'DESC' } });
    return {
      status: certificate.status,
      statusReason: certificate.statusReason,
      statusChangedAt: certificate.statusChangedAt,
      replacedBy: replacement?.id ?? null,
    };
  }
}
