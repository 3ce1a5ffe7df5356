import { z } from 'zod';

export const UploadImportQuery = z.object({
  schoolCode: z
    .string()
    .regex(/^\d{10}$/, 'must be a 10-digit school code')
    .optional()
    .describe("the school to import into: an authority's school of its subtree (required for an authority); a registrar's own school (may be left out)"),
});

export const StudentImport = z.object({
  id: z.uuid(),
  schoolCode: z.string(),
  state: z.enum(['queued', 'validating', 'importing', 'imported', 'rejected']).describe('rejected: some row is bad and nothing was written (see /errors and /report.xlsx)'),
  fileSha256: z.string(),
  mediaType: z.string(),
  rows: z.object({
    total: z.number().int().nullable().describe('data rows in the file, once read'),
    validated: z.number().int(),
    imported: z.number().int().describe('0 until the one transaction that writes every row commits, then all of them'),
    failed: z.number().int().describe('rows with at least one problem'),
  }),
  errorCount: z.number().int(),
  firstStudentId: z.uuid().nullable(),
  lastStudentId: z.uuid().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});

export const ImportErrors = z.object({
  state: StudentImport.shape.state,
  items: z.array(
    z.object({
      row: z.number().int().describe('as the spreadsheet numbers it: the header is row 1; 0 for the file as a whole'),
      column: z.string().describe('the column header'),
      code: z.string(),
      reason: z.string(),
    }),
  ),
});
