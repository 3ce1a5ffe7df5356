import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { StatusListService } from '../certificates/status/status-list.service.js';
import { DidService } from '../identity/did.service.js';
import { IssuerSignerService, type IssuerIdentity } from '../identity/issuer-signer.service.js';
import { AuditService } from '../platform/audit/audit.service.js';
import { StudentEvents, type StudentsChangedEvent } from '../registry/student-events.js';

/**
 * Identity credentials follow the register: a change to a fact they state (the enrolment status
 * today; school, grade, name and the leaving changes as the register learns them) revokes every
 * unexpired copy with the reason "superseded", in the changing transaction, so no verifier is
 * told a fact the register no longer holds. The school then offers a new credential.
 */
@Injectable()
export class IdentityLifecycleService implements OnModuleInit {
  constructor(
    private readonly events: StudentEvents,
    private readonly lists: StatusListService,
    private readonly issuers: IssuerSignerService,
    private readonly dids: DidService,
    private readonly audit: AuditService,
  ) {}

  onModuleInit(): void {
    this.events.onChanged(async (em, event) => {
      await this.supersede(em, event);
      if (event.movedTo) await this.follow(em, event.studentIds, event.movedTo);
    });
  }

  /**
   * The identity side of a record follows it to its new organisation (籍随人走), as certificates
   * do: its credentials (superseded above), open offers and guardians' consents are the new
   * school's subtree's, and no longer the old one's.
   */
  private async follow(em: EntityManager, studentIds: string[], movedTo: string): Promise<void> {
    for (const table of ['identity_credentials', 'identity_offers', 'guardian_consents']) {
      await em.query(`UPDATE ${table} SET scope_path = $2 WHERE student_id = ANY($1::uuid[])`, [studentIds, movedTo]);
    }
  }

  async supersede(em: EntityManager, event: StudentsChangedEvent): Promise<number> {
    const outstanding: Array<{ id: string; issuer_did: string; student_id: string; scope_path: string }> = await em.query(
      `SELECT c.id, c.issuer_did, c.student_id, c.scope_path FROM identity_credentials c
         JOIN status_entries e ON e.issuer_did = c.issuer_did AND e.credential_id = 'urn:uuid:' || c.id
        WHERE c.student_id = ANY($1::uuid[]) AND NOT e.revoked AND c.valid_until > $2
        ORDER BY c.issuer_did, c.id`,
      [event.studentIds, event.now],
    );
    const issuers = new Map<string, IssuerIdentity>();
    for (const credential of outstanding) {
      let issuer = issuers.get(credential.issuer_did);
      if (!issuer) {
        issuer = await this.issuerIn(em, credential.issuer_did);
        issuers.set(credential.issuer_did, issuer);
      }
      await this.lists.change(em, issuer, { credentialId: `urn:uuid:${credential.id}`, purpose: 'revocation', value: true }, event.now);
    }
    const byStudent = new Map<string, typeof outstanding>();
    for (const c of outstanding) byStudent.set(c.student_id, [...(byStudent.get(c.student_id) ?? []), c]);
    for (const [studentId, credentials] of byStudent) {
      await this.audit.append(em, event.principal, {
        action: 'identity.credential_superseded',
        recordType: 'student',
        recordId: studentId,
        scopePath: credentials[0].scope_path,
        details: { reason: `superseded: ${event.change}`, credentialIds: credentials.map((c) => c.id) },
      });
    }
    return outstanding.length;
  }

  private async issuerIn(em: EntityManager, did: string): Promise<IssuerIdentity> {
    const code = this.dids.ownOrganisationCode(did);
    const [org] = await em.query(`SELECT id, code, name FROM organisations WHERE code = $1`, [code]);
    return this.issuers.forOrganisation(org.id, org.code, org.name, em);
  }
}
