import { z } from 'zod';
import { isBase64, MATERIAL_MEDIA_TYPES } from '../domain/request-materials.js';

/** A material as JSON: the file's bytes in base64 (standard alphabet); 5 MB of file at most. */
export const AddMaterialRequest = z.object({
  fileName: z.string().min(1).max(200).describe('the file name as the client knows it (no folders)'),
  mediaType: z.enum(MATERIAL_MEDIA_TYPES).describe('PDF, JPEG or PNG; the first bytes must agree'),
  contentBase64: z
    .string()
    .min(4)
    .max(7_000_000)
    .refine(isBase64, 'must be base64')
    .describe('the file, base64-encoded (RFC 4648 §4: A–Z a–z 0–9 + /, up to two = at the end)'),
  sha256: z
    .string()
    .regex(/^[0-9a-f]{64}$/, 'must be a SHA-256 digest in lowercase hex')
    .optional()
    .describe('when given, the SHA-256 the file must have (a check of the upload)'),
});

export const Material = z.object({
  id: z.uuid(),
  requestId: z.uuid(),
  fileName: z.string(),
  mediaType: z.enum(MATERIAL_MEDIA_TYPES),
  size: z.number().int(),
  sha256: z.string().describe('SHA-256 of the file, lowercase hex'),
  addedByOrganisationCode: z.string(),
  createdAt: z.string(),
});

export const MaterialList = z.object({ items: z.array(Material) });
