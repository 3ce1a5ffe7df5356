import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { NotFoundError } from '../../common/errors/domain-error.js';
import { maskIdNumber } from '../../common/privacy/mask.js';
import { rowsOf } from '../../database/rows.js';
import type { Principal } from '../../platform/auth/principal.js';
import { ReadLogService } from '../../platform/read-log/read-log.service.js';
import { FieldValueVault } from '../field-value-vault.js';
import { IdNumberVault } from '../id-number-vault.js';

interface FieldChangeRow {
  request_id: string;
  request_status: string;
  field: string;
  personal: boolean;
  old_value: string | null;
  old_sealed: Buffer | null;
  new_value: string | null;
  new_sealed: Buffer | null;
  applied_on: string | null;
}

/**
 * The record's field and document histories for whoever sees the record (its subtree): what a
 * correction asks (so the school and the authority see the values they confirm) and what it
 * changed, and the documents the record carried before. Personal values are opened for the
 * answer only; each call is a logged read, as GET /students/{id} is.
 */
@Injectable()
export class RecordHistoryService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly fieldVault: FieldValueVault,
    private readonly idVault: IdNumberVault,
    private readonly readLog: ReadLogService,
  ) {}

  async fieldChanges(principal: Principal, studentId: string) {
    await this.requireVisible(principal, studentId, 'GET /students/{id}/field-changes');
    const rows = rowsOf<FieldChangeRow>(
      await this.dataSource.query(
        `SELECT c.request_id, r.status AS request_status, c.field, c.personal, c.old_value, c.old_sealed, c.new_value, c.new_sealed, c.applied_on::text AS applied_on
           FROM student_field_changes c JOIN requests r ON r.id = c.request_id WHERE c.student_id = $1 ORDER BY c.id`,
        [studentId],
      ),
    );
    const value = (row: FieldChangeRow, plain: string | null, sealed: Buffer | null) => (row.personal ? (sealed ? this.fieldVault.open(studentId, row.field, sealed) : null) : plain);
    return {
      items: rows.map((r) => ({
        requestId: r.request_id,
        requestStatus: r.request_status,
        field: r.field,
        oldValue: value(r, r.old_value, r.old_sealed),
        newValue: value(r, r.new_value, r.new_sealed),
        appliedOn: r.applied_on?.slice(0, 10) ?? null,
      })),
    };
  }

  async identityDocuments(principal: Principal, studentId: string) {
    await this.requireVisible(principal, studentId, 'GET /students/{id}/identity-documents');
    const rows = rowsOf<{ request_id: string; state: string; document_type: string; nationality: string | null; number_digest: string; number_sealed: Buffer; valid_from: string | null; valid_to: string | null }>(
      await this.dataSource.query(
        `SELECT request_id, state, document_type, nationality, number_digest, number_sealed, valid_from::text AS valid_from, valid_to::text AS valid_to
           FROM student_identity_documents WHERE student_id = $1 ORDER BY id`,
        [studentId],
      ),
    );
    return {
      items: rows.map((r) => ({
        requestId: r.request_id,
        state: r.state,
        documentType: r.document_type,
        nationality: r.nationality,
        numberMasked: maskIdNumber(this.idVault.open(r.number_digest.trim(), r.number_sealed)),
        validFrom: r.valid_from?.slice(0, 10) ?? null,
        validTo: r.valid_to?.slice(0, 10) ?? null,
      })),
    };
  }

  private async requireVisible(principal: Principal, studentId: string, route: string): Promise<void> {
    const visible = rowsOf(await this.dataSource.query(`SELECT 1 FROM students WHERE id = $1 AND scope_path LIKE $2`, [studentId, `${principal.organisationPath}%`]));
    if (visible.length === 0) throw new NotFoundError('Student');
    await this.readLog.recordRead(principal, studentId, route);
  }
}
