import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ConflictError, NotFoundError, ValidationError } from '../../common/errors/domain-error.js';
import { rowsOf } from '../../database/rows.js';
import { CertificatesService } from '../../certificates/certificates.service.js';
import { codeDigest, newVerificationCode, validUntil } from '../domain/verification-codes.js';
import type { Holder } from './holder-auth.service.js';

interface CodeRow {
  id: string;
  certificate_id: string;
  hint: string;
  created_at: Date | string;
  expires_at: Date | string;
  closed_at: Date | string | null;
  uses: number;
}

/**
 * Online verification codes (学信网's 在线验证码, for certificates): made, extended and closed by
 * the graduate as holder; used by anyone on the public page; each use recorded for the holder.
 */
@Injectable()
export class VerificationCodesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly certificates: CertificatesService,
  ) {}

  /** The student's certificates, to choose from. */
  certificatesOf(holder: Holder) {
    return this.certificates.ownedBy(holder.studentId);
  }

  async create(holder: Holder, certificateId: string, days: number, now = new Date()) {
    const owned = await this.certificates.ownedBy(holder.studentId);
    if (!owned.some((c) => c.id === certificateId)) throw new NotFoundError('Certificate');
    const until = this.until(now, days);
    const code = newVerificationCode();
    const [row] = rowsOf<CodeRow>(
      await this.dataSource.query(
        `INSERT INTO verification_codes (student_id, certificate_id, code_digest, hint, expires_at) VALUES ($1, $2, $3, $4, $5)
         RETURNING id, certificate_id, hint, created_at, expires_at, closed_at, 0 AS uses`,
        [holder.studentId, certificateId, codeDigest(code), code.slice(-4), until],
      ),
    );
    // The code itself is answered this once; the store keeps its digest.
    return { ...view(row, now), code };
  }

  async list(holder: Holder, now = new Date()) {
    const rows = rowsOf<CodeRow>(
      await this.dataSource.query(
        `SELECT c.id, c.certificate_id, c.hint, c.created_at, c.expires_at, c.closed_at, (SELECT count(*)::int FROM verification_code_uses u WHERE u.code_id = c.id) AS uses
           FROM verification_codes c WHERE c.student_id = $1 ORDER BY c.created_at, c.id`,
        [holder.studentId],
      ),
    );
    return rows.map((r) => view(r, now));
  }

  /** Moves the end of an open code to `days` from now (30 days to six months). */
  async extend(holder: Holder, id: string, days: number, now = new Date()) {
    const until = this.until(now, days);
    const [row] = rowsOf<CodeRow>(
      await this.dataSource.query(
        `UPDATE verification_codes SET expires_at = $3 WHERE id = $1 AND student_id = $2 AND closed_at IS NULL
         RETURNING id, certificate_id, hint, created_at, expires_at, closed_at, (SELECT count(*)::int FROM verification_code_uses u WHERE u.code_id = verification_codes.id) AS uses`,
        [id, holder.studentId, until],
      ),
    );
    if (!row) return this.missingOrClosed(holder, id);
    return view(row, now);
  }

  async close(holder: Holder, id: string, now = new Date()) {
    const [row] = rowsOf<CodeRow>(
      await this.dataSource.query(
        `UPDATE verification_codes SET closed_at = $3 WHERE id = $1 AND student_id = $2 AND closed_at IS NULL
         RETURNING id, certificate_id, hint, created_at, expires_at, closed_at, (SELECT count(*)::int FROM verification_code_uses u WHERE u.code_id = verification_codes.id) AS uses`,
        [id, holder.studentId, now],
      ),
    );
    if (!row) return this.missingOrClosed(holder, id);
    return view(row, now);
  }

  async uses(holder: Holder, id: string) {
    const [code] = await this.dataSource.query(`SELECT id FROM verification_codes WHERE id = $1 AND student_id = $2`, [id, holder.studentId]);
    if (!code) throw new NotFoundError('Verification code');
    const rows = rowsOf<{ at: Date | string }>(await this.dataSource.query(`SELECT at FROM verification_code_uses WHERE code_id = $1 ORDER BY id`, [id]));
    return rows.map((r) => ({ at: new Date(r.at).toISOString() }));
  }

  /** For the public page: the certificate a valid code opens (recording the use), or null. */
  async open(code: string, now = new Date()): Promise<string | null> {
    const digest = codeDigest(code);
    if (!digest) return null;
    return this.dataSource.transaction(async (em) => {
      const [row] = rowsOf<{ id: string; certificate_id: string }>(
        await em.query(`SELECT id, certificate_id FROM verification_codes WHERE code_digest = $1 AND closed_at IS NULL AND expires_at > $2`, [digest, now]),
      );
      if (!row) return null;
      await em.query(`INSERT INTO verification_code_uses (code_id, at) VALUES ($1, $2)`, [row.id, now]);
      return row.certificate_id;
    });
  }

  private until(now: Date, days: number): Date {
    try {
      return validUntil(now, days);
    } catch (error) {
      throw ValidationError.field('validDays', (error as Error).message);
    }
  }

  private async missingOrClosed(holder: Holder, id: string): Promise<never> {
    const [code] = await this.dataSource.query(`SELECT id FROM verification_codes WHERE id = $1 AND student_id = $2`, [id, holder.studentId]);
    if (!code) throw new NotFoundError('Verification code');
    throw new ConflictError('CODE_CLOSED', 'this code is closed; make a new one');
  }
}

function view(row: CodeRow, now: Date) {
  const expiresAt = new Date(row.expires_at);
  const state = row.closed_at ? 'closed' : expiresAt.getTime() <= now.getTime() ? 'expired' : 'open';
  return {
    id: row.id,
    certificateId: row.certificate_id,
    hint: `…${row.hint}`,
    createdAt: new Date(row.created_at).toISOString(),
    expiresAt: expiresAt.toISOString(),
    closedAt: row.closed_at ? new Date(row.closed_at).toISOString() : null,
    state,
    uses: Number(row.uses),
  };
}
