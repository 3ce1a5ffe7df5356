/**
 * Where each claim an approval can name (claims.ts) sits in the two formats of the student
 * identity credential (docs/identity.md), and what follows from it: the DCQL query a relying
 * system's request carries, the check that a presentation disclosed nothing else, and the result
 * that keeps only the approved claims under their approval names. Pure.
 */
import type { ShareableClaim } from './claims.js';

export type PresentationFormat = 'dc+sd-jwt' | 'ldp_vc';
export const PRESENTATION_FORMATS: readonly PresentationFormat[] = ['dc+sd-jwt', 'ldp_vc'];
type Path = readonly string[];

/**
 * Paths per format: SD-JWT VC claims from the payload's root, W3C claims under
 * `credentialSubject`. `region` is its own container in SD-JWT VC and the school's
 * province/city/county nodes in the W3C form (that form has no separate region node).
 */
export const CLAIM_PATHS: Readonly<Record<ShareableClaim, Readonly<Record<PresentationFormat, readonly Path[]>>>> = {
  enrolment_status: { 'dc+sd-jwt': [['enrolment_status']], ldp_vc: [['enrolmentStatus']] },
  education_stage: { 'dc+sd-jwt': [['education_stage']], ldp_vc: [['educationStage']] },
  grade: { 'dc+sd-jwt': [['grade']], ldp_vc: [['grade']] },
  school: { 'dc+sd-jwt': [['school']], ldp_vc: [['school', 'name'], ['school', 'schoolCode']] },
  region: { 'dc+sd-jwt': [['region']], ldp_vc: [['school', 'province'], ['school', 'city'], ['school', 'county']] },
  age_over_12: { 'dc+sd-jwt': [['age_over_12']], ldp_vc: [['age_over_12']] },
  age_over_14: { 'dc+sd-jwt': [['age_over_14']], ldp_vc: [['age_over_14']] },
  age_over_16: { 'dc+sd-jwt': [['age_over_16']], ldp_vc: [['age_over_16']] },
  age_over_18: { 'dc+sd-jwt': [['age_over_18']], ldp_vc: [['age_over_18']] },
  name: { 'dc+sd-jwt': [['name']], ldp_vc: [['name']] },
  gender: { 'dc+sd-jwt': [['gender']], ldp_vc: [['gender']] },
  birth_date: { 'dc+sd-jwt': [['birthdate']], ldp_vc: [['birthDate']] },
};

/** DCQL credential query ids, one per format; the wallet answers one of them (credential_sets). */
export const CREDENTIAL_QUERY_IDS: Readonly<Record<PresentationFormat, string>> = { 'dc+sd-jwt': 'student_identity_sd_jwt', ldp_vc: 'student_identity_ldp_vc' };

/** SD-JWT VC payload members that are never selectively disclosed (the envelope, not the student). */
const SD_JWT_ENVELOPE = new Set(['iss', 'vct', 'cnf', 'status', 'iat', 'nbf', 'exp', 'sub', '_sd_alg', 'vct#integrity']);

/** The DCQL query (OpenID4VP 1.0 §6) for `claims` in either format. */
export function dcqlQuery(claims: readonly ShareableClaim[], vct: string) {
  const claimsOf = (format: PresentationFormat, prefix: Path) =>
    claims.flatMap((claim) => CLAIM_PATHS[claim][format].map((path) => ({ path: [...prefix, ...path] })));
  return {
    credentials: [
      { id: CREDENTIAL_QUERY_IDS['dc+sd-jwt'], format: 'dc+sd-jwt', meta: { vct_values: [vct] }, claims: claimsOf('dc+sd-jwt', []) },
      {
        id: CREDENTIAL_QUERY_IDS.ldp_vc,
        format: 'ldp_vc',
        meta: { type_values: [['VerifiableCredential', 'StudentIdentityCredential']] },
        claims: claimsOf('ldp_vc', ['credentialSubject']),
      },
    ],
    credential_sets: [{ options: [[CREDENTIAL_QUERY_IDS['dc+sd-jwt']], [CREDENTIAL_QUERY_IDS.ldp_vc]] }],
  };
}

/** The claim names a wallet discloses for `claims` in `format`, as dotted paths (its `--disclose`). */
export function disclosurePaths(claims: readonly ShareableClaim[], format: PresentationFormat): string[] {
  return claims.flatMap((claim) => CLAIM_PATHS[claim][format].map((path) => path.join('.')));
}

/**
 * The disclosed subject of a verified presentation: the SD-JWT payload with its disclosures in
 * place, or the derived credential's `credentialSubject`, without what every presentation carries.
 */
export function disclosedSubject(format: PresentationFormat, claims: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(claims)) {
    if (format === 'dc+sd-jwt' ? SD_JWT_ENVELOPE.has(key) || key === '_sd' : key === 'id' || key === 'type') continue;
    out[key] = value;
  }
  return out;
}

/** Leaf paths of what was disclosed that no requested claim covers (empty: nothing extra). */
export function disclosedOutside(format: PresentationFormat, subject: Record<string, unknown>, requested: readonly ShareableClaim[]): string[] {
  const allowed = requested.flatMap((claim) => CLAIM_PATHS[claim][format]);
  return leafPaths(subject).filter((leaf) => !allowed.some((path) => path.every((segment, i) => leaf[i] === segment))).map((leaf) => leaf.join('.'));
}

/** The requested claims found in what was disclosed, under their approval names. */
export function resultClaims(format: PresentationFormat, subject: Record<string, unknown>, requested: readonly ShareableClaim[]): Partial<Record<ShareableClaim, unknown>> {
  const out: Partial<Record<ShareableClaim, unknown>> = {};
  for (const claim of requested) {
    const paths = CLAIM_PATHS[claim][format];
    if (paths.length === 1) {
      const value = at(subject, paths[0]);
      if (value !== undefined) out[claim] = value;
      continue;
    }
    // A claim made of several members (the W3C school or region): keep the members present, by their last name.
    const parts = Object.fromEntries(paths.map((path) => [path.at(-1)!, at(subject, path)]).filter(([, value]) => value !== undefined));
    if (Object.keys(parts).length > 0) out[claim] = parts;
  }
  return out;
}

function at(value: unknown, path: Path): unknown {
  let node = value;
  for (const segment of path) {
    if (typeof node !== 'object' || node === null || Array.isArray(node)) return undefined;
    node = (node as Record<string, unknown>)[segment];
  }
  return node;
}

function leafPaths(value: unknown, prefix: string[] = []): string[][] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [prefix];
  const entries = Object.entries(value as Record<string, unknown>).filter(([key]) => key !== '_sd' && key !== 'type' && key !== 'id');
  if (entries.length === 0) return prefix.length > 0 ? [prefix] : [];
  return entries.flatMap(([key, child]) => leafPaths(child, [...prefix, key]));
}
