import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { ConflictError, NotFoundError, UnprocessableError } from '../common/errors/domain-error.js';
import { onUniqueViolation } from '../database/unique-violation.js';
import { IssuerSignerService, type IssuerIdentity } from '../identity/issuer-signer.service.js';
import { AuditService } from '../platform/audit/audit.service.js';
import { subtreeFilter, type Principal } from '../platform/auth/principal.js';
import { OrganisationsService } from '../platform/organisations/organisations.service.js';
import { GraduatesService, type GraduateRecord } from '../registry/graduates.service.js';
import { StudentsService } from '../registry/students.service.js';
import { CertificateEntity, type CertificateKind } from './certificate.entity.js';
import { certificateSink, jsonText, type IssuedCertificate } from './certificate-rows.js';
import { numberingYear, takeCertificateNumbers } from './certificate-numbers.js';
import type { CertificateFacts, EducationStage } from './domain/certificate-credential.js';
import { CertificateHoldsService, type HeldCertificate } from './second-approval/certificate-holds.service.js';
import { SigningThreads } from './signing/signing-threads.service.js';
import type { CertificateView } from './dto/certificate.dto.js';
import { CredentialStatusService } from './status/credential-status.service.js';
import type { BitstringStatusListEntry } from './status/domain/status-list.js';
import { StatusListService } from './status/status-list.service.js';

const ALREADY_ISSUED = () => new ConflictError('CERTIFICATE_ALREADY_ISSUED', 'a certificate of this kind already exists for this student');

export interface IssuingAuthority {
  id: string;
  code: string;
  name: string;
}

/** Who issues: the acting account, its authority, and the authority's opened signer. */
export interface Issuing {
  principal: Principal;
  authority: IssuingAuthority;
  issuer: IssuerIdentity;
}

export interface IssueOptions {
  /** The certificate a correction replaces. */
  replacesId?: string | null;
  /** 'each' (default): one audit entry per certificate; 'caller': the caller audits the batch. */
  audit?: 'each' | 'caller';
  /**
   * True when the caller already dropped graduates holding a certificate of their kind, in this
   * transaction (a batch chunk sorts its rows first); the unique index stays the last word.
   */
  holdersExcluded?: boolean;
  /** Numbers the graduates already hold, in order (a leaver list's rows are numbered at approval); else taken now. */
  numbers?: string[];
  /** A batch chunk signed beside others: it takes a status list no other chunk holds instead of waiting. */
  sideBySide?: boolean;
}

/**
 * Certificates signed by the school's supervising authority (第十九条). Everything that makes a
 * certificate — its number, its status list index, its signature, its row and its audit entry —
 * happens in one transaction: either all of it exists afterwards or none of it does.
 */
