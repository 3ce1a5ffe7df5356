import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { z } from 'zod';
import { NotFoundError } from '../common/errors/domain-error.js';
import { refuseIf, refusalError } from '../common/errors/refusal.js';
import { todayInChina } from '../common/time/china-date.js';
import { rowsOf } from '../database/rows.js';
import { onUniqueViolation } from '../database/unique-violation.js';
import { AuditService } from '../platform/audit/audit.service.js';
import type { Principal } from '../platform/auth/principal.js';
import type { GuardianPrincipal } from '../platform/guardians/guardian-principal.js';
import { GuardianChildrenService } from '../registry/guardians/guardian-children.service.js';
import { StudentsService } from '../registry/students.service.js';
import { CONSENT_REFUSALS, CONSENTING_RELATIONS, consentRelationOf, onlineConsentRefusal, withdrawalRefusal, type ConsentPurpose } from './domain/guardian-consents.js';
import { needsGuardianConsent } from './domain/offers.js';
import type { GiveGuardianConsentRequest, GuardianConsentView } from './dto/identity-offer.dto.js';

type ConsentView = z.infer<typeof GuardianConsentView>;

interface ConsentRow {
  id: string;
  source: 'paper' | 'online';
  purpose: ConsentPurpose;
  relation: ConsentView['relation'];
  consented_on: string;
  recorded_at: Date | string;
  withdrawn_at: Date | string | null;
  guardian_id: string | null;
  organisation_code: string | null;
  organisation_name: string | null;
  offers_made: number | string;
}

/** A guardian as the audit trail's actor: their own id, no organisation. */
const actor = (guardian: GuardianPrincipal) => ({ accountId: guardian.guardianId, organisationId: null });


/**
 * A bound guardian's side of the consent to a child's identity credential (domain/guardian-consents.ts):
 * they see every consent recorded for the child (paper ones by the school, online ones by a
 * guardian), give their own online while the child is under 14, and withdraw one. Audited with
 * ids and codes only; a child not bound to the guardian is 404.
 */
