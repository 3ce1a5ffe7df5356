import { createHash } from 'node:crypto';
import { newActivationCode, normaliseActivationCode } from '../../auth/domain/activation-code.js';

/**
 * One-time binding codes: a school hands one to a guardian for one student; the guardian
 * creates an account with it, or binds a further child once signed in. Same alphabet and
 * length as activation codes (about 59 bits), shown once, kept as a digest, single use.
 */
export const BINDING = { validDays: 14 } as const;

export const GUARDIAN_RELATIONS = ['father', 'mother', 'grandparent', 'legal_guardian', 'other'] as const;
export type GuardianRelation = (typeof GUARDIAN_RELATIONS)[number];

export const newBindingCode = newActivationCode;

/** What is stored and looked up: the digest of the normalised code (unique across all codes). */
export function bindingDigest(code: string): string {
  return createHash('sha256').update(`xueji-guardian-binding\n${normaliseActivationCode(code)}`).digest('hex');
}

export function bindingExpiry(now: Date): Date {
  return new Date(now.getTime() + BINDING.validDays * 86_400_000);
}

export type BindingRefusal = 'BINDING_CODE_UNKNOWN' | 'BINDING_CODE_EXPIRED' | 'BINDING_CODE_USED';

/** Why a stored code (or none) cannot bind now, or null when it can. */
export function bindingRefusal(code: { expiresAt: Date; usedAt: Date | null } | null, now: Date): BindingRefusal | null {
  if (!code) return 'BINDING_CODE_UNKNOWN';
  if (code.usedAt) return 'BINDING_CODE_USED';
  if (code.expiresAt.getTime() <= now.getTime()) return 'BINDING_CODE_EXPIRED';
  return null;
}

export const BINDING_MESSAGES: Record<BindingRefusal, string> = {
  BINDING_CODE_UNKNOWN: 'the binding code is not known; ask the school for a new one',
  BINDING_CODE_EXPIRED: 'the binding code has expired; ask the school for a new one',
  BINDING_CODE_USED: 'the binding code was used already; a code binds once',
};
