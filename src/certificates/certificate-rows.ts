import type { EntityManager } from 'typeorm';
import type { CertificateEntity } from './certificate.entity.js';

/** Rows per INSERT: enough to amortise a round trip, few enough to overlap with signing. */
const ROWS_PER_INSERT = 100;

/**
 * Inserts certificate rows while the next ones are being signed. Each ROWS_PER_INSERT rows go
 * to the transaction's connection as one INSERT and signing goes on while the server stores
 * them; the next INSERT is sent once the previous one has answered, so the connection never has
 * two statements outstanding. The two costs of issuance (signing here, storing there) overlap.
 */
export class CertificateInserts {
  private sent = 0;
  private inFlight: Promise<void> = Promise.resolve();

  constructor(private readonly em: EntityManager) {}

  /** Call after each row is added to `rows`: sends the next full batch, if there is one. */
  async offer(rows: CertificateEntity[]): Promise<void> {
    if (rows.length - this.sent >= ROWS_PER_INSERT) await this.sendRest(rows);
  }

  /** Sends what is left and waits until everything is stored; the first failure is thrown. */
  async flush(rows: CertificateEntity[]): Promise<void> {
    if (rows.length > this.sent) await this.sendRest(rows);
    await this.inFlight;
  }

  private async sendRest(rows: CertificateEntity[]): Promise<void> {
    await this.inFlight;
    const batch = rows.slice(this.sent);
    this.sent = rows.length;
    this.inFlight = insertCertificates(this.em, batch);
    this.inFlight.catch(() => undefined); // awaited by the next send or by flush(): not unhandled meanwhile
  }
}

/**
 * Inserts certificates in one statement with one parameter: the rows as a JSON array, split by
 * jsonb_to_recordset on the server. A chunk of hundreds of signed credentials costs one
 * JSON.stringify and one round trip instead of thousands of bound parameters, and the text is
 * parsed once (json_to_recordset would parse each credential a second time into jsonb).
 */
export async function insertCertificates(em: EntityManager, rows: CertificateEntity[]): Promise<void> {
  if (rows.length === 0) return;
  const records = rows.map((r) => ({
    id: r.id,
    certificate_number: r.certificateNumber,
    kind: r.kind,
    student_id: r.studentId,
    scope_path: r.scopePath,
    issuer_organisation_id: r.issuerOrganisationId,
    issuer_did: r.issuerDid,
    credential: r.credential,
    status: r.status,
    issued_by: r.issuedBy,
    issued_at: r.issuedAt.toISOString(),
    replaces_id: r.replacesId,
  }));
  await em.query(
    `INSERT INTO certificates (id, certificate_number, kind, student_id, scope_path, issuer_organisation_id, issuer_did,
                               credential, status, issued_by, issued_at, replaces_id)
     SELECT id, certificate_number, kind, student_id, scope_path, issuer_organisation_id, issuer_did,
            credential, status, issued_by, issued_at, replaces_id
       FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, certificate_number varchar, kind varchar, student_id uuid, scope_path varchar,
            issuer_organisation_id uuid, issuer_did varchar, credential jsonb, status varchar, issued_by uuid, issued_at timestamptz,
            replaces_id uuid)`,
    [JSON.stringify(records)],
  );
}
