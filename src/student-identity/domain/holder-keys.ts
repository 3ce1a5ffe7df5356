import { createHash, createPublicKey, type JsonWebKey } from 'node:crypto';
import { ed25519PublicJwk } from '../../identity/domain/ed25519-keys.js';
import { p256PublicKeyObject } from '../../identity/domain/p256-keys.js';

/**
 * Holder keys as OpenID4VCI proofs name them, pure: a did:key URL (`kid`, for the W3C form, bound
 * through credentialSubject.id) or a public JWK (`jwk`, for SD-JWT VC's `cnf.jwk`).
 */

export type PublicJwk = { kty: 'EC'; crv: 'P-256'; x: string; y: string } | { kty: 'OKP'; crv: 'Ed25519'; x: string };

const DID_KEY_URL = /^(did:key:(z[1-9A-HJ-NP-Za-km-z]{40,60}))(?:#(z[1-9A-HJ-NP-Za-km-z]{40,60}))?$/;

/** The DID and public JWK of a did:key URL (`did:key:z…#z…` or the bare DID); null for anything else. */
export function didKeyJwk(didUrl: string): { did: string; jwk: PublicJwk } | null {
  const match = DID_KEY_URL.exec(didUrl);
  if (!match || (match[3] !== undefined && match[3] !== match[2])) return null;
  const multibase = match[2];
  try {
    if (multibase.startsWith('z6Mk')) return { did: match[1], jwk: ed25519PublicJwk(multibase) };
    if (multibase.startsWith('zDn')) {
      const { x, y } = p256PublicKeyObject(multibase).export({ format: 'jwk' });
      return { did: match[1], jwk: { kty: 'EC', crv: 'P-256', x: x!, y: y! } };
    }
  } catch {
    return null;
  }
  return null;
}

/** Only the public members of a P-256 or Ed25519 JWK, or null when it is neither (or not a valid key). */
export function publicJwkOf(jwk: unknown): PublicJwk | null {
  if (typeof jwk !== 'object' || jwk === null) return null;
  const { kty, crv, x, y } = jwk as Record<string, unknown>;
  const candidate: PublicJwk | null =
    kty === 'EC' && crv === 'P-256' && typeof x === 'string' && typeof y === 'string'
      ? { kty, crv, x, y }
      : kty === 'OKP' && crv === 'Ed25519' && typeof x === 'string'
        ? { kty, crv, x }
        : null;
  if (!candidate) return null;
  try {
    createPublicKey({ key: candidate as JsonWebKey, format: 'jwk' });
    return candidate;
  } catch {
    return null;
  }
}

/** RFC 7638 JWK thumbprint (SHA-256, base64url): what the store keeps of a holder's key. */
export function jwkThumbprint(jwk: PublicJwk): string {
  const members = jwk.kty === 'EC' ? { crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y } : { crv: jwk.crv, kty: jwk.kty, x: jwk.x };
  return createHash('sha256').update(JSON.stringify(members)).digest('base64url');
}
