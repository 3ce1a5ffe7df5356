import { XUEJI_TRUST_CONTEXT_V1 } from './xueji-trust-v1.js';

/**
 * The trust list's context, v2: v1's terms and `schools`, the register's schools (which sign
 * nothing, so they are not issuers) with the authority that supervises them — so that a verifier
 * can tell that a school a credential names is a genuine school of the register. One JSON literal
 * too. v1 stays served for lists signed before.
 *
 * Frozen once a list names it: add a v3 beside it instead.
 */
export const XUEJI_TRUST_CONTEXT_V2_PATH = '/contexts/xueji-trust/v2';

const XUEJI_VOCAB = 'https://w3id.org/xueji/vocab#';

export function xuejiTrustContextV2Url(publicUrl: string): string {
  return `${publicUrl.replace(/\/+$/, '')}${XUEJI_TRUST_CONTEXT_V2_PATH}`;
}

export const XUEJI_TRUST_CONTEXT_V2 = {
  '@context': {
    ...XUEJI_TRUST_CONTEXT_V1['@context'],
    schools: { '@id': `${XUEJI_VOCAB}schools`, '@type': '@json' },
  },
} as const;
