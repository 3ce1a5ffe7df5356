/**
 * Which refusals tell the approving authority that a relying system may be misusing its approval
 * (第二十四条: 谁批准、谁负责), and when repeated failed verifications become a warning. Pure.
 */
export type SharingWarningKind = 'sharing.volume_exceeded' | 'sharing.outside_scope' | 'sharing.outside_region' | 'sharing.verification_failures';

/** Failed verifications of one relying system within the window that raise a warning. */
export const VERIFICATION_FAILURE_THRESHOLD = 3;
export const VERIFICATION_FAILURE_WINDOW_MINUTES = 60;

/** Refusal codes that count as a failed verification of a presentation. */
export const VERIFICATION_FAILURE_CODES: ReadonlySet<string> = new Set([
  'PRESENTATION_INVALID',
  'EXTRA_DISCLOSURE',
  'NONCE_MISMATCH',
  'AUDIENCE_MISMATCH',
  'REQUEST_ALREADY_ANSWERED',
  'CREDENTIAL_NOT_VALID',
  'UNTRUSTED_ISSUER',
  'UNKNOWN_CREDENTIAL',
]);

/** The warning a refusal raises at once, or null (verification failures warn only when repeated). */
export function warningFor(code: string): SharingWarningKind | null {
  if (code === 'APPROVAL_VOLUME_EXCEEDED') return 'sharing.volume_exceeded';
  if (code === 'CLAIM_NOT_APPROVED') return 'sharing.outside_scope';
  if (code === 'OUTSIDE_REGION') return 'sharing.outside_region';
  return null;
}

/** Whether `failures` failed verifications within the window (this one included) call for a warning. */
export function repeatedFailures(failures: number): boolean {
  return failures >= VERIFICATION_FAILURE_THRESHOLD;
}
