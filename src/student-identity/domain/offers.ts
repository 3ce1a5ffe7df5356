import { createHash, randomBytes, randomInt } from 'node:crypto';
import { ageReachedAt } from '../../identity/student-credential/domain/identity-claims.js';

/**
 * Rules of an identity credential offer (OpenID4VCI pre-authorised code flow), pure.
 *
 * A school hands the offer to a student (or guardian) on paper: a QR code with the offer and,
 * separately, a six-digit transaction code. Either alone is useless; the pair redeems once.
 * The service keeps only SHA-256 digests of both, so a copy of the database redeems nothing.
 */

/** An offer on paper lasts three days: long enough to reach home, short enough to be re-made when lost. */
export const OFFER_TTL_MS = 72 * 3600_000;
/** The access token from the pre-authorised code: minutes, one exchange. */
export const ACCESS_TOKEN_TTL_SECONDS = 300;
/** A c_nonce for a proof of possession. */
export const NONCE_TTL_SECONDS = 300;
/** Wrong transaction codes before the offer locks (a six-digit code must not be guessable by trying). */
export const MAX_TX_CODE_FAILURES = 5;
export const TX_CODE_LENGTH = 6;
/** Copies per credential request: one per relying system, each under its own holder key. */
export const BATCH_SIZE = 4;
/** 第二十四条 and the law on minors' personal information: under 14, a guardian consents first. */
export const CONSENT_AGE = 14;

export type OfferState = 'offered' | 'redeemed' | 'locked' | 'cancelled';

export interface OfferSecrets {
  preAuthorizedCode: string;
  txCode: string;
}

export function newOfferSecrets(): OfferSecrets {
  const txCode = Array.from({ length: TX_CODE_LENGTH }, () => randomInt(10)).join('');
  return { preAuthorizedCode: randomBytes(32).toString('base64url'), txCode };
}

export function newNonce(): string {
  return randomBytes(24).toString('base64url');
}

/** What the store keeps of a secret: its SHA-256, hex. */
export function secretDigest(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** Whether the student is under 14 on `now` (China time, as the law counts full years). */
export function needsGuardianConsent(birthDate: string, now: Date): boolean {
  return ageReachedAt(birthDate, CONSENT_AGE).getTime() > now.getTime();
}

export interface OfferForRedemption {
  state: OfferState;
  expiresAt: Date;
  txCodeFailures: number;
}

export type RedemptionProblem = 'OFFER_USED' | 'OFFER_LOCKED' | 'OFFER_CANCELLED' | 'OFFER_EXPIRED';

/** Why a pre-authorised code cannot be exchanged now; null when it can (the tx code is checked next). */
export function redemptionProblem(offer: OfferForRedemption, now: Date): RedemptionProblem | null {
  if (offer.state === 'redeemed') return 'OFFER_USED';
  if (offer.state === 'locked' || offer.txCodeFailures >= MAX_TX_CODE_FAILURES) return 'OFFER_LOCKED';
  if (offer.state === 'cancelled') return 'OFFER_CANCELLED';
  if (offer.expiresAt.getTime() <= now.getTime()) return 'OFFER_EXPIRED';
  return null;
}

/** The state after a wrong transaction code: locked at the limit. */
export function afterWrongTxCode(failures: number): { failures: number; state: OfferState } {
  const next = failures + 1;
  return { failures: next, state: next >= MAX_TX_CODE_FAILURES ? 'locked' : 'offered' };
}
