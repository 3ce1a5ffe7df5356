import { z } from 'zod';
import { ID_DOCUMENT_TYPES } from '../../domain/identity-documents.js';

export const ConfirmRosterRequest = z.object({
  semester: z.string().describe('YYYY-spring or YYYY-autumn: the present semester or the one before'),
  persons: z
    .array(
      z.object({
        idDocumentType: z.enum(ID_DOCUMENT_TYPES).default('resident_id'),
        idNumber: z.string().min(1, 'is required').max(40),
        nationality: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 3166-1 alpha-3 code').optional(),
      }),
    )
    .max(20_000, 'at most 20,000 persons per school')
    .describe('every student actually present this semester, by identity document'),
});

const ProblemKind = z.enum(['phantom', 'mismatch', 'unregistered', 'duplicate']);

export const RosterConfirmation = z.object({
  id: z.uuid(),
  schoolCode: z.string(),
  semester: z.string(),
  persons: z.number().int(),
  problems: z.object({ phantom: z.number().int(), mismatch: z.number().int(), unregistered: z.number().int(), duplicate: z.number().int() }),
  possibleDropouts: z.number().int().describe('compulsory-education records with nobody present, entered in the drop-out ledger (第十七条)'),
});

export const ListProblemsQuery = z.object({
  kind: ProblemKind.optional(),
  status: z.enum(['open', 'resolved']).optional(),
  after: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const RecordProblem = z.object({
  id: z.uuid(),
  kind: ProblemKind.describe('phantom 空挂学籍 · mismatch 人籍分离 · unregistered 无籍 · duplicate 疑似重复学籍'),
  semester: z.string(),
  schoolCode: z.string().describe('where it was found'),
  otherSchoolCode: z.string().nullable().describe("the other record's school (mismatch, duplicate)"),
  studentId: z.uuid().nullable(),
  otherStudentId: z.uuid().nullable(),
  status: z.enum(['open', 'resolved']),
  resolution: z.enum(['merged', 'distinct', 'resolved']).nullable(),
  note: z.string().nullable(),
  foundAt: z.string(),
  resolvedAt: z.string().nullable(),
});

export const ProblemPage = z.object({ items: z.array(RecordProblem), next: z.uuid().nullable() });

export const ResolveProblemRequest = z.object({
  resolution: z.enum(['merged', 'distinct', 'resolved']).describe('merged / distinct: a duplicate only; resolved: the others, with what was done'),
  keepStudentId: z.uuid().optional().describe('merged: the record that stays; the other is merged into it'),
  note: z.string().trim().min(2, 'is required').max(500),
});
