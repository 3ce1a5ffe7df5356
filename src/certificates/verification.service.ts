import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { isUuid } from '../common/validation/uuid-param.js';
import { DidService } from '../identity/did.service.js';
import { DocumentLoaderService } from '../identity/document-loader.service.js';
import {
  issuerIdOf,
  verifyCredential,
  type VerificationCheck,
  type VerificationCheckName,
  type VerificationProblem,
} from './domain/data-integrity.js';
import { CertificateEntity } from './certificate.entity.js';

/** A check of the credential itself (VerificationCheck) or of the register: trustedIssuer, status. */
export type CheckResult = Omit<VerificationCheck, 'check'> & { check: VerificationCheckName | 'trustedIssuer' | 'status' };
type ProblemDetail = VerificationProblem;

export interface VerificationReport {
  verified: boolean;
  checks: CheckResult[];
  problems: ProblemDetail[];
  warnings: ProblemDetail[];
  /** Present when the credential is a certificate this service issued. */
  certificate: CertificateEntity | null;
}

const STATUS_PROBLEM = 'https://www.w3.org/TR/vc-data-model-2.0/#STATUS_VERIFICATION_ERROR';
const UNTRUSTED = 'urn:xueji:problem:untrusted-issuer';

/**
 * Verifies a credential the way a relying party would: Data Integrity proof with offline
 * contexts and DIDs, validity period, then — for our own certificates — their status in the
 * register and whether the issuer is still the one recorded.
 */
@Injectable()
export class VerificationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly loader: DocumentLoaderService,
    private readonly dids: DidService,
  ) {}

  /** `known`: the certificate the caller already read, to spare a second look-up. */
  async verify(credential: unknown, now = new Date(), known?: CertificateEntity): Promise<VerificationReport> {
    const outcome = await verifyCredential({ credential, documentLoader: this.loader.load, now });
    const report: VerificationReport = { ...outcome, warnings: [], certificate: null };
    const issuerId = issuerIdOf(asObject(credential)) ?? null;
    const ownIssuer = issuerId !== null && (await this.dids.isEducationAuthority(issuerId));
    report.checks.push({
      check: 'trustedIssuer',
      ok: ownIssuer,
      detail: ownIssuer ? 'issued by an education authority registered in this service' : 'issuer not registered here',
    });
    if (!ownIssuer) {
      report.warnings.push({ type: UNTRUSTED, title: 'Issuer not registered', detail: 'the issuer is not an education authority of this register' });
    }
    const certificate = known ?? (await this.findCertificate(credential));
    if (certificate) {
      report.certificate = certificate;
      const valid = certificate.status === 'valid';
      report.checks.push({ check: 'status', ok: valid, detail: `the register records this certificate as ${certificate.status}` });
      if (!valid) {
        report.verified = false;
        report.problems.push({ type: STATUS_PROBLEM, title: 'Certificate not valid', detail: `the certificate is ${certificate.status}` });
      }
    }
    return report;
  }

  async findById(certificateId: string): Promise<CertificateEntity | null> {
    return this.dataSource.getRepository(CertificateEntity).findOneBy({ id: certificateId });
  }

  private async findCertificate(credential: unknown): Promise<CertificateEntity | null> {
    const id = typeof credential === 'object' && credential !== null ? (credential as { id?: unknown }).id : undefined;
    const uuid = typeof id === 'string' && id.startsWith('urn:uuid:') ? id.slice(9).toLowerCase() : '';
    if (!isUuid(uuid)) return null;
    const row = await this.findById(uuid);
    // Only the certificate we issued under that id counts; a copy claiming it proves nothing.
    return row && row.issuerDid === issuerIdOf(asObject(credential)) ? row : null;
  }
}

function asObject(value: unknown): { issuer?: unknown } {
  return typeof value === 'object' && value !== null ? value : {};
}
