import { conformanceProblems } from './vc-conformance.js';

function credential(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    '@context': ['https://www.w3.org/ns/credentials/v2'],
    id: 'urn:uuid:3f1f0c6e-6b1a-4b55-9a51-0d6b3c1a2f10',
    type: ['VerifiableCredential'],
    issuer: 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK',
    validFrom: '2026-01-01T00:00:00Z',
    credentialSubject: { id: 'did:example:subject' },
    ...overrides,
  };
}

describe('VC Data Model conformance', () => {
  it('accepts a minimal conforming credential, with issuer as a string or an object', () => {
    expect(conformanceProblems(credential())).toEqual([]);
    expect(conformanceProblems(credential({ issuer: { id: 'did:web:example.com', name: 'X' } }))).toEqual([]);
    expect(conformanceProblems(credential({ credentialSubject: [{ a: 1 }, { b: 2 }] }))).toEqual([]);
    expect(conformanceProblems(credential({ relatedResource: { id: 'https://example.com/r', digestSRI: 'sha384-x', mediaType: 'text/plain' } }))).toEqual([]);
  });

  it.each([
    ['a first context that is not the VC context', { '@context': ['https://example.com/ctx'] }, '@context'],
    ['no VerifiableCredential type', { type: ['Other'] }, 'type'],
    ['an id that is not a URL', { id: 'not a url' }, '"id"'],
    ['an issuer that is a number', { issuer: 10 }, 'issuer'],
    ['an issuer that is true', { issuer: true }, 'issuer'],
    ['an issuer object without id', { issuer: { name: 'X' } }, 'issuer'],
    ['no credentialSubject', { credentialSubject: undefined }, 'credentialSubject'],
    ['a string credentialSubject', { credentialSubject: 'x' }, 'credentialSubject'],
    ['a validFrom without a time zone', { validFrom: '2026-01-01T00:00:00' }, 'validFrom'],
    ['a validUntil that is a date only', { validUntil: '2026-01-01' }, 'validUntil'],
    ['a refreshService without type', { refreshService: { id: 'https://example.com/refresh' } }, 'refreshService'],
    ['a credentialSchema without id', { credentialSchema: { type: 'JsonSchema' } }, 'credentialSchema'],
    ['a credentialSchema without type', { credentialSchema: { id: 'https://example.com/schema.json' } }, 'credentialSchema'],
    ['a credentialStatus without type', { credentialStatus: [{ id: 'https://example.com/status/1' }] }, 'credentialStatus'],
    ['evidence that is a string', { evidence: 'x' }, 'evidence'],
    ['termsOfUse without type', { termsOfUse: {} }, 'termsOfUse'],
    ['a relatedResource that is a URL string', { relatedResource: ['https://example.com/r'] }, 'relatedResource'],
    ['a relatedResource without id', { relatedResource: [{ digestMultibase: 'uJKGM' }] }, '"id" URL'],
    ['two relatedResource objects with one id', { relatedResource: [{ id: 'https://example.com/r', digestSRI: 'sha384-x' }, { id: 'https://example.com/r', digestMultibase: 'uJKGM' }] }, 'unique'],
    ['a relatedResource without digest', { relatedResource: { id: 'https://example.com/r' } }, 'digestSRI'],
  ])('refuses %s, naming the property', (_case, overrides, property) => {
    const problems = conformanceProblems(credential(overrides));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(property);
  });
});
