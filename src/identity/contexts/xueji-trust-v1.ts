/**
 * Our JSON-LD context for the trust list (which DIDs are this register's education authorities).
 * This service serves it at xuejiTrustContextUrl(PUBLIC_URL). The entries are one JSON literal
 * (`@json`, canonicalized with JCS inside RDFC-1.0), so a verifier reads them as plain JSON and
 * the signature covers them byte for byte.
 *
 * Frozen once a list names it: add a v2 beside it instead, and keep serving v1.
 */
export const XUEJI_TRUST_CONTEXT_PATH = '/contexts/xueji-trust/v1';

const XUEJI_VOCAB = 'https://w3id.org/xueji/vocab#';

export function xuejiTrustContextUrl(publicUrl: string): string {
  return `${publicUrl.replace(/\/+$/, '')}${XUEJI_TRUST_CONTEXT_PATH}`;
}

export const XUEJI_TRUST_CONTEXT_V1 = {
  '@context': {
    '@version': 1.1,
    '@protected': true,
    XuejiTrustList: `${XUEJI_VOCAB}XuejiTrustList`,
    TrustedIssuers: `${XUEJI_VOCAB}TrustedIssuers`,
    trustedIssuers: { '@id': `${XUEJI_VOCAB}trustedIssuers`, '@type': '@json' },
  },
} as const;
