import type { Refusal } from '../../common/errors/refusal.js';
import type { GuardianRelation } from '../../platform/guardians/domain/binding-code.js';
import { needsGuardianConsent } from './offers.js';

/**
 * A guardian's consent to the identity credential of a child under 14, pure. The law on minors'
 * personal information asks the consent of the child's 监护人: the parents, or another legal
 * guardian (民法典 第二十七条). A grandparent or anyone else bound to follow the child is not one
 * by that binding alone, so they cannot consent online; the school records a paper consent after
 * checking who signed. Any guardian who may consent may withdraw a consent for the child (the
 * protective direction): a withdrawn consent lets no further offer be made, and credentials
 * already issued stay as they are.
 */

/** What a consent covers: today only the identity credential (学生可信教育数字身份). */
export const CONSENT_PURPOSES = ['identity_credential'] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];

export const CONSENTING_RELATIONS: readonly GuardianRelation[] = ['father', 'mother', 'legal_guardian'];

/** The consent register's relation for a binding's (its vocabulary predates guardian accounts). */
export function consentRelationOf(relation: GuardianRelation): 'father' | 'mother' | 'guardian' {
  if (relation === 'father' || relation === 'mother') return relation;
  if (relation === 'legal_guardian') return 'guardian';
  throw new Error(`relation ${relation} may not consent`);
}

/** Why a guardian's consent or withdrawal is refused, as the error model's refusals. */
export const CONSENT_REFUSALS = {
  RELATION_MAY_NOT_CONSENT: { kind: 'forbidden', code: 'RELATION_MAY_NOT_CONSENT', message: 'only a parent or another legal guardian (监护人) consents for the child; the school records a paper consent after checking who signs' },
  CONSENT_NOT_NEEDED: { kind: 'unprocessable', code: 'CONSENT_NOT_NEEDED', message: 'the child is 14 or older: no guardian’s consent is asked for the identity credential' },
  CONSENT_ALREADY_GIVEN: { kind: 'conflict', code: 'CONSENT_ALREADY_GIVEN', message: 'you have already given this consent and not withdrawn it' },
  CONSENT_ALREADY_WITHDRAWN: { kind: 'conflict', code: 'CONSENT_ALREADY_WITHDRAWN', message: 'the consent has already been withdrawn' },
} as const satisfies Record<string, Refusal>;

/** Why this guardian cannot consent online now; null when they can. */
export function onlineConsentRefusal(input: { relation: GuardianRelation; birthDate: string; givenByThemAndActive: boolean }, now: Date): Refusal | null {
  if (!CONSENTING_RELATIONS.includes(input.relation)) return CONSENT_REFUSALS.RELATION_MAY_NOT_CONSENT;
  if (!needsGuardianConsent(input.birthDate, now)) return CONSENT_REFUSALS.CONSENT_NOT_NEEDED;
  if (input.givenByThemAndActive) return CONSENT_REFUSALS.CONSENT_ALREADY_GIVEN;
  return null;
}

/** Why this guardian cannot withdraw the consent; null when they can (a paper one too, whoever signed it). */
export function withdrawalRefusal(input: { relation: GuardianRelation; withdrawnAt: Date | null }): Refusal | null {
  if (!CONSENTING_RELATIONS.includes(input.relation)) return CONSENT_REFUSALS.RELATION_MAY_NOT_CONSENT;
  if (input.withdrawnAt) return CONSENT_REFUSALS.CONSENT_ALREADY_WITHDRAWN;
  return null;
}
