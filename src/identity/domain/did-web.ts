import { DID_CONTEXT_V1_URL } from '../contexts/did-v1.js';
import { ed25519VerificationMethod, type MultikeyVerificationMethod } from './ed25519-keys.js';

/**
 * did:web identifiers for issuers served by this service (https://w3c-ccg.github.io/did-method-web/):
 * `did:web:<host, port colon as %3A>:<path segments joined by ":">`, whose document lives at
 * `/<path segments>/did.json`, or at `/.well-known/did.json` for a bare domain.
 */

const DID_WEB_PREFIX = 'did:web:';
const MULTIKEY_CONTEXT_V1_URL = 'https://w3id.org/security/multikey/v1';
/** Hostname or IPv4 with optional port, or a bracketed IPv6 literal with optional port. */
const HOST_PATTERN = /^(?:[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

export interface DidDocument {
  '@context': Array<string | Record<string, string>>;
  id: string;
  name?: string;
  verificationMethod: MultikeyVerificationMethod[];
  assertionMethod: string[];
  authentication: string[];
}

/** e.g. (`http://localhost:3000`, ['issuers', '330106']) → `did:web:localhost%3A3000:issuers:330106`. */
export function didWebForPath(publicUrl: string, pathSegments: string[]): string {
  const url = parsePublicUrl(publicUrl);
  // A public URL with a base path (behind a reverse proxy) keeps that path in the DID.
  const baseSegments = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
  const segments = [...baseSegments, ...pathSegments];
  segments.forEach(assertSafeSegment);
  return DID_WEB_PREFIX + [url.host, ...segments].map(encodeDidSegment).join(':');
}

/** e.g. `did:web:localhost%3A3000:issuers:330106` → { host: 'localhost:3000', path: '/issuers/330106/did.json' }. */
export function didWebToPath(did: string): { host: string; path: string } {
  if (typeof did !== 'string' || !did.startsWith(DID_WEB_PREFIX)) {
    throw new Error(`Not a did:web identifier: "${did}".`);
  }
  if (/[#?/]/.test(did)) {
    throw new Error(`Expected a DID, not a DID URL: "${did}".`);
  }
  const [host, ...segments] = did.slice(DID_WEB_PREFIX.length).split(':').map((part) => decodeDidSegment(part, did));
  if (!HOST_PATTERN.test(host)) {
    throw new Error(`did:web host is not a valid host: "${did}".`);
  }
  segments.forEach(assertSafeSegment);
  const path = segments.length === 0 ? '/.well-known/did.json' : `/${segments.map(encodeURIComponent).join('/')}/did.json`;
  return { host: host.toLowerCase(), path };
}

/**
 * A DID document whose keys may both assert (issue credentials) and authenticate.
 * Each verification method `id` is either a fragment (`key-1`) or a full `${did}#key-1`.
 */
export function buildDidDocument(options: {
  did: string;
  verificationMethods: Array<{ id: string; publicKeyMultibase: string }>;
  name?: string;
}): DidDocument {
  const { did, name } = options;
  const methods = options.verificationMethods.map(({ id, publicKeyMultibase }) =>
    ed25519VerificationMethod({ id: verificationMethodId(did, id), controller: did, publicKeyMultibase }),
  );
  const ids = methods.map((method) => method.id);
  // Neither the DID nor the Multikey context defines `name`; an inline term keeps the document valid JSON-LD.
  const context: DidDocument['@context'] = [DID_CONTEXT_V1_URL, MULTIKEY_CONTEXT_V1_URL];
  if (name !== undefined) context.push({ name: 'https://schema.org/name' });
  return {
    '@context': context,
    id: did,
    ...(name !== undefined ? { name } : {}),
    verificationMethod: methods,
    assertionMethod: ids,
    authentication: [...ids],
  };
}

/** `${did}#${fragment}`; an id that is already absolute must belong to `did`. */
export function verificationMethodId(did: string, idOrFragment: string): string {
  if (!idOrFragment.includes('#')) return `${did}#${idOrFragment}`;
  if (!idOrFragment.startsWith(`${did}#`)) {
    throw new Error(`Verification method "${idOrFragment}" does not belong to "${did}".`);
  }
  return idOrFragment;
}

function parsePublicUrl(publicUrl: string): URL {
  let url: URL;
  try {
    url = new URL(publicUrl);
  } catch {
    throw new Error(`Public URL is not a valid URL: "${publicUrl}".`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new Error(`Public URL must be http(s): "${publicUrl}".`);
  }
  if (url.search || url.hash || url.username || url.password) {
    throw new Error(`Public URL must not carry credentials, a query or a fragment: "${publicUrl}".`);
  }
  return url;
}

/** Segments become URL path parts on resolution, so anything that could climb the path is refused. */
function assertSafeSegment(segment: string): void {
  if (typeof segment !== 'string' || segment === '' || segment === '.' || segment === '..' || segment.includes('/')) {
    throw new Error(`did:web path segment is empty or unsafe: "${segment}".`);
  }
}

/** DID method-specific ids allow only ALPHA / DIGIT / "." / "-" / "_" / pct-encoded. */
function encodeDidSegment(segment: string): string {
  return encodeURIComponent(segment).replace(/[!'()*~]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
}

function decodeDidSegment(segment: string, did: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new Error(`did:web identifier has invalid percent-encoding: "${did}".`);
  }
}
