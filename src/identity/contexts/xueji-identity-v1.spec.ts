import { buildStudentIdentityCredential } from '../student-credential/domain/student-identity-credential.js';
import { ed25519Holder, PUBLIC_URL, statusEntriesFixture, studentFacts } from '../student-credential/domain/student-credential.fixtures.js';
import { contextOf, jsonld, loaderWith, servedContextChecks, VC_V2_URL } from './served-context.fixtures.js';
import { XUEJI_CERTIFICATE_CONTEXT_V1 } from './xueji-certificate-v1.js';
import { XUEJI_IDENTITY_CONTEXT_PATH, XUEJI_IDENTITY_CONTEXT_V1, xuejiIdentityContextUrl } from './xueji-identity-v1.js';

const SERVED = {
  path: XUEJI_IDENTITY_CONTEXT_PATH,
  urlOf: xuejiIdentityContextUrl,
  context: XUEJI_IDENTITY_CONTEXT_V1,
  // Terms it shares with the certificate context (gender, birthDate, …) are defined identically, so both fit in one document.
  usedWith: { 'the certificate context': XUEJI_CERTIFICATE_CONTEXT_V1 },
};
const OUR_URL = xuejiIdentityContextUrl(PUBLIC_URL);
const loader = () => loaderWith(SERVED, PUBLIC_URL);

describe('the xueji identity context v1', () => {
  servedContextChecks(SERVED, PUBLIC_URL);

  it('leaves `name` to VC 2.0', () => {
    expect(Object.keys(contextOf(XUEJI_IDENTITY_CONTEXT_V1))).not.toContain('name');
  });

  it('expands a built credential in safe mode: every claim has a term', async () => {
    const credential = buildStudentIdentityCredential(studentFacts(), {
      publicUrl: PUBLIC_URL,
      validFrom: new Date('2026-03-02T01:00:00Z'),
      validUntil: new Date('2026-08-31T15:59:59Z'),
      holderDid: ed25519Holder().did,
      credentialStatus: statusEntriesFixture(),
    });

    const [expanded] = await jsonld.expand(credential, { documentLoader: loader(), safe: true });
    const text = JSON.stringify(expanded);

    expect(text).toContain('"https://w3id.org/xueji/vocab#age_over_14":[{"@value":true}]');
    expect(text).toContain('"https://schema.org/birthDate":[{"@type":"http://www.w3.org/2001/XMLSchema#date","@value":"2011-05-20"}]');
    expect(text).toContain('"https://w3id.org/xueji/vocab#city":[{"https://w3id.org/xueji/vocab#divisionCode":[{"@value":"330100"}],"https://schema.org/name":[{"@value":"杭州市"}]}]');
    expect(text).not.toContain('issuer-dependent');
  });

  it('cannot be undercut: a later context that redefines a protected term is refused', async () => {
    const document = {
      '@context': [VC_V2_URL, OUR_URL, { age_over_18: 'https://example.org/adult' }],
      type: ['VerifiableCredential'],
      credentialSubject: { age_over_18: true },
    };

    await expect(jsonld.expand(document, { documentLoader: loader(), safe: true })).rejects.toThrow('tried to redefine a protected term');
  });
});
