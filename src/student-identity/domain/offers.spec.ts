import { describe, expect, it } from '@jest/globals';
import {
  afterWrongTxCode,
  MAX_TX_CODE_FAILURES,
  needsGuardianConsent,
  newOfferSecrets,
  redemptionProblem,
  secretDigest,
  TX_CODE_LENGTH,
} from './offers.js';

const NOW = new Date('2026-11-30T02:00:00Z');
const open = { state: 'offered' as const, expiresAt: new Date('2026-12-03T02:00:00Z'), txCodeFailures: 0 };

describe('identity offers', () => {
  it('makes a long random pre-authorised code and a six-digit transaction code, different each time', () => {
    const a = newOfferSecrets();
    const b = newOfferSecrets();
    expect(a.preAuthorizedCode).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(a.txCode).toMatch(new RegExp(`^\\d{${TX_CODE_LENGTH}}$`));
    expect(a.preAuthorizedCode).not.toBe(b.preAuthorizedCode);
  });

  it('keeps secrets as SHA-256 digests', () => {
    expect(secretDigest('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('asks for a guardian’s consent until the day after the 14th birthday, China time', () => {
    // Born 2012-11-30: 14 full years at 00:00 China time on 2026-12-01 (2026-11-30T16:00Z).
    expect(needsGuardianConsent('2012-11-30', new Date('2026-11-30T15:59:59Z'))).toBe(true);
    expect(needsGuardianConsent('2012-11-30', new Date('2026-11-30T16:00:00Z'))).toBe(false);
    expect(needsGuardianConsent('2005-01-01', NOW)).toBe(false);
  });

  it('redeems an open offer once, before it expires, unless locked or cancelled', () => {
    expect(redemptionProblem(open, NOW)).toBeNull();
    expect(redemptionProblem({ ...open, state: 'redeemed' }, NOW)).toBe('OFFER_USED');
    expect(redemptionProblem({ ...open, state: 'cancelled' }, NOW)).toBe('OFFER_CANCELLED');
    expect(redemptionProblem({ ...open, state: 'locked' }, NOW)).toBe('OFFER_LOCKED');
    expect(redemptionProblem(open, open.expiresAt)).toBe('OFFER_EXPIRED');
  });

  it('locks an offer after the last allowed wrong transaction code', () => {
    let failures = 0;
    const states = [];
    for (let i = 0; i < MAX_TX_CODE_FAILURES; i++) {
      const next = afterWrongTxCode(failures);
      failures = next.failures;
      states.push(next.state);
    }
    expect(states.slice(0, -1).every((s) => s === 'offered')).toBe(true);
    expect(states.at(-1)).toBe('locked');
    expect(redemptionProblem({ ...open, txCodeFailures: failures }, NOW)).toBe('OFFER_LOCKED');
  });
});
