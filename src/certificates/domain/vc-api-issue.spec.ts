import { credentialIdOf, issueProblems, registerOnlyProblem, withIssuerAdditions } from './vc-api-issue.js';
import { statusEntries } from '../status/domain/status-list.js';

const NOW = new Date('2026-03-01T08:00:00.123Z');
const V2 = 'https://www.w3.org/ns/credentials/v2';
const V1 = 'https://www.w3.org/2018/credentials/v1';
const ISSUER = 'did:key:z6MkhTNL7i2etLerDK8Acz5t528giE5KA4p75T6ka1E1D74r';

const credential = (change: Record<string, unknown> = {}): Record<string, unknown> => ({
  '@context': [V2],
  type: ['VerifiableCredential'],
  issuer: ISSUER,
  credentialSubject: { id: 'did:example:alice' },
  ...change,
});
const fields = (c: Record<string, unknown>) => issueProblems(c, NOW).map((p) => p.field);

describe('what the VC API issuer signs', () => {
  it.each([
    ['a minimal VC 2.0 credential', credential()],
    ['a VC 1.1 credential without issuanceDate (the issuer adds it)', credential({ '@context': [V1] })],
    ['a credential with its own status entry of another type', credential({ credentialStatus: { id: 'https://example.org/s/1', type: 'ExampleStatus' } })],
    ['an issuer object', credential({ issuer: { id: ISSUER, name: 'Example' } })],
  ])('accepts %s', (_case, c) => {
    expect(issueProblems(c, NOW)).toEqual([]);
  });

  it.each([
    ['no issuer', credential({ issuer: undefined }), 'credential.issuer'],
    ['an issuer object without id', credential({ issuer: { name: 'Example' } }), 'credential.issuer'],
    ['no credentialSubject', credential({ credentialSubject: undefined }), 'credential.credentialSubject'],
    ['an empty credentialSubject', credential({ credentialSubject: {} }), 'credential.credentialSubject'],
    ['a first context that is not the credentials context', credential({ '@context': ['https://example.org/context', V2] }), 'credential.@context'],
    ['no VerifiableCredential type', credential({ type: ['Example'] }), 'credential.type'],
    ['an id that is not a URL', credential({ id: 'not a url' }), 'credential.id'],
    ['an id longer than the status table keeps', credential({ id: `urn:x:${'a'.repeat(260)}` }), 'credential.id'],
    ['a validUntil without time zone', credential({ validUntil: '2027-01-01T00:00:00' }), 'credential.validUntil'],
    ['a credentialStatus without type', credential({ credentialStatus: { id: 'https://example.org/s/1' } }), 'credential.credentialStatus'],
    ['a BitstringStatusListEntry of its own', credential({ credentialStatus: { type: 'BitstringStatusListEntry', statusListIndex: '1' } }), 'credential.credentialStatus'],
    ['a BitstringStatusListEntry hidden under another property', credential({ statusEntry: { type: 'BitstringStatusListEntry', statusListIndex: true } }), 'credential.statusEntry'],
    ['a VC 1.1 issuanceDate that is not a date', credential({ '@context': [V1], issuanceDate: 'yesterday' }), 'credential.issuanceDate'],
  ])('refuses %s, naming the field', (_case, c, field) => {
    expect(fields(c)).toContain(field);
  });

  it('keeps the caller’s id, issuer and properties, and appends this issuer’s status entries after the caller’s', () => {
    const theirs = { id: 'https://example.org/s/1', type: 'ExampleStatus' };
    const given = credential({ id: 'https://example.org/credentials/1', issuer: { id: ISSUER, name: 'Example' }, credentialStatus: theirs, name: 'Kept' });
    const entries = statusEntries('https://xueji.test', 3, 77);
    const signed = withIssuerAdditions(given, 'https://example.org/credentials/1', entries, NOW);
    expect(signed).toEqual({ ...given, credentialStatus: [theirs, ...entries] });
    expect(given.credentialStatus).toBe(theirs);
  });

  it('adds the Bitstring Status List context and an issuanceDate (seconds) to VC 1.1 credentials only', () => {
    const entries = statusEntries('https://xueji.test', 1, 5);
    const v1 = withIssuerAdditions(credential({ '@context': [V1] }), 'urn:uuid:1', entries, NOW);
    expect(v1['@context']).toEqual([V1, 'https://www.w3.org/ns/credentials/status/v1']);
    expect(v1.issuanceDate).toBe('2026-03-01T08:00:00Z');
    const v2 = withIssuerAdditions(credential(), 'urn:uuid:1', entries, NOW);
    expect(v2['@context']).toEqual([V2]);
    expect(v2).not.toHaveProperty('issuanceDate');
  });

  it('gives a credential without id a urn:uuid, and keeps a given one', () => {
    expect(credentialIdOf(credential(), () => '0b6f2d6e-3c52-4b8e-9d33-6b1f2c0a9e11')).toBe('urn:uuid:0b6f2d6e-3c52-4b8e-9d33-6b1f2c0a9e11');
    expect(credentialIdOf(credential({ id: 'https://example.org/c/1' }), () => 'unused')).toBe('https://example.org/c/1');
  });
});

describe('the VC API issuer and the register’s own credential types', () => {
  const base = { '@context': ['https://www.w3.org/ns/credentials/v2'], issuer: 'did:web:xueji.test:issuers:330106', credentialSubject: { id: 'did:example:x' } };
  it.each([['OpenBadgeCredential'], ['AchievementCredential'], ['StudentIdentityCredential']])('refuses %s: only the register issues it', (type) => {
    expect(registerOnlyProblem({ ...base, type: ['VerifiableCredential', type] })).toMatchObject({ field: 'credential.type' });
  });
  it('lets any other type through', () => {
    expect(registerOnlyProblem({ ...base, type: ['VerifiableCredential', 'ExampleCredential'] })).toBeNull();
    expect(registerOnlyProblem({ ...base, type: 'VerifiableCredential' })).toBeNull();
  });
});
