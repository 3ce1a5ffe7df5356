/**
 * A request's materials (the scanned forms a kind's rules name by digest): who may add one and
 * what a file must be. Pure rules; nothing here knows what the request is about.
 *
 * - Added while the request is open, by the submitter's organisation or an organisation that
 *   decides one of its steps (whoever else sees the request reads them, adds nothing).
 * - PDF, JPEG or PNG, as its first bytes say (not only as the client claims), 1 byte to 5 MB.
 * - A file name without folders or control characters, at most 200 characters.
 */
export const MATERIAL_MEDIA_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export type MaterialMediaType = (typeof MATERIAL_MEDIA_TYPES)[number];
export const MAX_MATERIAL_BYTES = 5 * 1024 * 1024;

const SIGNATURES: Record<MaterialMediaType, number[]> = {
  'application/pdf': [0x25, 0x50, 0x44, 0x46, 0x2d],
  'image/jpeg': [0xff, 0xd8, 0xff],
  'image/png': [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
};

export type MaterialRefusal =
  | { kind: 'conflict'; code: 'REQUEST_CLOSED'; message: string }
  | { kind: 'forbidden'; code: 'NOT_A_PARTY'; message: string }
  | { kind: 'validation'; field: 'fileName' | 'mediaType' | 'contentBase64'; code: string; message: string };

export interface MaterialParties {
  status: string;
  submittedPath: string;
  stepActorPaths: readonly string[];
}

export function mayAddMaterial(request: MaterialParties, organisationPath: string): MaterialRefusal | null {
  if (request.status !== 'open') return { kind: 'conflict', code: 'REQUEST_CLOSED', message: 'materials are added while the request is open' };
  if (organisationPath === request.submittedPath || request.stepActorPaths.includes(organisationPath)) return null;
  return { kind: 'forbidden', code: 'NOT_A_PARTY', message: "materials are added by the submitter's organisation or one that decides a step" };
}

const TOO_LARGE: MaterialRefusal = { kind: 'validation', field: 'contentBase64', code: 'FILE_TOO_LARGE', message: `a material is at most ${MAX_MATERIAL_BYTES / 1024 / 1024} MB` };

/** The size a base64 text decodes to, without decoding it. */
const BASE64_ALPHABET = new Uint8Array(128);
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/') BASE64_ALPHABET[c.charCodeAt(0)] = 1;

/**
 * Standard base64 (RFC 4648 §4): alphabet characters, then at most two '='. One pass over the
 * characters: a regular expression on a 7 MB string keeps a backtracking entry per character and
 * can overflow V8's regexp stack (a RangeError, seen as an intermittent 500).
 */
export function isBase64(text: string): boolean {
  let end = text.length;
  if (end > 0 && text.charCodeAt(end - 1) === 61) end--;
  if (end > 0 && text.charCodeAt(end - 1) === 61) end--;
  if (end === 0) return false;
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c >= 128 || BASE64_ALPHABET[c] === 0) return false;
  }
  return true;
}

export function base64DecodedSize(text: string): number {
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  return Math.floor((text.length * 3) / 4) - padding;
}

/** Refuses a file over the limit by its encoded length, before a buffer of it is made. */
export function checkEncodedSize(contentBase64: string): MaterialRefusal | null {
  return base64DecodedSize(contentBase64) > MAX_MATERIAL_BYTES ? TOO_LARGE : null;
}

export function checkMaterial(fileName: string, mediaType: MaterialMediaType, content: Uint8Array): MaterialRefusal | null {
  // eslint-disable-next-line no-control-regex
  if (/[/\\\u0000-\u001f\u007f]/.test(fileName) || fileName.trim() === '' || fileName === '.' || fileName === '..') {
    return { kind: 'validation', field: 'fileName', code: 'INVALID_FILE_NAME', message: 'a plain file name, without folders or control characters' };
  }
  if (content.length === 0) return { kind: 'validation', field: 'contentBase64', code: 'EMPTY_FILE', message: 'the file is empty' };
  if (content.length > MAX_MATERIAL_BYTES) return TOO_LARGE;
  const signature = SIGNATURES[mediaType];
  if (!signature.every((byte, i) => content[i] === byte)) {
    return { kind: 'validation', field: 'mediaType', code: 'MEDIA_TYPE_MISMATCH', message: `the file is not ${mediaType}` };
  }
  return null;
}