@Injectable()
export class CertificatesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly graduates: GraduatesService,
    private readonly students: StudentsService,
    private readonly organisations: OrganisationsService,
    private readonly issuers: IssuerSignerService,
    private readonly signing: SigningThreads,
    private readonly lists: StatusListService,
    private readonly statuses: CredentialStatusService,
    private readonly audit: AuditService,
    private readonly holds: CertificateHoldsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Signs one graduate's certificate — or, for a record younger than its stage, holds it for the
   * second approval of the authority above (certificate-holds.service.ts) and answers the hold.
   */
  async issue(principal: Principal, studentId: string, kind?: CertificateKind, now = new Date()): Promise<CertificateView | HeldCertificate> {
    const graduate = await this.graduates.graduateFor(principal, studentId);
    if (kind && kind !== graduate.kind) {
      throw new UnprocessableError('KIND_NOT_ALLOWED', `the register allows a ${graduate.kind} certificate for this student, not ${kind}`);
    }
    const held = await this.holds.holdFor(principal, graduate);
    if (held) return held;
    const issuing = await this.issuingAs(principal);
    const [saved] = await this.dataSource
      .transaction((em) => this.issueIn(em, issuing, [graduate], now))
      .catch(onUniqueViolation('certificates_one_valid_per_kind', ALREADY_ISSUED));
    return this.view(saved);
  }

  /**
   * A corrected certificate (e.g. after a register correction): a new certificate from the
   * record as it is now, naming the one it replaces, which is revoked as superseded.
   */
  async correct(principal: Principal, certificateId: string, reason: string, now = new Date()): Promise<CertificateView> {
    const old = await this.findIssuedBy(principal, certificateId);
    const graduate = await this.graduates.graduateFor(principal, old.studentId);
    const issuing = await this.issuingAs(principal);
    const [saved] = await this.dataSource.transaction(async (em) => {
      const update = { credentialId: `urn:uuid:${old.id}`, purpose: 'revocation' as const, value: true, reason: `superseded: ${reason}` };
      await this.statuses.updateIn(em, principal, issuing.issuer, update, now);
      return this.issueIn(em, issuing, [graduate], now, { replacesId: old.id });
    });
    return this.view(saved);
  }

  /**
   * Issues one certificate per graduate inside the caller's transaction: numbers and status
   * entries allocated in bulk, each credential signed by the template issuer, rows inserted a
   * hundred at a time while the next ones are signed. The single route audits each certificate;
   * a batch chunk passes `audit: 'caller'` and writes one entry naming its rows (the audit head
   * is one locked row). Used by the single route, corrections and leaver-list chunks alike.
   */
  async issueIn(em: EntityManager, issuing: Issuing, graduates: GraduateRecord[], now: Date, options: IssueOptions = {}): Promise<IssuedCertificate[]> {
    const { principal, authority, issuer } = issuing;
    const replacesId = options.replacesId ?? null;
    if (!options.holdersExcluded && (await this.alreadyIssued(em, graduates)).size > 0) throw ALREADY_ISSUED();
    const ids = graduates.map(() => randomUUID());
    const numbers = options.numbers ?? (await takeCertificateNumbers(em, authority, numberingYear(now), graduates.length));
    const entries = await this.lists.allocate(em, issuer, ids.map((id) => `urn:uuid:${id}`), now, { skipLocked: options.sideBySide });
    const facts = graduates.map((graduate, i) => this.factsFor(graduate, { id: ids[i], number: numbers[i], status: entries[i], replacesId }, issuing, now));
    const slices = this.signing.sign(facts, issuer.signer, now);
    for (const slice of slices) slice.catch(() => undefined); // each is awaited below, or the first failure ends the loop
    const rows: IssuedCertificate[] = [];
    const sink = certificateSink(em);
    for (const slice of slices) {
      for (const signed of await slice) {
        const i = rows.length;
        const graduate = graduates[i];
        const row: IssuedCertificate = {
          id: ids[i],
          certificateNumber: numbers[i],
          kind: graduate.kind,
          studentId: graduate.studentId,
          scopePath: graduate.scopePath,
          issuerOrganisationId: authority.id,
          issuerDid: issuer.id,
          credentialJson: signed.json,
          credential: signed.credential as Record<string, unknown> | undefined,
          status: 'valid',
          issuedBy: principal.accountId,
          issuedAt: now,
          statusReason: null,
          statusChangedAt: null,
          replacesId,
        };
        rows.push(row);
        await sink.add(row);
      }
    }
    await sink.finish();
    if (options.audit !== 'caller') await this.auditEach(em, principal, rows, replacesId);
    return rows;
  }

  /**
   * `studentId/kind` of the graduates who already hold a certificate of their kind (revoked ones
   * aside). One probe of the one-per-kind index per graduate: a chunk asks about hundreds, and
   * as `student_id = ANY(…)` the planner seq-scanned every certificate ever issued (the LATERAL
   * … LIMIT 1 cannot be turned into a join, so the cost follows the chunk, not the table).
   */
  async alreadyIssued(em: EntityManager, graduates: GraduateRecord[]): Promise<Set<string>> {
    if (graduates.length === 0) return new Set();
    const held: Array<{ student_id: string; kind: string }> = await em.query(
      `SELECT t.student_id, t.kind FROM unnest($1::uuid[], $2::varchar[]) AS t(student_id, kind)
         CROSS JOIN LATERAL (SELECT 1 FROM certificates c
                              WHERE c.student_id = t.student_id AND c.kind = t.kind AND c.status <> 'revoked' LIMIT 1) AS held`,
      [graduates.map((g) => g.studentId), graduates.map((g) => g.kind)],
    );
    return new Set(held.map((c) => `${c.student_id}/${c.kind}`));
  }

  private factsFor(
    graduate: GraduateRecord,
    certificate: { id: string; number: string; status: BitstringStatusListEntry[]; replacesId: string | null },
    { authority, issuer }: Issuing,
    now: Date,
  ): CertificateFacts {
    return {
      certificateId: certificate.id,
      certificateNumber: certificate.number,
      kind: graduate.kind,
      issuer: { id: issuer.id, name: authority.name },
      issuedAt: now,
      // Only what the certificate shows: these facts cross to a signing thread.
      student: {
        studentNumber: graduate.studentNumber,
        name: graduate.name,
        gender: graduate.gender,
        birthDate: graduate.birthDate,
        educationStage: graduate.educationStage as EducationStage,
      },
      school: { code: graduate.schoolCode, name: graduate.schoolName },
      studyFrom: graduate.enrolmentDate,
      studyTo: graduate.graduationDate,
      credentialStatus: certificate.status,
      ...(certificate.replacesId ? { replaces: `urn:uuid:${certificate.replacesId}` } : {}),
    };
  }

  private async auditEach(em: EntityManager, principal: Principal, rows: IssuedCertificate[], replacesId: string | null): Promise<void> {
    for (const row of rows) {
      await this.audit.append(em, principal, {
        action: 'certificate.issued',
        recordType: 'certificate',
        recordId: row.id,
        scopePath: row.scopePath,
        details: { kind: row.kind, certificateNumber: row.certificateNumber, studentId: row.studentId, issuerDid: row.issuerDid, replacesId },
      });
    }
  }

  async get(principal: Principal, id: string): Promise<CertificateView> {
    return this.view(await this.findVisible(principal, id));
  }

  /** A certificate the caller's authority issued, wherever its holder is now. */
  async getIssued(principal: Principal, id: string): Promise<CertificateView> {
    return this.view(await this.findIssuedBy(principal, id));
  }

  async listForStudent(principal: Principal, studentId: string): Promise<CertificateView[]> {
    await this.students.get(principal, studentId);
    return (await this.byStudent(studentId)).map((r) => this.view(r));
  }

  /** A student's own certificates, for the student as holder (no organisation scope: it is theirs). */
  async ownedBy(studentId: string): Promise<CertificateView[]> {
    return (await this.byStudent(studentId)).map((r) => this.view(r));
  }

  /**
   * A student's certificates, oldest first, read from the two partial indexes that hold them
   * (the one-valid-per-kind index, and the revoked ones'): there is no plain index by student,
   * so that an issuance writes one index entry fewer.
   */
  private byStudent(studentId: string): Promise<CertificateEntity[]> {
    return this.dataSource
      .getRepository(CertificateEntity)
      .createQueryBuilder('c')
      .where(`(c.student_id = :studentId AND c.status <> 'revoked') OR (c.student_id = :studentId AND c.status = 'revoked')`, { studentId })
      .orderBy('c.issuedAt', 'ASC')
      .getMany();
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

  /**
   * A certificate the caller's own authority issued, wherever its holder has moved since; any
   * other reads as missing.
   */
  async findIssuedBy(principal: Principal, id: string): Promise<CertificateEntity> {
    const row = await this.dataSource.getRepository(CertificateEntity).findOneBy({ id, issuerOrganisationId: principal.organisationId });
    if (!row) throw new NotFoundError('Certificate');
    return row;
  }

  /**
   * The caller's authority with its opened signer. Read before the transaction: inside it
   * nothing may read outside it (the embedded store has one session).
   */
  async issuingAs(principal: Principal): Promise<Issuing> {
    const authority = await this.authorityOf(principal);
    const issuer = await this.issuers.forOrganisation(authority.id, authority.code, authority.name);
    return { principal, authority, issuer };
  }

  async authorityOf(principal: Principal): Promise<IssuingAuthority> {
    const org = await this.organisations.byId(principal.organisationId);
    return { id: org.id, code: org.code, name: org.name };
  }

  view(row: CertificateEntity | IssuedCertificate): CertificateView {
    const base = `${this.config.publicUrl}/certificates/${row.id}`;
    return {
      id: row.id,
      certificateNumber: row.certificateNumber,
      kind: row.kind as CertificateKind,
      status: row.status,
      statusReason: row.statusReason,
      replacesId: row.replacesId,
      studentId: row.studentId,
      issuerDid: row.issuerDid,
      issuedAt: row.issuedAt.toISOString(),
      verificationUrl: this.verificationUrl(row.id),
      qrSvgUrl: `${base}/qr.svg`,
      qrPngUrl: `${base}/qr.png`,
      verifiableCredential: row.credential ?? JSON.parse(jsonText((row as IssuedCertificate).credentialJson)),
    };
  }
}
