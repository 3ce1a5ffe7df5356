/**
 * Identity-document change (第十三条; a 第十条 student who gets a resident ID, a passport renewed,
 * a number corrected by the police): the school asks with the new document and the evidence's
 * digest, the supervising authority approves; the old document is kept in the record's history.
 * The new document is checked by its own rule (identity-documents.ts); what it encodes (birth
 * date, gender) must agree with the record — otherwise the record is corrected first.
 */
import { parseIdDocument, type IdDocument, type IdDocumentType } from '../identity-documents.js';
import type { ChangeRefusal } from './change-kind.js';
import { MERGED } from './correction.js';

export const IDENTITY_DOCUMENT_CHANGE = { name: 'student_identity_document_change', workingDays: 10, change: 'student.identity_document_changed' } as const;

export interface IdentityDocumentInput {
  documentType: IdDocumentType;
  number: string;
  nationality?: string;
  evidenceSha256: string;
}

export type DocumentCheck = { ok: true; document: IdDocument } | { ok: false; refusal: ChangeRefusal };

export function checkNewDocument(record: { status: string; birthDate: string; gender: string }, input: IdentityDocumentInput, today: string): DocumentCheck {
  if (record.status === 'merged') return { ok: false, refusal: MERGED };
  const parsed = parseIdDocument(input.documentType, input.number, today, input.nationality);
  if (!parsed.ok) return { ok: false, refusal: { kind: 'validation', field: 'number', code: 'INVALID_ID_NUMBER', message: parsed.message } };
  const doc = parsed.value;
  if ((doc.birthDate && doc.birthDate !== record.birthDate) || (doc.gender && doc.gender !== record.gender)) {
    return {
      ok: false,
      refusal: { kind: 'unprocessable', code: 'DOCUMENT_DISAGREES', message: "the document's birth date or gender differs from the record: correct the record first" },
    };
  }
  return { ok: true, document: doc };
}

/** The new document's digest against the record's own and against other records (第九条). */
export function documentConflict(newDigest: string, currentDigest: string, usedByAnotherRecord: boolean): ChangeRefusal | null {
  if (newDigest === currentDigest) return { kind: 'validation', field: 'number', code: 'SAME_DOCUMENT', message: 'the record already has this document' };
  if (usedByAnotherRecord) return { kind: 'conflict', code: 'DUPLICATE_PERSON', message: 'a student record for this person already exists (第九条)' };
  return null;
}
