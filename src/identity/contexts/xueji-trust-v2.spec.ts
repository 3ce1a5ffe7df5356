import { trustListCredential } from '../trust-list/domain/trust-list.js';
import { jsonld, loaderWith, servedContextChecks, VC_V2_URL } from './served-context.fixtures.js';
import { XUEJI_TRUST_CONTEXT_V2, XUEJI_TRUST_CONTEXT_V2_PATH, xuejiTrustContextV2Url } from './xueji-trust-v2.js';

const PUBLIC_URL = 'https://xueji.example.cn';
const SERVED = { path: XUEJI_TRUST_CONTEXT_V2_PATH, urlOf: xuejiTrustContextV2Url, context: XUEJI_TRUST_CONTEXT_V2, usedWith: {} };

describe('the xueji trust context v2', () => {
  servedContextChecks(SERVED, PUBLIC_URL);

  it('expands a trust list with its schools in safe mode, entries and schools each one JSON literal', async () => {
    const entry = { id: 'did:web:xueji.example.cn:issuers:330106', name: '杭州市西湖区教育局', level: 'county' as const, region: '330106', standing: 'active' as const };
    const school = { code: '3330106001', name: '杭州市西湖区示范中学', authority: entry.id, region: '330106', standing: 'active' as const };
    const list = trustListCredential({
      url: `${PUBLIC_URL}/trust-list`,
      contexts: { vc: VC_V2_URL, trust: xuejiTrustContextV2Url(PUBLIC_URL) },
      issuer: { id: 'did:web:xueji.example.cn:issuers:000000', name: '教育部' },
      entries: [entry],
      schools: [school],
      now: new Date('2026-11-30T00:00:00Z'),
    });

    const [expanded] = await jsonld.expand(list, { documentLoader: loaderWith(SERVED, PUBLIC_URL), safe: true });

    const subject = (expanded['https://www.w3.org/2018/credentials#credentialSubject'] as Array<Record<string, unknown>>)[0];
    expect(subject['https://w3id.org/xueji/vocab#trustedIssuers']).toEqual([{ '@type': '@json', '@value': [entry] }]);
    expect(subject['https://w3id.org/xueji/vocab#schools']).toEqual([{ '@type': '@json', '@value': [school] }]);
  });
});
