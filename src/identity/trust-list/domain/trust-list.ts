/**
 * The trust list (pure): which DIDs are this register's education authorities, with the name,
 * level, region and standing (and, from context v2, which schools it holds, under which authority),
 * as verifiers show them — taken from here, never from a credential, which
 * anyone can write. Published as a credential signed by the deployment's root authority, whose
 * DID verifiers pin.
 */
import type { OrgLevel } from '../../../platform/organisations/domain/org-level.js';

export type Standing = 'active';

export interface TrustEntry {
  /** The authority's DID. */
  id: string;
  name: string;
  level: Exclude<OrgLevel, 'school'>;
  /** GB/T 2260 code of the administrative division the authority serves. */
  region: string;
  standing: Standing;
}

/** A school of the register: not an issuer (schools sign nothing), named so that verifiers can check a school a credential states. */
export interface SchoolEntry {
  /** 学校标识码, ten digits. */
  code: string;
  name: string;
  /** The DID of the education authority that supervises it (and signs for it). */
  authority: string;
  /** GB/T 2260 code of the county (or city) the school is in. */
  region: string;
  standing: Standing;
}

/** How long a signed list is valid: verifiers fetch a new one at least this often. */
export const TRUST_LIST_VALIDITY_MS = 24 * 3600_000;

export function trustListCredential(input: {
  url: string;
  contexts: { vc: string; trust: string };
  issuer: { id: string; name: string };
  entries: TrustEntry[];
  schools?: SchoolEntry[];
  now: Date;
}) {
  const validFrom = input.now.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const validUntil = new Date(input.now.getTime() + TRUST_LIST_VALIDITY_MS).toISOString().replace(/\.\d{3}Z$/, 'Z');
  return {
    '@context': [input.contexts.vc, input.contexts.trust],
    id: input.url,
    type: ['VerifiableCredential', 'XuejiTrustList'],
    issuer: { id: input.issuer.id, name: input.issuer.name },
    validFrom,
    validUntil,
    credentialSubject: {
      id: `${input.url}#issuers`,
      type: 'TrustedIssuers',
      trustedIssuers: [...input.entries].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
      ...(input.schools ? { schools: [...input.schools].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0)) } : {}),
    },
  };
}

/** The entry of `did`, if the list holds it in good standing; anything else is untrusted. */
export function trustedEntry(entries: ReadonlyMap<string, TrustEntry>, did: string | null | undefined): TrustEntry | null {
  if (!did) return null;
  const entry = entries.get(did);
  return entry && entry.standing === 'active' ? entry : null;
}
