import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { ConflictError, NotFoundError } from '../../common/errors/domain-error.js';
import { todayInChina } from '../../common/time/china-date.js';
import { rowsOf } from '../../database/rows.js';
import { onUniqueViolation } from '../../database/unique-violation.js';
import { AuditService } from '../../platform/audit/audit.service.js';
import type { Principal } from '../../platform/auth/principal.js';
import { ReadLogService } from '../../platform/read-log/read-log.service.js';
import { authorityAbove } from '../../workflow/domain/request-steps.js';
import { RequestsService, type RequestView } from '../../workflow/requests.service.js';
import { askedSteps } from '../domain/change-kinds/asked-steps.js';
import { checkCorrection, CORRECTABLE_FIELDS, CORRECTION, type CorrectableKey, type CorrectionFacts } from '../domain/change-kinds/correction.js';
import { checkNewDocument, documentConflict, IDENTITY_DOCUMENT_CHANGE } from '../domain/change-kinds/identity-document-change.js';
import type { CorrectionRequestInput, IdentityDocumentRequestInput } from '../dto/change-request.dto.js';
import { FieldValueVault } from '../field-value-vault.js';
import { documentHeldElsewhere } from '../document-holders.js';
import { IdNumberVault } from '../id-number-vault.js';
import { StudentEvents } from '../student-events.js';
import { askerKind, isGuardianAsker, lookupPath, submitterFor, type Asker } from './askers.js';
import { refuseIf } from '../../common/errors/refusal.js';

interface RecordRow {
  id: string;
  status: string;
  scope_path: string;
  education_stage: string;
  id_document_type: string;
  id_number_digest: string;
  id_number_sealed: Buffer;
  /** The correctable fields as text, by their CORRECTABLE_FIELDS key (birthDate: YYYY-MM-DD). */
  current: Record<CorrectableKey, string | null>;
}

// Every correctable field is read as text under its key: a field added to the table is read too.
const CURRENT = Object.entries(CORRECTABLE_FIELDS).map(([key, f]) => `'${key}', ${f.column}::text`);
const RECORD_COLUMNS = `id, status, scope_path, education_stage, id_document_type, id_number_digest, id_number_sealed, json_build_object(${CURRENT.join(', ')}) AS current`;
const DUPLICATE = () => new ConflictError('DUPLICATE_PERSON', 'a student record for this person already exists (第九条)');

/**
 * Changes of the record's fields on the request engine (第十三条): a correction of basic
 * information (asked by a guardian or the school; the school confirms a guardian's; the
 * supervising authority approves) and an identity-document change (the school asks, the
 * authority approves). What is asked is kept apart from the request, sealed where personal
 * (student_field_changes, student_identity_documents), so no request, audit entry or log holds
 * a name or a number; the approving transaction applies it and keeps the old value.
 */
