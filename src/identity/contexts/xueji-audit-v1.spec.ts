import { auditHeadCredential } from '../audit-head/domain/audit-head.js';
import { jsonld, loaderWith, servedContextChecks, VC_V2_URL } from './served-context.fixtures.js';
import { XUEJI_AUDIT_CONTEXT_PATH, XUEJI_AUDIT_CONTEXT_V1, xuejiAuditContextUrl } from './xueji-audit-v1.js';

const PUBLIC_URL = 'https://xueji.example.cn';
const SERVED = { path: XUEJI_AUDIT_CONTEXT_PATH, urlOf: xuejiAuditContextUrl, context: XUEJI_AUDIT_CONTEXT_V1, usedWith: {} };

describe('the xueji audit context v1', () => {
  servedContextChecks(SERVED, PUBLIC_URL);

  it('expands a signed audit head in safe mode', async () => {
    const head = auditHeadCredential({
      publicUrl: PUBLIC_URL,
      contexts: { vc: VC_V2_URL, audit: xuejiAuditContextUrl(PUBLIC_URL) },
      issuer: { id: 'did:web:xueji.example.cn:issuers:000000', name: '教育部' },
      seq: '42',
      hash: 'a'.repeat(64),
      now: new Date('2026-11-30T00:00:00Z'),
    });
    const [expanded] = await jsonld.expand(head, { documentLoader: loaderWith(SERVED, PUBLIC_URL), safe: true });
    const subject = (expanded['https://www.w3.org/2018/credentials#credentialSubject'] as Array<Record<string, unknown>>)[0];
    expect(subject['https://w3id.org/xueji/vocab#auditSeq']).toEqual([{ '@value': '42' }]);
    expect(subject['https://w3id.org/xueji/vocab#auditHash']).toEqual([{ '@value': 'a'.repeat(64) }]);
  });
});
