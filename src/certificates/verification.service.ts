import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { TtlCache } from '../common/cache/ttl-cache.js';
import { DataSource } from 'typeorm';
import { isUuid } from '../common/validation/uuid-param.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import type { TrustEntry } from '../identity/trust-list/domain/trust-list.js';
import { TrustListService } from '../identity/trust-list/trust-list.service.js';
import { DocumentLoaderService } from '../identity/document-loader.service.js';
import type { DocumentLoader } from '../identity/domain/document-loader.js';
import { CertificateEntity } from './certificate.entity.js';
import {
  issuerIdOf,
  type DataIntegrityProofValue,
  type VerificationCheckName,
  type VerificationProblem,
} from './domain/data-integrity.js';
import { checkCredentialStatuses, type EntryStatus } from './status/domain/status-check.js';
import { StatusListService } from './status/status-list.service.js';
import { VerificationThreads } from './verifying/verification-threads.service.js';

/** Whether a register holds this very proof of `issuerDid` as made before `revokedAt`. */
export type ProofRecords = (issuerDid: string, proof: DataIntegrityProofValue, revokedAt: Date) => Promise<boolean>;

export type CheckName = VerificationCheckName | 'trustedIssuer' | 'statusList' | 'revocation' | 'suspension' | 'status';

/** One check and its result; `ok: null` means it could not be decided (never counted as passed). */
export interface CheckResult {
  check: CheckName;
  ok: boolean | null;
  detail?: string;
}

/** What the credential's status entries say, summed up. `none`: it carries no status. */
export type StatusSummary = 'valid' | 'revoked' | 'suspended' | 'unknown' | 'none';

export interface VerificationReport {
  verified: boolean;
  status: StatusSummary;
  checks: CheckResult[];
  problems: VerificationProblem[];
  warnings: VerificationProblem[];
  /** Present when the credential is a certificate this service issued. */
  certificate: CertificateEntity | null;
  /**
   * The issuer as the trust list knows it (name, level, region, standing): the only source of an
   * issuer's name for our answers and pages. Null: the issuer is not on the trust list.
   */
  issuer: TrustEntry | null;
}

const OK = '';
/** A verified list is trusted again without re-verifying for this long (it is re-read every time). */
const LIST_TTL_MS = 30_000;
const STATUS_PROBLEM = 'https://www.w3.org/TR/vc-data-model-2.0/#STATUS_VERIFICATION_ERROR';
const UNTRUSTED = 'urn:xueji:problem:untrusted-issuer';

/**
 * Verifies a credential the way a relying party would: Data Integrity proof with offline
 * contexts and DIDs, validity period, then its status lists (any issuer's; a list this service
 * does not hold is unreachable offline, so that status is unknown and the answer is not valid).
 */
@Injectable()
export class VerificationService {
  private readonly statusLoader: DocumentLoader;
  /** Verified status lists by content digest: a list is re-verified only when it changes. */
  private readonly verifiedLists = new TtlCache<string, string>(LIST_TTL_MS, 256);
  private readonly proofRecords: ProofRecords[] = [];

  constructor(
    private readonly dataSource: DataSource,
    private readonly loader: DocumentLoaderService,
    private readonly trust: TrustListService,
    private readonly lists: StatusListService,
    private readonly threads: VerificationThreads,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.statusLoader = async (url) => {
      const document = await this.lists.documentFor(url);
      return document ? { contextUrl: null, documentUrl: url, document } : this.loader.load(url);
    };
  }

  /**
   * Other registers of what this service signed (the identity credentials'): asked, like the
   * certificates' rows, whether a proof by a since-revoked key was made before its compromise.
   */
  registerProofRecords(records: ProofRecords): void {
    this.proofRecords.push(records);
  }

  /** `known`: the certificate the caller already read, to spare a second look-up. */
  async verify(credential: unknown, now = new Date(), known?: CertificateEntity): Promise<VerificationReport> {
    const certificate = known ?? (await this.findCertificate(credential));
    // The signature checks run on a verification thread (VERIFY_THREADS), which asks back here
    // for DID documents and, for a proof by a since-revoked key, for the register's records.
    const outcome = await this.threads.run(
      { kind: 'credential', credential, now },
      {
        recordedBefore: async (proof, revokedAt) => {
          if (recordedBefore(certificate, proof, revokedAt)) return true;
          const issuerDid = issuerIdOf(asObject(credential));
          for (const records of this.proofRecords) if (issuerDid && (await records(issuerDid, proof, revokedAt))) return true;
          return false;
        },
      },
    );
    const issuerId = issuerIdOf(asObject(credential)) ?? null;
    const issuer = await this.trust.entryFor(issuerId);
    const report: VerificationReport = { ...outcome, status: 'none', warnings: [], certificate: null, issuer };
    report.checks.push({
      check: 'trustedIssuer',
      ok: issuer !== null,
      detail: issuer ? `on the trust list: ${issuer.name}` : 'the issuer is not on the trust list',
    });
    // (A credential naming no issuer URL already failed on that; one reason is enough.)
    if (!issuer && issuerId !== null) {
      // Not an education authority of this register, whatever name the credential gives itself.
      // Only the W3C suites' conformance mode (loopback) takes their throwaway issuers' credentials
      // as verified, with the warning.
      const untrusted = { type: UNTRUSTED, title: 'Issuer not on the trust list', detail: 'the issuer is not an education authority of this register' };
      if (this.config.conformanceIssuerSeed) report.warnings.push(untrusted);
      else {
        report.verified = false;
        report.problems.push(untrusted);
      }
    }
    report.certificate = certificate;
    if (outcome.checks.every((c) => c.check !== 'proof' || c.ok) && hasStatus(credential)) {
      this.applyStatuses(report, await checkCredentialStatuses(credential as Record<string, unknown>, this.statusLoader, this.verifyList));
    } else if (report.certificate && !hasStatus(credential)) {
      this.applyRegisterStatus(report, report.certificate);
    }
    return report;
  }

