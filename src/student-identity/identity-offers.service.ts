import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { z } from 'zod';
import { NotFoundError, UnprocessableError } from '../common/errors/domain-error.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { qrSvg } from '../certificates/qr.js';
import { ENROLMENT_STATUSES } from '../identity/student-credential/domain/student-identity-credential.js';
import { parentCodeOf } from '../platform/organisations/domain/org-level.js';
import { AuditService } from '../platform/audit/audit.service.js';
import type { Principal } from '../platform/auth/principal.js';
import { OFFER_TTL_MS, needsGuardianConsent, newOfferSecrets, secretDigest } from './domain/offers.js';
import type { CreateIdentityOfferRequest, GuardianConsentRequest } from './dto/identity-offer.dto.js';

export interface IdentityOfferView {
  id: string;
  studentId: string;
  credentialOffer: string;
  credentialOfferUri: string;
  txCode: string;
  /** The QR code of `credentialOffer`, as SVG: made now, since the offer's code is never stored. */
  qrSvg: string;
  credentialConfigurations: string[];
  expiresAt: string;
}

interface VisibleStudent {
  id: string;
  scope_path: string;
  birth_date: string;
  status: string;
}

/**
 * A school's side of the identity credential: it records a guardian's consent for a student
 * under 14 and makes the offer a wallet redeems (OpenID4VCI, pre-authorised code with a
 * transaction code). The offer's secrets are answered once, at creation; the store keeps digests.
 */
@Injectable()
export class IdentityOffersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async recordConsent(principal: Principal, studentId: string, input: z.output<typeof GuardianConsentRequest>, now = new Date()) {
    return this.dataSource.transaction(async (em) => {
      const student = await this.visibleStudent(em, principal, studentId);
      const id = randomUUID();
      await em.query(
        `INSERT INTO guardian_consents (id, student_id, scope_path, guardian_name, relation, signed_form_sha256, consented_on, recorded_by, recorded_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [id, student.id, student.scope_path, input.guardianName, input.relation, input.signedFormSha256, input.consentedOn, principal.accountId, now],
      );
      // The guardian's name stays out of the audit trail's details: the consent row holds it.
      await this.audit.append(em, principal, {
        action: 'identity.guardian_consent_recorded',
        recordType: 'student',
        recordId: student.id,
        scopePath: student.scope_path,
        details: { consentId: id, relation: input.relation, signedFormSha256: input.signedFormSha256, consentedOn: input.consentedOn },
      });
      return { id, studentId: student.id, relation: input.relation, signedFormSha256: input.signedFormSha256, consentedOn: input.consentedOn, recordedAt: now.toISOString() };
    });
  }

  async createOffer(principal: Principal, studentId: string, input: z.output<typeof CreateIdentityOfferRequest>, now = new Date()): Promise<IdentityOfferView> {
    const configurations = [...new Set(input.credentialConfigurations)];
    const view = await this.dataSource.transaction(async (em) => {
      const student = await this.visibleStudent(em, principal, studentId);
      if (!(ENROLMENT_STATUSES as readonly string[]).includes(student.status)) {
        throw new UnprocessableError('NOT_ENROLLED', 'an identity credential is offered for a student on the register only');
      }
      let consentId: string | null = null;
      if (needsGuardianConsent(student.birth_date, now)) {
        // A paper consent the school recorded or a guardian's online one, either not withdrawn.
        const [consent] = await em.query(`SELECT id FROM guardian_consents WHERE student_id = $1 AND withdrawn_at IS NULL ORDER BY recorded_at DESC LIMIT 1`, [student.id]);
        if (!consent) {
          throw new UnprocessableError(
            'GUARDIAN_CONSENT_REQUIRED',
            'the student is under 14 and no guardian’s consent stands: record a paper consent (POST /students/{id}/guardian-consents) or have a bound parent consent online before making an offer',
          );
        }
        consentId = consent.id;
      }
      const [issuer] = await em.query(`SELECT id FROM organisations WHERE code = $1`, [parentCodeOf(student.scope_path)]);
      if (!issuer) throw new UnprocessableError('NO_SUPERVISING_AUTHORITY', 'the school has no supervising education authority to sign');
      const id = randomUUID();
      const { preAuthorizedCode, txCode } = newOfferSecrets();
      const expiresAt = new Date(now.getTime() + OFFER_TTL_MS);
      await em.query(
        `INSERT INTO identity_offers (id, student_id, scope_path, issuer_organisation_id, consent_id, configuration_ids, pre_authorized_code_digest, tx_code_digest, created_by, created_at, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
        [id, student.id, student.scope_path, issuer.id, consentId, configurations, secretDigest(preAuthorizedCode), secretDigest(txCode), principal.accountId, now, expiresAt],
      );
      await this.audit.append(em, principal, {
        action: 'identity.offer_created',
        recordType: 'student',
        recordId: student.id,
        scopePath: student.scope_path,
        details: { offerId: id, configurations, consentId, expiresAt: expiresAt.toISOString() },
      });
      const credentialOfferUri = `${this.config.publicUrl}/oid4vci/offers/${preAuthorizedCode}`;
      return {
        id,
        studentId: student.id,
        credentialOffer: `openid-credential-offer://?credential_offer_uri=${encodeURIComponent(credentialOfferUri)}`,
        credentialOfferUri,
        txCode,
        credentialConfigurations: configurations,
        expiresAt: expiresAt.toISOString(),
      };
    });
    return { ...view, qrSvg: await qrSvg(view.credentialOffer) };
  }

  /** A student in the caller's subtree (a school's registrar, or an authority above it); any other reads as missing. */
  private async visibleStudent(em: EntityManager, principal: Principal, studentId: string): Promise<VisibleStudent> {
    const [row] = await em.query(
      `SELECT id, scope_path, birth_date::text AS birth_date, status FROM students WHERE id = $1 AND scope_path LIKE $2 FOR SHARE`,
      [studentId, `${principal.organisationPath}%`],
    );
    if (!row) throw new NotFoundError('Student');
    return row;
  }
}
