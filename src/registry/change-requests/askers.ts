import type { Principal } from '../../platform/auth/principal.js';
import type { Submitter } from '../../workflow/requests.service.js';
import type { Asker as AskerKind } from '../domain/change-kinds/asked-steps.js';

/** A guardian asking about a child bound to them (the caller checked the binding). */
export interface GuardianAsker {
  guardianId: string;
}

/** Who asks for a register change: the school's registrar, or a guardian of the student. */
export type Asker = Principal | GuardianAsker;

export const isGuardianAsker = (asker: Asker): asker is GuardianAsker => 'guardianId' in asker;

export const askerKind = (asker: Asker): AskerKind => (isGuardianAsker(asker) ? 'guardian' : 'school');

/** The subtree the record is looked up in: the registrar's own; a guardian's binding was checked already. */
export const lookupPath = (asker: Asker): string => (isGuardianAsker(asker) ? '/' : asker.organisationPath);

/** The request's submitter: the registrar, or the guardian asking through the student's school. */
export function submitterFor(asker: Asker, schoolPath: string): Submitter {
  return isGuardianAsker(asker) ? { accountId: asker.guardianId, organisationId: null, organisationPath: schoolPath, guardian: true } : asker;
}