@Injectable()
export class RecordCorrectionsService implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly requests: RequestsService,
    private readonly audit: AuditService,
    private readonly events: StudentEvents,
    private readonly fieldVault: FieldValueVault,
    private readonly idVault: IdNumberVault,
    private readonly readLog: ReadLogService,
  ) {}

  onModuleInit(): void {
    this.requests.registerKind({
      name: CORRECTION.name,
      onClosed: async (em, request, status, decidedBy) => {
        if (status === 'approved') await this.applyCorrection(em, request, decidedBy);
      },
    });
    this.requests.registerKind({
      name: IDENTITY_DOCUMENT_CHANGE.name,
      onClosed: async (em, request, status, decidedBy) => {
        if (status === 'approved') await this.applyDocument(em, request, decidedBy);
        else await em.query(`DELETE FROM student_identity_documents WHERE request_id = $1 AND state = 'proposed'`, [request.id]);
      },
    });
  }

  ask(asker: Asker, studentId: string, body: CorrectionRequestInput | IdentityDocumentRequestInput, today = todayInChina()): Promise<RequestView> {
    if (body.kind === 'correction') return this.askCorrection(asker, studentId, body, today);
    // The guardians' body offers no identity-document change: only the school asks for one.
    if (isGuardianAsker(asker)) throw new Error('only a school asks for an identity-document change');
    return this.askDocument(asker, studentId, body, today);
  }

  private askCorrection(asker: Asker, studentId: string, body: CorrectionRequestInput, today: string): Promise<RequestView> {
    return this.dataSource.transaction(async (em) => {
      const record = await this.lockRecord(em, studentId, lookupPath(asker));
      const fields = Object.fromEntries(Object.entries(body.fields).filter(([, v]) => v !== undefined)) as Partial<Record<CorrectableKey, string>>;
      refuseIf(checkCorrection(correctionFacts(record), { fields, evidenceSha256: body.evidenceSha256 }, today));
      const request = await this.open(em, asker, record, CORRECTION, today, {
        fields: Object.keys(fields),
        evidenceSha256: body.evidenceSha256,
        stage: record.education_stage,
        askedBy: askerKind(asker),
      });
      for (const [key, value] of Object.entries(fields) as Array<[CorrectableKey, string]>) {
        const personal = CORRECTABLE_FIELDS[key].personal;
        await em.query(`INSERT INTO student_field_changes (student_id, request_id, field, personal, new_value, new_sealed) VALUES ($1, $2, $3, $4, $5, $6)`, [
          record.id,
          request.id,
          key,
          personal,
          personal ? null : value,
          personal ? this.fieldVault.seal(record.id, key, value) : null,
        ]);
      }
      return request;
    });
  }

  private async askDocument(principal: Principal, studentId: string, body: IdentityDocumentRequestInput, today: string): Promise<RequestView> {
    let lookedUp: string | null = null;
    return this.dataSource
      .transaction(async (em) => {
        const record = await this.lockRecord(em, studentId, principal.organisationPath);
        const { current } = correctionFacts(record);
        const checked = checkNewDocument({ status: record.status, birthDate: current.birthDate ?? '', gender: current.gender ?? '' }, body, today);
        if (!checked.ok) return refuseIf(checked.refusal) as never;
        const digest = this.idVault.digest(body.documentType, checked.document.normalised);
        lookedUp = digest;
        refuseIf(documentConflict(digest, record.id_number_digest.trim(), await documentHeldElsewhere(em, digest, record.id)));
        const request = await this.open(em, principal, record, IDENTITY_DOCUMENT_CHANGE, today, {
          documentType: body.documentType,
          previousDocumentType: record.id_document_type,
          evidenceSha256: body.evidenceSha256,
          stage: record.education_stage,
        });
        await em.query(
          `INSERT INTO student_identity_documents (student_id, request_id, state, document_type, nationality, number_digest, number_sealed) VALUES ($1, $2, 'proposed', $3, $4, $5, $6)`,
          [record.id, request.id, body.documentType, checked.document.nationality ?? null, digest, this.idVault.seal(digest, checked.document.normalised)],
        );
        return request;
      })
      .catch(async (error: unknown) => {
        // As at enrolment: the answer tells whoever asks that this person is registered elsewhere, a logged lookup.
        if (error instanceof ConflictError && error.code === 'DUPLICATE_PERSON' && lookedUp) await this.readLog.recordLookup(principal, lookedUp, 'POST /students/{id}/change-requests');
        throw error;
      });
  }

  private open(em: EntityManager, asker: Asker, record: RecordRow, kind: { name: string; workingDays: number }, today: string, details: Record<string, unknown>) {
    const authority = authorityAbove(record.scope_path);
    return this.requests.open(
      em,
      submitterFor(asker, record.scope_path),
      {
        kind: kind.name,
        subjectType: 'student',
        subjectId: record.id,
        visiblePaths: [authority, record.scope_path],
        steps: askedSteps(askerKind(asker), record.scope_path, authority, kind.workingDays),
        details,
      },
      today,
    );
  }

  /** Approved: each field takes its new value, the history row keeps the old one (sealed where personal). */
  private async applyCorrection(em: EntityManager, request: RequestView, decidedBy: Principal): Promise<void> {
    const record = await this.lockRecord(em, request.subjectId, '/');
    const rows = rowsOf<{ id: string; field: CorrectableKey; personal: boolean; new_value: string | null; new_sealed: Buffer | null }>(
      await em.query(`SELECT id, field, personal, new_value, new_sealed FROM student_field_changes WHERE request_id = $1 ORDER BY id`, [request.id]),
    );
    const facts = correctionFacts(record);
    const fields = Object.fromEntries(rows.map((r) => [r.field, r.personal ? this.fieldVault.open(record.id, r.field, r.new_sealed!) : r.new_value!]));
    const today = todayInChina();
    const refusal = checkCorrection(facts, { fields, evidenceSha256: String(request.details.evidenceSha256) }, today);
    if (refusal) throw new ConflictError('RECORD_CHANGED', `the record no longer allows this correction (${refusal.code}): refuse the request instead`);
    for (const row of rows) {
      const old = facts.current[row.field];
      await em.query(`UPDATE student_field_changes SET old_value = $2, old_sealed = $3, applied_on = $4 WHERE id = $1`, [
        row.id,
        row.personal ? null : old,
        row.personal && old !== null ? this.fieldVault.seal(record.id, row.field, old) : null,
        today,
      ]);
    }
    // One statement for all fields (a 户籍 is whole or absent); the columns come from CORRECTABLE_FIELDS, never from input.
    const columns = rows.map((r, i) => `${CORRECTABLE_FIELDS[r.field].column} = $${i + 2}`);
    await em.query(`UPDATE students SET ${columns.join(', ')}, version = version + 1, updated_at = now() WHERE id = $1`, [record.id, ...rows.map((r) => fields[r.field])]);
    await this.audit.append(em, decidedBy, {
      action: CORRECTION.change,
      recordType: 'student',
      recordId: record.id,
      scopePath: record.scope_path,
      details: { requestId: request.id, fields: rows.map((r) => r.field) },
    });
    await this.events.changed(em, { studentIds: [record.id], change: CORRECTION.change, principal: decidedBy, now: new Date() });
  }

  /** Approved: the record takes the new document; the old one goes to the record's document history. */
  private async applyDocument(em: EntityManager, request: RequestView, decidedBy: Principal): Promise<void> {
    const record = await this.lockRecord(em, request.subjectId, '/');
    const [proposed] = rowsOf<{ document_type: string; nationality: string | null; number_digest: string; number_sealed: Buffer }>(
      await em.query(`SELECT document_type, nationality, number_digest, number_sealed FROM student_identity_documents WHERE request_id = $1 AND state = 'proposed'`, [request.id]),
    );
    if (!proposed) throw new ConflictError('RECORD_CHANGED', 'the proposed document is gone: refuse the request instead');
    const refusal = documentConflict(proposed.number_digest, record.id_number_digest.trim(), await documentHeldElsewhere(em, proposed.number_digest, record.id));
    if (refusal?.code === 'DUPLICATE_PERSON') throw DUPLICATE();
    if (refusal) throw new ConflictError('RECORD_CHANGED', `the record no longer allows this change (${refusal.code}): refuse the request instead`);
    const today = todayInChina();
    await em.query(
      `INSERT INTO student_identity_documents (student_id, request_id, state, document_type, nationality, number_digest, number_sealed, valid_from, valid_to)
       SELECT s.id, $2, 'former', s.id_document_type, s.nationality, s.id_number_digest, s.id_number_sealed,
              COALESCE((SELECT max(valid_to) FROM student_identity_documents WHERE student_id = s.id AND state = 'former'), (s.created_at AT TIME ZONE 'Asia/Shanghai')::date), $3
         FROM students s WHERE s.id = $1`,
      [record.id, request.id, today],
    );
    await em
      // The nationality follows the document where it states one (a passport holder naturalised: CHN).
      .query(
        `UPDATE students SET id_document_type = $2, id_number_digest = $3, id_number_sealed = $4, nationality = COALESCE($5, nationality), version = version + 1, updated_at = now() WHERE id = $1`,
        [record.id, proposed.document_type, proposed.number_digest, proposed.number_sealed, proposed.nationality],
      )
      .catch(onUniqueViolation('students_id_number_digest_key', DUPLICATE));
    await em.query(`DELETE FROM student_identity_documents WHERE request_id = $1 AND state = 'proposed'`, [request.id]);
    await this.audit.append(em, decidedBy, {
      action: IDENTITY_DOCUMENT_CHANGE.change,
      recordType: 'student',
      recordId: record.id,
      scopePath: record.scope_path,
      details: { requestId: request.id, from: record.id_document_type, to: proposed.document_type, nationality: proposed.nationality },
    });
    await this.events.changed(em, { studentIds: [record.id], change: IDENTITY_DOCUMENT_CHANGE.change, principal: decidedBy, now: new Date() });
  }

  private async lockRecord(em: EntityManager, id: string, withinPath: string): Promise<RecordRow> {
    const [row] = rowsOf<RecordRow>(await em.query(`SELECT ${RECORD_COLUMNS} FROM students WHERE id = $1 AND scope_path LIKE $2 FOR UPDATE`, [id, `${withinPath}%`]));
    if (!row) throw new NotFoundError('Student');
    return row;
  }
}

function correctionFacts(record: RecordRow): CorrectionFacts {
  const current = typeof record.current === 'string' ? (JSON.parse(record.current) as RecordRow['current']) : record.current;
  return { status: record.status, idDocumentType: record.id_document_type, current };
}
