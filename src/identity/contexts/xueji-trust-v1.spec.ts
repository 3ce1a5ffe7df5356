import { trustListCredential } from '../trust-list/domain/trust-list.js';
import { jsonld, loaderWith, servedContextChecks, VC_V2_URL } from './served-context.fixtures.js';
import { XUEJI_TRUST_CONTEXT_PATH, XUEJI_TRUST_CONTEXT_V1, xuejiTrustContextUrl } from './xueji-trust-v1.js';

const PUBLIC_URL = 'https://xueji.example.cn';
const SERVED = { path: XUEJI_TRUST_CONTEXT_PATH, urlOf: xuejiTrustContextUrl, context: XUEJI_TRUST_CONTEXT_V1, usedWith: {} };

describe('the xueji trust context v1', () => {
  servedContextChecks(SERVED, PUBLIC_URL);

  it('expands a trust list in safe mode, its entries one JSON literal', async () => {
    const entry = { id: 'did:web:xueji.example.cn:issuers:330106', name: '杭州市西湖区教育局', level: 'county' as const, region: '330106', standing: 'active' as const };
    const list = trustListCredential({
      url: `${PUBLIC_URL}/trust-list`,
      contexts: { vc: VC_V2_URL, trust: xuejiTrustContextUrl(PUBLIC_URL) },
      issuer: { id: 'did:web:xueji.example.cn:issuers:000000', name: '教育部' },
      entries: [entry],
      now: new Date('2026-11-30T00:00:00Z'),
    });

    const [expanded] = await jsonld.expand(list, { documentLoader: loaderWith(SERVED, PUBLIC_URL), safe: true });

    expect(expanded['@type']).toEqual(['https://www.w3.org/2018/credentials#VerifiableCredential', 'https://w3id.org/xueji/vocab#XuejiTrustList']);
    const subject = (expanded['https://www.w3.org/2018/credentials#credentialSubject'] as Array<Record<string, unknown>>)[0];
    expect(subject['https://w3id.org/xueji/vocab#trustedIssuers']).toEqual([{ '@type': '@json', '@value': [entry] }]);
  });
});
