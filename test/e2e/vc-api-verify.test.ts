import { issueCredential } from '../../src/certificates/domain/data-integrity.js';
import { didKeyDocument } from '../../src/identity/domain/did-key.js';
import { createDocumentLoader, XUEJI_CONTEXT_URL } from '../../src/identity/domain/document-loader.js';
import { createEd25519Signer, generateEd25519KeyPair } from '../../src/identity/domain/ed25519-keys.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const loader = createDocumentLoader({ resolveDid: async (did) => didKeyDocument(did) });

async function signedByDidKey(subject: Record<string, unknown> = { type: 'Graduate', name: 'Test' }, extra: Record<string, unknown> = {}) {
  const keys = generateEd25519KeyPair();
  const did = `did:key:${keys.publicKeyMultibase}`;
  const signer = createEd25519Signer({ id: `${did}#${keys.publicKeyMultibase}`, secretKeyMultibase: keys.secretKeyMultibase });
  const credential = {
    '@context': ['https://www.w3.org/ns/credentials/v2', XUEJI_CONTEXT_URL],
    type: ['VerifiableCredential', 'GraduationCertificate'],
    issuer: did,
    validFrom: '2026-01-01T00:00:00Z',
    credentialSubject: subject,
    ...extra,
  };
  return issueCredential({ credential, signer, documentLoader: loader, now: new Date('2026-01-02T00:00:00Z') });
}

/** POST /credentials/verify as the W3C VC API defines it, for credentials from any issuer. */
describe('VC API: POST /credentials/verify', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('checks a did:key credential offline, and refuses it as from an issuer not on the trust list', async () => {
    const vc = await signedByDidKey();
    const res = await t.http.post('/credentials/verify').send({ verifiableCredential: vc, options: {} }).expect(422);
    expect(res.body.verified).toBe(false);
    expect(res.body.issuer).toEqual({ trusted: false });
    expect(res.body.checks).toEqual(expect.arrayContaining(['proof', 'issuer', 'validity']));
    expect(res.body.checks).not.toContain('trustedIssuer');
    expect(res.body.problemDetails.map((w: { title: string }) => w.title)).toEqual(['Issuer not on the trust list']);
  });

  it('refuses a credential whose subject changed after signing', async () => {
    const vc = await signedByDidKey();
    (vc.credentialSubject as Record<string, unknown>).name = 'Tost';
    const res = await t.http.post('/credentials/verify').send({ verifiableCredential: vc }).expect(422);
    expect(res.body.verified).toBe(false);
    expect(res.body.problemDetails.length).toBeGreaterThan(0);
  });

  it("refuses a credential signed with another did:key's key", async () => {
    const vc = await signedByDidKey();
    const other = await signedByDidKey();
    vc.proof = other.proof;
    await t.http.post('/credentials/verify').send({ verifiableCredential: vc }).expect(422);
  });

  it('refuses a credential with no proof, and one from a did:web it cannot resolve offline', async () => {
    const vc = await signedByDidKey();
    const { proof: _p, ...unsigned } = vc;
    await t.http.post('/credentials/verify').send({ verifiableCredential: unsigned }).expect(422);
    const foreign = { ...vc, issuer: 'did:web:elsewhere.example' };
    const res = await t.http.post('/credentials/verify').send({ verifiableCredential: foreign }).expect(422);
    expect(res.body.verified).toBe(false);
  });

  it.each([
    ['a refreshService without type', { refreshService: { id: 'https://example.com/refresh' } }],
    ['a credentialSchema without id', { credentialSchema: { type: 'JsonSchema' } }],
    ['a credentialSchema without type', { credentialSchema: { id: 'https://example.com/schema.json' } }],
  ])('refuses a genuinely signed but non-conforming credential: %s', async (_case, extra) => {
    const vc = await signedByDidKey(undefined, extra);
    const res = await t.http.post('/credentials/verify').send({ verifiableCredential: vc }).expect(422);
    expect(res.body.problemDetails[0].type).toBe('https://www.w3.org/TR/vc-data-model#MALFORMED_VALUE_ERROR');
  });

  it('names a non-URL issuer instead of surfacing a library error', async () => {
    const vc = { ...(await signedByDidKey()), issuer: 10 };
    const res = await t.http.post('/credentials/verify').send({ verifiableCredential: vc }).expect(422);
    expect(res.body.problemDetails.map((p: { detail: string }) => p.detail)).toEqual([
      '"issuer" must be a URL or an object whose "id" is a URL.',
    ]);
  });

  it('answers malformed requests with 400 problem+json, never 401', async () => {
    for (const body of [{}, { verifiableCredential: [] }, { verifiableCredential: 42 }]) {
      const res = await t.http.post('/credentials/verify').send(body).expect(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
  });
});
