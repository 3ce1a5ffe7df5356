import { disclosureDigest, resolveDisclosures } from './disclosures.js';

/** RFC 9901 §7.1 processing rules, on hand-built payloads. */

const encode = (disclosure: unknown[]) => Buffer.from(JSON.stringify(disclosure)).toString('base64url');

describe('resolving disclosures', () => {
  const city = encode(['salt-city', 'city', { code: '330100', name: '杭州市' }]);
  const county = encode(['salt-county', 'county', { code: '330106', name: '西湖区' }]);
  const region = encode(['salt-region', 'region', { _sd: [disclosureDigest(city), disclosureDigest(county)].sort() }]);
  const payload = { iss: 'https://i.example', _sd: [disclosureDigest(region), 'decoy-digest'], _sd_alg: 'sha-256' };

  it('puts a nested disclosure in place and leaves the undisclosed sibling out', () => {
    expect(resolveDisclosures(payload, [region, city])).toEqual({
      claims: { iss: 'https://i.example', region: { city: { code: '330100', name: '杭州市' } } },
      problems: [],
    });
  });

  it("digests the base64url text as presented, as RFC 9901's own examples do", () => {
    // §4.2.3: "family_name": "Möbius"; §4.2.2: the array element "FR".
    expect(disclosureDigest('WyJfMjZiYzRMVC1hYzZxMktJNmNCVzVlcyIsICJmYW1pbHlfbmFtZSIsICJNw7ZiaXVzIl0')).toBe(
      'X9yH0Ajrdm1Oij4tWso9UzzKJvPoDxwmuEcO3XAdRC0',
    );
    expect(disclosureDigest('WyJsa2x4RjVqTVlsR1RQVW92TU5JdkNBIiwgIkZSIl0')).toBe('w0I8EKcdCtUPkGCNUrfwVp2xEgNjtoIDlOxc9-PlOhs');
  });

  it.each([
    ['an altered disclosure', [region, encode(['salt-city', 'city', { code: '330100', name: '宁波市' }])], 'DISCLOSURE_ALTERED'],
    ['a disclosure from another credential', [encode(['other', 'name', '林小雨'])], 'DISCLOSURE_ALTERED'],
    ['a child without its container', [city], 'DISCLOSURE_ALTERED'],
    ['the same disclosure twice', [region, region], 'DISCLOSURE_DUPLICATED'],
    ['a disclosure that is not JSON', ['bm90IGpzb24'], 'DISCLOSURE_MALFORMED'],
    ['a disclosure with four elements', [encode(['s', 'a', 1, 2])], 'DISCLOSURE_MALFORMED'],
    ['a disclosure of the reserved name _sd', [encode(['s', '_sd', []])], 'DISCLOSURE_MALFORMED'],
  ])('reports %s', (_case, disclosures, code) => {
    expect(resolveDisclosures(payload, disclosures).problems.map((p) => p.code)).toContain(code);
  });

  it('refuses a digest that occurs twice in the payload', () => {
    const twice = { _sd: [disclosureDigest(city)], nested: { _sd: [disclosureDigest(city)] } };
    expect(resolveDisclosures(twice, [city]).problems.map((p) => p.code)).toEqual(['DIGEST_DUPLICATED']);
  });

  it('refuses a disclosure that would overwrite a claim in clear', () => {
    const iss = encode(['s', 'iss', 'https://evil.example']);
    const result = resolveDisclosures({ iss: 'https://i.example', _sd: [disclosureDigest(iss)] }, [iss]);
    expect(result.problems.map((p) => p.code)).toEqual(['DISCLOSURE_CLAIM_CONFLICT']);
  });

  it('refuses a disclosure of a claim that must stay in clear', () => {
    const exp = encode(['s', 'exp', 4102444800]);
    const result = resolveDisclosures({ _sd: [disclosureDigest(exp)] }, [exp], new Set(['exp']));
    expect(result.problems.map((p) => p.code)).toEqual(['DISCLOSURE_MALFORMED']);
  });

  it('resolves array elements and drops the undisclosed ones', () => {
    const first = encode(['s1', 'primary']);
    const second = encode(['s2', 'junior']);
    const stages = { stages: [{ '...': disclosureDigest(first) }, { '...': disclosureDigest(second) }, 'senior'] };
    expect(resolveDisclosures(stages, [second])).toEqual({ claims: { stages: ['junior', 'senior'] }, problems: [] });
    const named = encode(['s3', 'stage', 'primary']);
    const misplaced = resolveDisclosures({ stages: [{ '...': disclosureDigest(named) }] }, [named]);
    expect(misplaced.problems.map((p) => p.code)).toEqual(['DISCLOSURE_MALFORMED']);
  });
});
