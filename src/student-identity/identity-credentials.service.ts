import { randomUUID, type JsonWebKey } from 'node:crypto';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { VerificationService } from '../certificates/verification.service.js';
import { DataSource, type EntityManager } from 'typeorm';
import { UnprocessableError } from '../common/errors/domain-error.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { parseStatusListUrl } from '../certificates/status/domain/status-list.js';
import { StatusListService } from '../certificates/status/status-list.service.js';
import { DidService } from '../identity/did.service.js';
import { DocumentLoaderService } from '../identity/document-loader.service.js';
import { IssuerSignerService } from '../identity/issuer-signer.service.js';
import { issueSdJwtVc } from '../identity/sd-jwt/domain/sd-jwt-vc.js';
import type { StudentIdentityClaims } from '../identity/sd-jwt/domain/sd-jwt-vc-claims.js';
import { ageOverClaims, validityPeriod } from '../identity/student-credential/domain/identity-claims.js';
import { issueSelectiveCredential } from '../identity/student-credential/domain/selective-disclosure.js';
import {
  buildStudentIdentityCredential,
  ENROLMENT_STATUSES,
  type EducationStage,
  type EnrolmentStatus,
  type Gender,
  type StudentIdentityFacts,
} from '../identity/student-credential/domain/student-identity-credential.js';
import { pathCodes } from '../platform/organisations/domain/org-level.js';
import { sdJwtSignatureDigest, sdProofSignatureDigest } from './domain/signature-digest.js';
import { identityVct, sdJwtIssuerId, tokenStatusListUrl, type IdentityFormat } from './domain/configurations.js';

/** The holder key a copy is bound to: a did:key for the W3C form, a public JWK for SD-JWT VC. */
export type HolderKey = { format: 'ldp_vc'; did: string } | { format: 'dc+sd-jwt'; jwk: JsonWebKey; thumbprint: string };

export interface IssuedIdentityCredential {
  id: string;
  format: IdentityFormat;
  /** The credential as the wallet receives it: a JSON object (ldp_vc) or a compact SD-JWT. */
  credential: Record<string, unknown> | string;
}

interface StudentRow {
  id: string;
  school_id: string;
  scope_path: string;
  name: string;
  gender: Gender;
  birth_date: string;
  student_number: string;
  education_stage: EducationStage;
  grade: number;
  status: EnrolmentStatus;
}

interface Authority {
  id: string;
  code: string;
  name: string;
}

/**
 * The student identity credential (学生可信教育数字身份), built from the register as it is at
 * issuance and signed by the student's supervising education authority (the organisation right
 * above the school), in either format, each copy bound to its own holder key and carrying its
 * own status entry. The same status entry serves both standards: the W3C form points at the
 * authority's Bitstring Status Lists, the SD-JWT form at the Token Status List the service
 * publishes from the same entries (one allocation, one revocation, two encodings).
 */
