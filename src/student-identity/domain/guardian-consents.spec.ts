import { describe, expect, it } from '@jest/globals';
import { consentRelationOf, onlineConsentRefusal, withdrawalRefusal } from './guardian-consents.js';

// Born 2014-05-20: under 14 until 2028-05-20 (China time).
const NOW = new Date('2026-11-30T02:00:00Z');
const child = { birthDate: '2014-05-20', givenByThemAndActive: false };

describe('a guardian’s online consent', () => {
  it.each([
    ['father', null],
    ['mother', null],
    ['legal_guardian', null],
    ['grandparent', 'RELATION_MAY_NOT_CONSENT'],
    ['other', 'RELATION_MAY_NOT_CONSENT'],
  ] as const)('a %s of a child under 14: %s', (relation, refusal) => {
    expect(onlineConsentRefusal({ ...child, relation }, NOW)?.code ?? null).toBe(refusal);
  });

  it('is not asked for a child of 14 or older', () => {
    expect(onlineConsentRefusal({ relation: 'mother', birthDate: '2012-11-29', givenByThemAndActive: false }, NOW)).toMatchObject({ kind: 'unprocessable', code: 'CONSENT_NOT_NEEDED' });
  });

  it('is given once until withdrawn', () => {
    expect(onlineConsentRefusal({ ...child, relation: 'mother', givenByThemAndActive: true }, NOW)).toMatchObject({ kind: 'conflict', code: 'CONSENT_ALREADY_GIVEN' });
  });

  it('names a legal guardian as the consent register does', () => {
    expect(consentRelationOf('legal_guardian')).toBe('guardian');
    expect(consentRelationOf('father')).toBe('father');
    expect(() => consentRelationOf('grandparent')).toThrow();
  });
});

describe('withdrawing a consent', () => {
  it('is for a parent or legal guardian, once', () => {
    expect(withdrawalRefusal({ relation: 'father', withdrawnAt: null })).toBeNull();
    expect(withdrawalRefusal({ relation: 'grandparent', withdrawnAt: null })).toMatchObject({ kind: 'forbidden', code: 'RELATION_MAY_NOT_CONSENT' });
    expect(withdrawalRefusal({ relation: 'mother', withdrawnAt: NOW })).toMatchObject({ kind: 'conflict', code: 'CONSENT_ALREADY_WITHDRAWN' });
  });
});
