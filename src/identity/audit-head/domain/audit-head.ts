/**
 * The signed head of the audit trail (pure): which entry was the last one, and its chain hash,
 * at a moment, as a VC 2.0 credential of the root authority. Whoever keeps published heads can
 * later ask the register to show the same entry with the same hash: a trail cut or rewritten
 * behind a published head cannot.
 */
export const AUDIT_HEAD_PATH = '/audit/head';

export function auditHeadCredential(input: {
  publicUrl: string;
  contexts: { vc: string; audit: string };
  issuer: { id: string; name: string };
  seq: string;
  hash: string;
  now: Date;
}) {
  const at = input.now.toISOString().replace(/\.\d{3}Z$/, 'Z');
  return {
    '@context': [input.contexts.vc, input.contexts.audit],
    type: ['VerifiableCredential', 'XuejiAuditHead'],
    issuer: { id: input.issuer.id, name: input.issuer.name },
    validFrom: at,
    credentialSubject: { id: `${input.publicUrl}${AUDIT_HEAD_PATH}`, type: 'AuditTrail', auditSeq: input.seq, auditHash: input.hash },
  };
}

/** What a kept head claims, if it is one of ours in shape; null otherwise. */
export function claimedHead(credential: unknown): { seq: string; hash: string } | null {
  const subject = (credential as { credentialSubject?: { auditSeq?: unknown; auditHash?: unknown } } | null)?.credentialSubject;
  const seq = subject?.auditSeq;
  const hash = subject?.auditHash;
  return typeof seq === 'string' && /^\d{1,18}$/.test(seq) && typeof hash === 'string' && /^[0-9a-f]{64}$/.test(hash) ? { seq, hash } : null;
}
