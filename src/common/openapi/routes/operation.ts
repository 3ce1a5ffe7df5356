import { z } from 'zod';
import { ALL_ROLES, AUTHORITY_ROLES } from '../../../platform/auth/access.decorator.js';

/**
 * What each route of the OpenAPI document says: who may call it, what it takes and answers.
 * The route tables beside this file, one per tag, are composed by ../openapi-document.ts.
 */
/** `guardian`: guardian tokens only (GuardianOnly); organisation accounts get 403. */
export type Access = 'public' | 'guardian' | string[];
export interface Operation {
  summary: string;
  access: Access;
  tag: string;
  body?: z.ZodType;
  /** An HTML form's body (multipart/form-data), instead of JSON. */
  form?: z.ZodType;
  /** A file sent as the body itself, in one of these media types. */
  upload?: string[];
  query?: z.ZodObject;
  ok: { status: number; schema?: z.ZodType; contentType?: string };
  errors?: number[];
}

export type Routes = Record<string, Record<string, Operation>>;

export const ALL = [...ALL_ROLES];
export const AUTHORITIES = [...AUTHORITY_ROLES];
export const html = { status: 200, contentType: 'text/html' };
export const PageLanguage = z.object({ lang: z.enum(['zh', 'en']).optional().describe('Page language; without it, Accept-Language decides (Chinese unless English is preferred)') });
export const VerifyForm = z.object({
  credential: z.string().optional().describe('The credential as JSON text (at most 64 KB)'),
  file: z.file().optional().describe('Or the credential as a JSON file (at most 64 KB); wins over the text'),
});