@Injectable()
export class GuardianConsentsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly children: GuardianChildrenService,
    private readonly students: StudentsService,
    private readonly audit: AuditService,
  ) {}

  async list(guardian: GuardianPrincipal, studentId: string, now = new Date()) {
    const relation = await this.children.boundRelation(guardian, studentId);
    const student = await this.student(this.dataSource.manager, studentId);
    const rows = await this.consents(this.dataSource.manager, studentId);
    return {
      consentNeeded: needsGuardianConsent(student.birth_date, now),
      youMayConsent: CONSENTING_RELATIONS.includes(relation),
      items: rows.map((row) => consentView(row, guardian)),
    };
  }

  /**
   * The same consents as the school or an authority above it sees them, before making an offer:
   * whether one is needed today and which stand (a student outside the caller's subtree is 404).
   */
  async listForStaff(principal: Principal, studentId: string, now = new Date()) {
    const student = await this.students.findVisible(this.dataSource.manager, principal, studentId);
    const rows = await this.consents(this.dataSource.manager, studentId);
    return { consentNeeded: needsGuardianConsent(student.birthDate, now), items: rows.map((row) => consentView(row, null)) };
  }

  async give(guardian: GuardianPrincipal, studentId: string, input: z.output<typeof GiveGuardianConsentRequest>, now = new Date()): Promise<ConsentView> {
    return this.dataSource.transaction(async (em) => {
      const relation = await this.children.boundRelation(guardian, studentId, em);
      const student = await this.student(em, studentId);
      const [open] = await em.query(`SELECT 1 FROM guardian_consents WHERE student_id = $1 AND guardian_id = $2 AND withdrawn_at IS NULL`, [studentId, guardian.guardianId]);
      refuseIf(onlineConsentRefusal({ relation, birthDate: student.birth_date, givenByThemAndActive: open !== undefined }, now));
      const id = randomUUID();
      await em
        .query(
          `INSERT INTO guardian_consents (id, student_id, scope_path, relation, consented_on, recorded_at, source, purpose, guardian_id)
           VALUES ($1, $2, $3, $4, $5, $6, 'online', $7, $8)`,
          [id, studentId, student.scope_path, consentRelationOf(relation), todayInChina(now), now, input.purpose, guardian.guardianId],
        )
        .catch(onUniqueViolation('guardian_consents_one_open_online', () => refusalError(CONSENT_REFUSALS.CONSENT_ALREADY_GIVEN)));
      await this.audit.append(em, actor(guardian), {
        action: 'identity.guardian_consent_given',
        recordType: 'student',
        recordId: studentId,
        scopePath: student.scope_path,
        details: { consentId: id, source: 'online', purpose: input.purpose, relation },
      });
      return this.one(em, studentId, id, guardian);
    });
  }

  /**
   * Withdraws a consent of the child, online or paper: no offer is made under it any more, and
   * its offers not yet redeemed are cancelled; credentials already issued stay (not revoked).
   */
  async withdraw(guardian: GuardianPrincipal, studentId: string, consentId: string, now = new Date()): Promise<ConsentView> {
    return this.dataSource.transaction(async (em) => {
      const relation = await this.children.boundRelation(guardian, studentId, em);
      const student = await this.student(em, studentId);
      const [consent] = rowsOf<{ source: string; withdrawn_at: Date | null }>(
        await em.query(`SELECT source, withdrawn_at FROM guardian_consents WHERE id = $1 AND student_id = $2 FOR UPDATE`, [consentId, studentId]),
      );
      if (!consent) throw new NotFoundError('Consent');
      refuseIf(withdrawalRefusal({ relation, withdrawnAt: consent.withdrawn_at }));
      await em.query(`UPDATE guardian_consents SET withdrawn_at = $2, withdrawn_by_guardian = $3 WHERE id = $1`, [consentId, now, guardian.guardianId]);
      // An offer made under it and not yet redeemed is cancelled with it; what was issued stays.
      const cancelled = rowsOf<{ id: string }>(await em.query(`UPDATE identity_offers SET state = 'cancelled' WHERE consent_id = $1 AND state = 'offered' RETURNING id`, [consentId]));
      await this.audit.append(em, actor(guardian), {
        action: 'identity.guardian_consent_withdrawn',
        recordType: 'student',
        recordId: studentId,
        scopePath: student.scope_path,
        details: { consentId, source: consent.source, relation, offersCancelled: cancelled.map((o) => o.id) },
      });
      return this.one(em, studentId, consentId, guardian);
    });
  }

  private async student(em: EntityManager, studentId: string): Promise<{ scope_path: string; birth_date: string }> {
    const [row] = rowsOf<{ scope_path: string; birth_date: string }>(
      await em.query(`SELECT scope_path, birth_date::text AS birth_date FROM students WHERE id = $1 FOR SHARE`, [studentId]),
    );
    if (!row) throw new NotFoundError('Student');
    return row;
  }

  private async one(em: EntityManager, studentId: string, consentId: string, guardian: GuardianPrincipal): Promise<ConsentView> {
    const [row] = await this.consents(em, studentId, consentId);
    if (!row) throw new NotFoundError('Consent');
    return consentView(row, guardian);
  }

  /** The child's consents, newest first; or the one `consentId`. */
  private async consents(em: EntityManager, studentId: string, consentId?: string): Promise<ConsentRow[]> {
    return rowsOf<ConsentRow>(
      await em.query(
        `SELECT c.id, c.source, c.purpose, c.relation, c.consented_on::text AS consented_on, c.recorded_at, c.withdrawn_at, c.guardian_id,
                o.code AS organisation_code, o.name AS organisation_name,
                (SELECT count(*) FROM identity_offers f WHERE f.consent_id = c.id) AS offers_made
           FROM guardian_consents c
           LEFT JOIN accounts a ON a.id = c.recorded_by
           LEFT JOIN organisations o ON o.id = a.organisation_id
          WHERE c.student_id = $1 AND ($2::uuid IS NULL OR c.id = $2)
          ORDER BY c.recorded_at DESC, c.id`,
        [studentId, consentId ?? null],
      ),
    );
  }
}

/** A consent as `viewer` sees it: a guardian (whether it is theirs) or, with null, staff. */
function consentView(row: ConsentRow, viewer: GuardianPrincipal | null): ConsentView {
  return {
    id: row.id,
    source: row.source,
    purpose: row.purpose,
    relation: row.relation,
    consentedOn: row.consented_on.slice(0, 10),
    recordedAt: new Date(row.recorded_at).toISOString(),
    recordedBy:
      row.source === 'paper'
        ? { kind: 'school', organisationCode: row.organisation_code ?? '', organisationName: row.organisation_name ?? '' }
        : { kind: 'guardian', byYou: viewer !== null && row.guardian_id === viewer.guardianId },
    state: row.withdrawn_at ? 'withdrawn' : 'active',
    withdrawnAt: row.withdrawn_at ? new Date(row.withdrawn_at).toISOString() : null,
    offersMade: Number(row.offers_made),
  };
}
