import { z } from 'zod';
import { ID_DOCUMENT_TYPES } from '../../domain/identity-documents.js';
import { isValidStudentNumber } from '../../domain/student-number.js';

const sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'must be a SHA-256 digest in lowercase hex');

/**
 * 转学 started by the receiving school (第十五条). The record is found by its student number and
 * the student's identity document together — the receiving school cannot browse another school's
 * records, and a wrong pair answers 404 without saying which half was wrong.
 */
export const StartTransferRequest = z.object({
  studentNumber: z
    .string()
    .transform((v) => v.trim().toUpperCase())
    .refine(isValidStudentNumber, 'must be a student number (S, 15 digits and a check character)'),
  idDocumentType: z.enum(ID_DOCUMENT_TYPES).default('resident_id'),
  idNumber: z.string().min(1, 'is required').max(40),
  nationality: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 3166-1 alpha-3 code').optional().describe('needed for a passport'),
  grade: z.number().int().describe('the grade the student joins at the receiving school (same stage)'),
  applicationSha256: sha256.describe("SHA-256 of the guardian's signed transfer application as scanned; the paper stays at the school"),
});

export const ListRecordCopiesQuery = z.object({
  after: z.uuid().optional().describe('the last copy id of the previous page'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

const CopySummary = z.object({
  id: z.uuid(),
  studentId: z.uuid(),
  studentNumber: z.string(),
  reason: z.enum(['transfer', 'merger', 'closure', 'progression']),
  requestId: z.uuid().nullable(),
  movedToCode: z.string().describe('where the record went'),
  copiedAt: z.string(),
});

export const RecordCopyPage = z.object({ items: z.array(CopySummary), next: z.uuid().nullable() });

export const RecordCopy = CopySummary.extend({
  record: z.record(z.string(), z.unknown()).describe('the record as this organisation last held it (ID number masked)'),
  placements: z.array(z.record(z.string(), z.unknown())).describe('its placements up to the move'),
});
