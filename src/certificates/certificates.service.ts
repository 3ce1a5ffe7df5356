import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { ConflictError, NotFoundError } from '../common/errors/domain-error.js';
import { onUniqueViolation } from '../database/unique-violation.js';
import { DidService } from '../identity/did.service.js';
import { DocumentLoaderService } from '../identity/document-loader.service.js';
import { KeyStoreService } from '../identity/key-store.service.js';
import { AuditService } from '../platform/audit/audit.service.js';
import { subtreeFilter, type Principal } from '../platform/auth/principal.js';
import { OrganisationsService } from '../platform/organisations/organisations.service.js';
import { StudentsService } from '../registry/students.service.js';
import { todayInChina } from '../common/time/china-date.js';
import { CertificateEntity } from './certificate.entity.js';
import { issueCredential } from './domain/data-integrity.js';
import { buildGraduationCredential, formatCertificateNumber } from './domain/graduation-credential.js';
import type { CertificateView } from './dto/certificate.dto.js';

const ALREADY_ISSUED = () =>
  new ConflictError('CERTIFICATE_ALREADY_ISSUED', 'a valid graduation certificate already exists for this student');

/** Graduation certificates signed by the school's supervising authority (第十九条). */
@Injectable()
export class CertificatesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly students: StudentsService,
    private readonly organisations: OrganisationsService,
    private readonly keys: KeyStoreService,
    private readonly dids: DidService,
    private readonly loader: DocumentLoaderService,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async issueGraduation(principal: Principal, studentId: string, now = new Date()): Promise<CertificateView> {
    const graduate = await this.students.graduateFor(principal, studentId);
    const repo = this.dataSource.getRepository(CertificateEntity);
    if (await repo.existsBy({ studentId, kind: 'graduation', status: 'valid' })) throw ALREADY_ISSUED();

    const authority = await this.organisations.byId(principal.organisationId);
    const issuerDid = this.dids.didForCode(authority.code);
    const signer = await this.keys.ed25519Signer(authority.id, this.dids.methodIdFor(authority.code));
    const [{ seq }] = await this.dataSource.query(`SELECT nextval('certificate_number_seq') AS seq`);
    const certificateId = randomUUID();
    const credential = buildGraduationCredential({
      certificateId,
      certificateNumber: formatCertificateNumber(authority.code, Number(todayInChina(now).slice(0, 4)), BigInt(seq)),
      issuer: { id: issuerDid, name: authority.name },
      issuedAt: now,
      student: graduate,
      school: { code: graduate.schoolCode, name: graduate.schoolName },
    });
    const signed = await issueCredential({ credential, signer, documentLoader: this.loader.load, now });

    const saved = await this.dataSource
      .transaction(async (em) => {
        const row = await em.getRepository(CertificateEntity).save({
          id: certificateId,
          certificateNumber: credential.credentialSubject.certificateNumber,
          kind: 'graduation' as const,
          studentId,
          scopePath: graduate.scopePath,
          issuerOrganisationId: authority.id,
          issuerDid,
          credential: signed as Record<string, unknown>,
          status: 'valid' as const,
          issuedBy: principal.accountId,
          issuedAt: now,
        });
        await this.audit.append(em, principal, {
          action: 'certificate.issued',
          recordType: 'certificate',
          recordId: row.id,
          scopePath: row.scopePath,
          details: { kind: row.kind, certificateNumber: row.certificateNumber, studentId, issuerDid },
        });
        return row;
      })
      .catch(onUniqueViolation('certificates_one_valid_per_kind', ALREADY_ISSUED));
    return this.view(saved);
  }

  async get(principal: Principal, id: string): Promise<CertificateView> {
    return this.view(await this.findVisible(principal, id));
  }

  async listForStudent(principal: Principal, studentId: string): Promise<CertificateView[]> {
    await this.students.get(principal, studentId);
    const rows = await this.dataSource.getRepository(CertificateEntity).find({ where: { studentId }, order: { issuedAt: 'ASC' } });
    return rows.map((r) => this.view(r));
  }

  /** The URL a certificate's QR code carries: short, stable, and free of personal data. */
  verificationUrl(certificateId: string): string {
    return `${this.config.publicUrl}/verify/${certificateId}`;
  }

  async findVisible(principal: Principal, id: string): Promise<CertificateEntity> {
    const scope = subtreeFilter(principal, 'c.scope_path');
    const row = await this.dataSource
      .getRepository(CertificateEntity)
      .createQueryBuilder('c')
      .where('c.id = :id', { id })
      .andWhere(scope.where, scope.params)
      .getOne();
    if (!row) throw new NotFoundError('Certificate');
    return row;
  }

  private view(row: CertificateEntity): CertificateView {
    const base = `${this.config.publicUrl}/certificates/${row.id}`;
    return {
      id: row.id,
      certificateNumber: row.certificateNumber,
      kind: row.kind,
      status: row.status,
      studentId: row.studentId,
      issuerDid: row.issuerDid,
      issuedAt: row.issuedAt.toISOString(),
      verificationUrl: this.verificationUrl(row.id),
      qrSvgUrl: `${base}/qr.svg`,
      qrPngUrl: `${base}/qr.png`,
      verifiableCredential: row.credential,
    };
  }
}
