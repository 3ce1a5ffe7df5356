import * as vc from '@digitalbazaar/vc';
import type { FieldError } from '../../common/errors/domain-error.js';
import type { BitstringStatusListEntry } from '../status/domain/status-list.js';
import type { Credential } from './data-integrity.js';
import { conformanceProblems } from './vc-conformance.js';

/**
 * What POST /credentials/issue (W3C VC API) accepts, pure. The caller's credential is kept as
 * given — its `id`, its `issuer` — except that it gets an id when it has none and, always, this
 * issuer's status entries: a credential it signs can always be revoked and suspended.
 * VC 2.0 defines the status entry terms itself; a VC 1.1 credential (still what many wallets
 * and the Data Integrity suites send) gets the Bitstring Status List v1 context for them, and an
 * `issuanceDate` when it has none, as the stock issuer would add.
 */
const V1 = 'https://www.w3.org/2018/credentials/v1';
const BITSTRING_STATUS_LIST_V1 = 'https://www.w3.org/ns/credentials/status/v1';
/** status_entries.credential_id */
const MAX_ID_LENGTH = 255;
const STATUS_ENTRY_TYPE = 'BitstringStatusListEntry';

/** The credential checks vc.issue runs itself (exported by @digitalbazaar/vc, not in our type declarations). */
const { _checkCredential: checkAsStockIssueDoes } = vc as unknown as {
  _checkCredential(options: { credential: object; now: Date; mode: 'issue' }): void;
};

/** Every reason not to sign, each naming its field (`credential.<property>`); empty when it can be signed. */
/**
 * Types only the register issues — certificates (Open Badges) and the student identity credential —
 * from its records, under its approvals and second approvals. Through the VC API an authority
 * could otherwise sign a "diploma" of any content, past every control of the register.
 */
export const REGISTER_ONLY_TYPES = ['OpenBadgeCredential', 'AchievementCredential', 'StudentIdentityCredential'] as const;

export function registerOnlyProblem(credential: Record<string, unknown>): FieldError | null {
  const types = Array.isArray(credential.type) ? credential.type : [credential.type];
  const reserved = types.find((t) => (REGISTER_ONLY_TYPES as readonly unknown[]).includes(t));
  return reserved
    ? { field: 'credential.type', message: `${String(reserved)} is issued from the register only (certificates and identity credentials have their own routes and approvals)` }
    : null;
}

export function issueProblems(credential: Record<string, unknown>, now: Date): FieldError[] {
  const problems = conformanceProblems(credential).map((message) => ({ field: fieldOf(message), message }));
  const reserved = registerOnlyProblem(credential);
  if (reserved) problems.push(reserved);
  if (typeof credential.id === 'string' && credential.id.length > MAX_ID_LENGTH) {
    problems.push({ field: 'credential.id', message: `"id" must be at most ${MAX_ID_LENGTH} characters.` });
  }
  for (const path of statusEntryPaths(credential, 'credential')) {
    problems.push({ field: path, message: `${STATUS_ENTRY_TYPE} entries are allocated by this issuer; leave them out.` });
  }
  if (problems.length === 0) {
    try {
      checkAsStockIssueDoes({ credential: withIssuanceDate(credential, now), now, mode: 'issue' });
    } catch (error) {
      const message = (error as Error).message;
      problems.push({ field: fieldOf(message), message });
    }
  }
  return problems;
}

/** The credential to sign: the caller's, with `id` (when missing) and this issuer's status entries appended. */
export function withIssuerAdditions(credential: Record<string, unknown>, id: string, entries: BitstringStatusListEntry[], now: Date): Credential {
  const { '@context': given, id: _id, credentialStatus, ...rest } = withIssuanceDate(credential, now);
  const contexts = given as unknown[];
  const context = contexts[0] === V1 && !contexts.includes(BITSTRING_STATUS_LIST_V1) ? [...contexts, BITSTRING_STATUS_LIST_V1] : contexts;
  const statuses = credentialStatus === undefined ? [] : Array.isArray(credentialStatus) ? credentialStatus : [credentialStatus];
  return { '@context': context, id, ...rest, credentialStatus: [...statuses, ...entries] } as unknown as Credential;
}

function withIssuanceDate(credential: Record<string, unknown>, now: Date): Record<string, unknown> {
  const isV1 = Array.isArray(credential['@context']) && credential['@context'][0] === V1;
  return isV1 && credential.issuanceDate === undefined ? { ...credential, issuanceDate: now.toISOString().replace(/\.\d{3}Z$/, 'Z') } : credential;
}

/** The credential's id: the caller's, or a fresh `urn:uuid:`. */
export function credentialIdOf(credential: Record<string, unknown>, newUuid: () => string): string {
  return typeof credential.id === 'string' ? credential.id : `urn:uuid:${newUuid()}`;
}

/**
 * Where the credential carries objects typed as status entries, at any depth: an index the
 * caller picked could be anyone's, so this issuer refuses them rather than sign them.
 */
function statusEntryPaths(value: unknown, path: string, depth = 0): string[] {
  if (typeof value !== 'object' || value === null || depth > 32) return [];
  if (Array.isArray(value)) return value.flatMap((item, i) => statusEntryPaths(item, `${path}.${i}`, depth + 1));
  const object = value as Record<string, unknown>;
  const types = Array.isArray(object.type) ? object.type : [object.type];
  if (types.includes(STATUS_ENTRY_TYPE)) return [path];
  return Object.entries(object).flatMap(([key, child]) => statusEntryPaths(child, `${path}.${key}`, depth + 1));
}

/** Messages name the property first, in quotes (ours and the library's alike). */
function fieldOf(message: string): string {
  const property = /"([^"]+)"/.exec(message)?.[1];
  return property && !property.includes(' ') ? `credential.${property}` : 'credential';
}