  /** A status list credential is a credential like any other: proof, issuer's key, validity. */
  private readonly verifyList = async (list: Record<string, unknown>): Promise<string | null> => {
    const digest = createHash('sha256').update(JSON.stringify(list)).digest('base64url');
    const cached = this.verifiedLists.get(digest);
    if (cached !== undefined) return cached === OK ? null : cached;
    const outcome = await this.threads.run({ kind: 'credential', credential: list, now: new Date() });
    const problem = outcome.verified ? null : (outcome.problems[0]?.detail ?? 'the status list credential did not verify');
    this.verifiedLists.set(digest, problem ?? OK);
    return problem;
  };

  async findById(certificateId: string): Promise<CertificateEntity | null> {
    return this.dataSource.getRepository(CertificateEntity).findOneBy({ id: certificateId });
  }

  private applyStatuses(report: VerificationReport, statuses: EntryStatus[]): void {
    const reachable = statuses.every((s) => s.verdict !== 'unknown');
    report.checks.push({
      check: 'statusList',
      ok: reachable,
      detail: reachable ? 'every status list was loaded and its signature verified' : statuses.find((s) => s.verdict === 'unknown')!.detail,
    });
    for (const purpose of ['revocation', 'suspension'] as const) {
      const entry = statuses.find((s) => s.statusPurpose === purpose);
      if (!entry) continue;
      const ok = entry.verdict === 'unknown' ? null : entry.verdict === 'clear';
      report.checks.push({ check: purpose, ok, detail: entry.verdict === 'unknown' ? 'status unknown' : entry.detail });
    }
    const revoked = statuses.some((s) => s.statusPurpose === 'revocation' && s.verdict === 'set');
    const suspended = statuses.some((s) => s.statusPurpose === 'suspension' && s.verdict === 'set');
    report.status = revoked ? 'revoked' : suspended ? 'suspended' : reachable ? 'valid' : 'unknown';
    if (report.status !== 'valid') {
      report.verified = false;
      const detail =
        report.status === 'unknown'
          ? 'the status of the credential could not be checked, so it cannot be confirmed valid'
          : `the issuer has ${report.status} this credential`;
      report.problems.push({ type: STATUS_PROBLEM, title: report.status === 'unknown' ? 'Status unknown' : `Credential ${report.status}`, detail });
    }
    for (const other of statuses.filter((s) => s.statusPurpose !== 'revocation' && s.statusPurpose !== 'suspension' && s.verdict === 'set')) {
      report.warnings.push({ type: STATUS_PROBLEM, title: `Status "${other.statusPurpose}" set`, detail: other.detail });
    }
  }

  /** Certificates issued before status lists existed: the register's record is the status. */
  private applyRegisterStatus(report: VerificationReport, certificate: CertificateEntity): void {
    const valid = certificate.status === 'valid';
    report.status = certificate.status;
    report.checks.push({ check: 'status', ok: valid, detail: `the register records this certificate as ${certificate.status}` });
    if (!valid) {
      report.verified = false;
      report.problems.push({ type: STATUS_PROBLEM, title: 'Certificate not valid', detail: `the certificate is ${certificate.status}` });
    }
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

/**
 * A proof by a since-revoked key counts only if the register issued that very proof before the
 * compromise: our certificate row holds the signed credential and its issuing time, which a
 * holder of the stolen key can neither write nor backdate. (A status-list entry alone would not
 * do: it binds a credential id, not content, so a forgery could reuse an honest entry.)
 */
function recordedBefore(certificate: CertificateEntity | null, proof: DataIntegrityProofValue, revokedAt: Date): boolean {
  if (!certificate || certificate.issuedAt.getTime() >= revokedAt.getTime()) return false;
  const stored = certificate.credential.proof as DataIntegrityProofValue | DataIntegrityProofValue[] | undefined;
  const storedProofs = Array.isArray(stored) ? stored : stored ? [stored] : [];
  return storedProofs.some((p) => p.proofValue === proof.proofValue && p.verificationMethod === proof.verificationMethod);
}

function hasStatus(credential: unknown): boolean {
  const status = (asObject(credential) as { credentialStatus?: unknown }).credentialStatus;
  return status !== undefined && status !== null;
}

function asObject(value: unknown): { issuer?: unknown } {
  return typeof value === 'object' && value !== null ? value : {};
}
