import { trustedEntry, trustListCredential, TRUST_LIST_VALIDITY_MS, type TrustEntry } from './trust-list.js';

const entry = (id: string, region: string): TrustEntry => ({ id, name: `authority ${region}`, level: 'county', region, standing: 'active' });

describe('trust list (pure)', () => {
  const county = entry('did:web:x.test:issuers:330106', '330106');
  const city = entry('did:web:x.test:issuers:330100', '330100');

  it('lists the entries in a stable order, valid for a day from now', () => {
    const now = new Date('2026-11-30T08:00:00.123Z');
    const list = trustListCredential({
      url: 'https://x.test/trust-list',
      contexts: { vc: 'https://www.w3.org/ns/credentials/v2', trust: 'https://x.test/contexts/xueji-trust/v1' },
      issuer: { id: 'did:web:x.test:issuers:000000', name: 'root' },
      entries: [county, city],
      now,
    });
    expect(list.credentialSubject.trustedIssuers.map((e) => e.region)).toEqual(['330100', '330106']);
    expect(list.validFrom).toBe('2026-11-30T08:00:00Z');
    expect(new Date(list.validUntil).getTime() - new Date(list.validFrom).getTime()).toBe(TRUST_LIST_VALIDITY_MS);
  });

  it('trusts only a DID on the list, in good standing', () => {
    const entries = new Map([county, city].map((e) => [e.id, e]));
    expect(trustedEntry(entries, county.id)).toBe(county);
    expect(trustedEntry(entries, 'did:key:z6MkForged')).toBeNull();
    expect(trustedEntry(entries, null)).toBeNull();
    const lapsed = new Map([[county.id, { ...county, standing: 'withdrawn' as never }]]);
    expect(trustedEntry(lapsed, county.id)).toBeNull();
  });
});
