import { createHmac } from 'node:crypto';

/**
 * The identifier a relying system knows a student by: HMAC-SHA-256, under a key of the service's
 * own (a subkey of the master key), over the relying system's id and the student's record id.
 * Stable for one relying system, unrelated across relying systems, and without the key it says
 * nothing about the student number or record (both are never part of the input it shows).
 */
export function pairwiseSubject(key: Uint8Array, relyingSystemId: string, studentId: string): string {
  return `ps_${createHmac('sha256', key).update(`xueji/pairwise\n${relyingSystemId}\n${studentId}`).digest('base64url')}`;
}
