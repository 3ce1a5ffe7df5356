/**
 * Listing and search over the register (issue 8): the pure parts — the keyset cursor and the
 * LIKE patterns. Pages run in the order (scope_path, student_number), both compared byte-wise
 * (COLLATE "C"): the order of the `students_keyset` index, so that a page of any subtree is one
 * index range read from the cursor on, whatever the size of the subtree.
 *
 * The cursor is opaque to callers: it names the last row of the page (its organisation path and
 * student number, neither of them personal data) and nothing else, so it can sit in a URL.
 */

import { STUDENT_NUMBER_PATTERN } from './student-number.js';

export interface SearchPosition {
  scopePath: string;
  studentNumber: string;
}

const CURSOR_VERSION = 'k1';
const PATH = /^\/000000\/(?:\d{6}\/){1,3}(?:\d{10}\/)?$/;

export function encodeCursor(position: SearchPosition): string {
  return Buffer.from(`${CURSOR_VERSION}|${position.scopePath}|${position.studentNumber}`, 'utf8').toString('base64url');
}

/** The position a cursor names, or null for anything this service did not hand out. */
export function decodeCursor(cursor: string): SearchPosition | null {
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(cursor)) return null;
  const [version, scopePath, studentNumber, ...rest] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (version !== CURSOR_VERSION || rest.length > 0) return null;
  if (!PATH.test(scopePath ?? '') || !STUDENT_NUMBER_PATTERN.test(studentNumber ?? '')) return null;
  return { scopePath, studentNumber };
}

/** A LIKE pattern matching values that start with `prefix`, its wildcards taken literally. */
export function prefixPattern(prefix: string): string {
  return `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Student numbers are typed in any case and with spaces; the stored form is upper case without. */
export function normaliseStudentNumberPrefix(input: string): string {
  return input.replace(/\s+/g, '').toUpperCase();
}