@Injectable()
export class IdentityCredentialsService implements OnModuleInit {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly lists: StatusListService,
    private readonly issuers: IssuerSignerService,
    private readonly loader: DocumentLoaderService,
    private readonly dids: DidService,
    private readonly dataSource: DataSource,
    private readonly verification: VerificationService,
  ) {}

  onModuleInit(): void {
    // After a key's compromise our verifier accepts a disclosure of a copy the register signed before it.
    this.verification.registerProofRecords(async (issuerDid, proof, revokedAt) =>
      proof.cryptosuite === 'ecdsa-sd-2023' ? this.issuedBefore(issuerDid, sdProofSignatureDigest(proof.proofValue), revokedAt) : false,
    );
  }

  /** One copy per holder key, inside the caller's transaction (which also marks the offer). */
  async issueIn(em: EntityManager, offerId: string, studentId: string, holders: HolderKey[], now: Date): Promise<IssuedIdentityCredential[]> {
    const student = await this.student(em, studentId);
    const { facts, authority } = await this.factsOf(em, student);
    const ed25519 = await this.issuers.forOrganisation(authority.id, authority.code, authority.name, em);
    const p256 = await this.issuers.signerFor(authority, 'P-256', em);
    const ids = holders.map(() => randomUUID());
    const entries = await this.lists.allocate(em, ed25519, ids.map((id) => `urn:uuid:${id}`), now);
    const { validFrom, validUntil } = validityPeriod(now);
    const out: IssuedIdentityCredential[] = [];
    for (const [i, holder] of holders.entries()) {
      const revocation = entries[i][0];
      const list = parseStatusListUrl(this.config.publicUrl, revocation.statusListCredential)!;
      const index = Number(revocation.statusListIndex);
      let credential: Record<string, unknown> | string;
      if (holder.format === 'ldp_vc') {
        const unsigned = buildStudentIdentityCredential(facts, { publicUrl: this.config.publicUrl, validFrom, validUntil, holderDid: holder.did, credentialStatus: entries[i] });
        credential = await issueSelectiveCredential({ credential: unsigned as unknown as Record<string, unknown>, signer: p256, documentLoader: this.loader.load, now });
      } else {
        credential = await issueSdJwtVc({
          claims: sdJwtClaims(facts, validFrom, validUntil),
          issuer: { iss: sdJwtIssuerId(this.config.publicUrl, authority.code), kid: p256.id, privateKey: p256.key },
          holderJwk: holder.jwk,
          vct: identityVct(this.config.publicUrl),
          iat: now,
          nbf: validFrom,
          exp: validUntil,
          status: { idx: index, uri: tokenStatusListUrl(this.config.publicUrl, list.listSeq) },
        });
      }
      // What the register keeps of the issuer signature, so that it can vouch for it after a compromise.
      const signatureDigest =
        typeof credential === 'string' ? sdJwtSignatureDigest(credential) : sdProofSignatureDigest((credential.proof as { proofValue?: unknown }).proofValue);
      await em.query(
        `INSERT INTO identity_credentials (id, offer_id, student_id, scope_path, issuer_did, format, holder_key, valid_from, valid_until, issued_at, signature_digest)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
        [ids[i], offerId, student.id, student.scope_path, ed25519.id, holder.format, holder.format === 'ldp_vc' ? holder.did : holder.thumbprint, validFrom, validUntil, now, signatureDigest],
      );
      out.push({ id: ids[i], format: holder.format, credential });
    }
    return out;
  }

  /** The student's record, as an offer's issuance reads it (a student who left the register has none). */
  /** Whether the register issued a credential of `issuerDid` with this signature before `before`. */
  async issuedBefore(issuerDid: string, signatureDigest: string | null, before: Date): Promise<boolean> {
    if (!signatureDigest) return false;
    const [row] = await this.dataSource.query(
      `SELECT 1 FROM identity_credentials WHERE signature_digest = $1 AND issuer_did = $2 AND issued_at < $3 LIMIT 1`,
      [signatureDigest, issuerDid, before],
    );
    return row !== undefined;
  }

  /**
   * Whose copy carries this issuer signature (a presented credential's), with what sharing needs
   * to decide: the student's organisation path, birth date and whether a guardian's consent is
   * recorded and not withdrawn. Null for a credential the register did not issue.
   */
  async holderOf(signatureDigest: string | null): Promise<{ studentId: string; scopePath: string; birthDate: string; guardianConsent: boolean } | null> {
    if (!signatureDigest) return null;
    const [row] = await this.dataSource.query(
      `SELECT c.student_id, s.scope_path, s.birth_date::text AS birth_date,
              EXISTS (SELECT 1 FROM guardian_consents g WHERE g.student_id = c.student_id AND g.withdrawn_at IS NULL) AS consent
         FROM identity_credentials c JOIN students s ON s.id = c.student_id WHERE c.signature_digest = $1 LIMIT 1`,
      [signatureDigest],
    );
    return row ? { studentId: row.student_id, scopePath: row.scope_path, birthDate: row.birth_date, guardianConsent: row.consent === true } : null;
  }

  private async student(em: EntityManager, studentId: string): Promise<StudentRow> {
    const [row] = await em.query(
      `SELECT id, school_id, scope_path, name, gender, birth_date::text AS birth_date, student_number, education_stage, grade, status
         FROM students WHERE id = $1`,
      [studentId],
    );
    if (!row) throw new UnprocessableError('STUDENT_NOT_ON_REGISTER', 'the student is no longer on the register');
    if (!(ENROLMENT_STATUSES as readonly string[]).includes(row.status)) throw new UnprocessableError('NOT_ENROLLED', 'an identity credential is issued for a student on the register only');
    return row as StudentRow;
  }

  /** Facts from the register: the school, its county, city and province, and the signing authority (the school's parent). */
  async factsOf(em: EntityManager, student: StudentRow): Promise<{ facts: StudentIdentityFacts; authority: Authority }> {
    const codes = pathCodes(student.scope_path);
    const orgs: Array<{ id: string; code: string; name: string; level: string }> = await em.query(
      `SELECT id, code, name, level FROM organisations WHERE code = ANY($1::varchar[])`,
      [codes],
    );
    const byLevel = new Map(orgs.map((o) => [o.level, o]));
    const school = byLevel.get('school');
    const county = byLevel.get('county');
    const city = byLevel.get('city');
    const province = byLevel.get('province');
    if (!school || !county || !city || !province) {
      throw new UnprocessableError('SCHOOL_NOT_PLACED', 'the school is not under a province, city and county, so its region cannot be stated');
    }
    const authority = orgs.find((o) => o.code === codes[codes.length - 2])!;
    return {
      authority: { id: authority.id, code: authority.code, name: authority.name },
      facts: {
        issuer: { id: this.dids.didForCode(authority.code), name: authority.name },
        student: {
          name: student.name,
          gender: student.gender,
          birthDate: student.birth_date,
          studentNumber: student.student_number,
          educationStage: student.education_stage,
          grade: student.grade,
          enrolmentStatus: student.status,
        },
        school: {
          code: school.code,
          name: school.name,
          province: { code: province.code, name: province.name },
          city: { code: city.code, name: city.name },
          county: { code: county.code, name: county.name },
        },
      },
    };
  }
}


/** The same facts as SD-JWT VC claims (registry names: `birthdate`; region as province/city/county). */
export function sdJwtClaims(facts: StudentIdentityFacts, validFrom: Date, validUntil: Date): StudentIdentityClaims {
  const { student, school } = facts;
  return {
    name: student.name,
    gender: student.gender,
    birthdate: student.birthDate,
    student_number: student.studentNumber,
    school: { name: school.name, code: school.code },
    region: { province: school.province, city: school.city, county: school.county },
    education_stage: student.educationStage,
    grade: student.grade,
    enrolment_status: student.enrolmentStatus,
    ...ageOverClaims(student.birthDate, validFrom, validUntil),
  };
}

