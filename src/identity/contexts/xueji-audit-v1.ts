/**
 * Our JSON-LD context for the signed head of the audit trail: the number and chain hash of the
 * last entry, signed by the root authority and published, so that anyone who kept a copy can
 * later prove the trail was cut or rewritten behind it.
 *
 * Frozen once a head names it: add a v2 beside it instead.
 */
export const XUEJI_AUDIT_CONTEXT_PATH = '/contexts/xueji-audit/v1';

const XUEJI_VOCAB = 'https://w3id.org/xueji/vocab#';

export function xuejiAuditContextUrl(publicUrl: string): string {
  return `${publicUrl.replace(/\/+$/, '')}${XUEJI_AUDIT_CONTEXT_PATH}`;
}

export const XUEJI_AUDIT_CONTEXT_V1 = {
  '@context': {
    '@version': 1.1,
    '@protected': true,
    XuejiAuditHead: `${XUEJI_VOCAB}XuejiAuditHead`,
    AuditTrail: `${XUEJI_VOCAB}AuditTrail`,
    auditSeq: { '@id': `${XUEJI_VOCAB}auditSeq` },
    auditHash: { '@id': `${XUEJI_VOCAB}auditHash` },
  },
} as const;
