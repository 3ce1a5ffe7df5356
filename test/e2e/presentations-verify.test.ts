import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as vc from '@digitalbazaar/vc';
import { DidService } from '../../src/identity/did.service.js';
import { didKeyDocument } from '../../src/identity/domain/did-key.js';
import { createDocumentLoader } from '../../src/identity/domain/document-loader.js';
import { createEd25519Signer, generateEd25519KeyPair } from '../../src/identity/domain/ed25519-keys.js';
import { login, seedTree, startTestApp, type TestApp } from '../support/test-app.js';

const V2 = 'https://www.w3.org/ns/credentials/v2';
const CHALLENGE = 'u7kq1Yp3-challenge';
const DOMAIN = 'verifier.example';
const loader = createDocumentLoader({ resolveDid: async (did) => didKeyDocument(did) });

type Problem = { type: string; title: string; detail: string };
type FieldError = { field: string; message: string };

/** A did:key holder, as a wallet would be. */
function holderKeys() {
  const keys = generateEd25519KeyPair();
  const did = `did:key:${keys.publicKeyMultibase}`;
  return { did, signer: createEd25519Signer({ id: `${did}#${keys.publicKeyMultibase}`, secretKeyMultibase: keys.secretKeyMultibase }) };
}

async function present(
  credentials: Array<Record<string, unknown>>,
  holder = holderKeys(),
  { challenge = CHALLENGE, domain = DOMAIN }: { challenge?: string; domain?: string } = {},
): Promise<Record<string, unknown>> {
  const presentation = { '@context': [V2], type: ['VerifiablePresentation'], holder: holder.did, verifiableCredential: credentials };
  const suite = new DataIntegrityProof({ signer: holder.signer, cryptosuite: eddsaRdfc2022 });
  return (await vc.signPresentation({ presentation, suite, challenge, domain, documentLoader: loader })) as Record<string, unknown>;
}

/** POST /presentations/verify (W3C VC API verifier), public like /credentials/verify. */
describe('VC API: POST /presentations/verify', () => {
  let t: TestApp;
  let county: string;
  let certificate: Record<string, unknown>;

  const issue = async (id: string) => {
    const credential = { '@context': [V2], type: ['VerifiableCredential'], id, issuer: countyDid(), credentialSubject: { id: 'did:example:alice', name: 'Alice' } };
    const res = await t.http.post('/credentials/issue').set('Authorization', county).send({ credential, options: {} }).expect(201);
    return res.body.verifiableCredential as Record<string, unknown>;
  };
  let countyDidValue = '';
  const countyDid = () => countyDidValue;
  const verify = (body: unknown) => t.http.post('/presentations/verify').send(body as object);

  beforeAll(async () => {
    t = await startTestApp();
    const users = await seedTree(t, { province: '440000', city: '440100', county: '440106', school: '3440106001' }, 'pv');
    county = await login(t, users.county);
    countyDidValue = t.app.get(DidService).didForCode('440106');
    certificate = await issue('urn:uuid:0b7c3b8e-5a44-4a8e-9f39-3a1d2c8e7f01');
  });
  afterAll(() => t.close());

  it('verifies a did:key holder presenting one of our certificates, for its challenge and domain (no login)', async () => {
    const vp = await present([certificate]);
    const res = await verify({ verifiablePresentation: vp, options: { challenge: CHALLENGE, domain: DOMAIN } }).expect(200);
    expect(res.body.verified).toBe(true);
    expect(res.body.problemDetails).toEqual([]);
    expect(res.body.checks).toEqual(['structure', 'proof', 'credentials']);
    expect(res.body.credentialResults).toEqual([
      expect.objectContaining({ id: certificate.id, verified: true, status: 'valid', checks: expect.arrayContaining(['proof', 'trustedIssuer', 'revocation']) }),
    ]);
  });

  it('refuses a presentation or a credential whose proof set holds one proof that does not verify', async () => {
    const vp = await present([certificate]);
    const proof = vp.proof as Record<string, unknown>;
    const garbage = { ...proof, proofValue: `z${'1'.repeat(86)}` };
    const twoProofs = { ...vp, proof: [proof, garbage] };
    const res = await verify({ verifiablePresentation: twoProofs, options: { challenge: CHALLENGE, domain: DOMAIN } }).expect(422);
    expect(res.body.problemDetails.map((p: { title: string }) => p.title)).toContain('A proof of the set does not verify');

    const certificateProof = certificate.proof as Record<string, unknown>;
    const forged = { ...certificate, proof: [certificateProof, { ...certificateProof, proofValue: `z${'2'.repeat(86)}` }] };
    const one = await t.http.post('/credentials/verify').send({ verifiableCredential: forged }).expect(422);
    expect(one.body.problemDetails.map((p: { title: string }) => p.title)).toContain('A proof of the set does not verify');
  });

  it('refuses it for another challenge or domain, or without the challenge it was made for (422)', async () => {
    const vp = await present([certificate]);
    const wrong = await verify({ verifiablePresentation: vp, options: { challenge: 'another', domain: DOMAIN } }).expect(422);
    expect(wrong.body.verified).toBe(false);
    expect(wrong.body.problemDetails.map((p: Problem) => [p.type, p.title])).toEqual([['https://w3id.org/security#INVALID_CHALLENGE_ERROR', 'Wrong challenge']]);
    const domain = await verify({ verifiablePresentation: vp, options: { challenge: CHALLENGE, domain: 'elsewhere.example' } }).expect(422);
    expect(domain.body.problemDetails[0].type).toBe('https://w3id.org/security#INVALID_DOMAIN_ERROR');
    const none = await verify({ verifiablePresentation: vp, options: { domain: DOMAIN } }).expect(422);
    expect(none.body.problemDetails[0].title).toBe('Challenge not given');
  });

  it('refuses a presentation whose credential was changed after the issuer signed it, with its problem (422)', async () => {
    const tampered = structuredClone(certificate);
    (tampered.credentialSubject as Record<string, unknown>).name = 'Mallory';
    const vp = await present([tampered]); // the holder signs the tampered copy: its own proof holds
    const res = await verify({ verifiablePresentation: vp, options: { challenge: CHALLENGE, domain: DOMAIN } }).expect(422);
    expect(res.body.verified).toBe(false);
    expect(res.body.checks).toEqual(['structure', 'proof']);
    expect(res.body.credentialResults[0].verified).toBe(false);
    expect(res.body.problemDetails[0]).toMatchObject({ type: 'https://www.w3.org/TR/vc-data-model#CRYPTOGRAPHIC_SECURITY_ERROR' });
    expect(res.body.problemDetails[0].detail.startsWith('verifiableCredential[0]: ')).toBe(true);
  });

  it('refuses a presentation changed after the holder signed it', async () => {
    const vp = await present([certificate]);
    vp.holder = holderKeys().did;
    const res = await verify({ verifiablePresentation: vp, options: { challenge: CHALLENGE, domain: DOMAIN } }).expect(422);
    expect(res.body.problemDetails[0].title).toBe('Presentation not signed by its holder');
    const other = await present([certificate]);
    other.type = ['VerifiablePresentation', 'Other'];
    (other['@context'] as unknown[]).push({ Other: 'https://example.org/#Other' });
    const changed = await verify({ verifiablePresentation: other, options: { challenge: CHALLENGE, domain: DOMAIN } }).expect(422);
    expect(changed.body.problemDetails[0].type).toBe('https://www.w3.org/TR/vc-data-model#CRYPTOGRAPHIC_SECURITY_ERROR');
  });

  it('refuses a presentation holding a revoked certificate', async () => {
    const revoked = await issue('urn:uuid:0b7c3b8e-5a44-4a8e-9f39-3a1d2c8e7f02');
    await t.http
      .post('/credentials/status')
      .set('Authorization', county)
      .send({ credentialId: revoked.id, credentialStatus: { type: 'BitstringStatusListEntry', statusPurpose: 'revocation' }, reason: 'issued in error' })
      .expect(200);
    const res = await verify({ verifiablePresentation: await present([certificate, revoked]), options: { challenge: CHALLENGE, domain: DOMAIN } }).expect(422);
    expect(res.body.credentialResults.map((r: { status: string }) => r.status)).toEqual(['valid', 'revoked']);
    expect(res.body.problemDetails.map((p: Problem) => p.title)).toEqual(['Credential revoked']);
  });

  it.each([
    ['an unsigned presentation', (vp: Record<string, unknown>) => void delete vp.proof, 'The presentation has no proof'],
    ['no @context', (vp: Record<string, unknown>) => void delete vp['@context'], '"@context" must be an array'],
    ['the VC 2.0 context not first', (vp: Record<string, unknown>) => void (vp['@context'] = [{ X: 'https://example.org/#X' }, V2]), 'The first "@context" item'],
    ['a number in @context', (vp: Record<string, unknown>) => void (vp['@context'] = [V2, 123]), '"@context"[1] must be a URL'],
    ['no type', (vp: Record<string, unknown>) => void delete vp.type, '"type" must be present'],
    ['no VerifiablePresentation type', (vp: Record<string, unknown>) => void (vp.type = ['Other']), '"type" must include "VerifiablePresentation"'],
    ['a holder that is not a URL', (vp: Record<string, unknown>) => void (vp.holder = 'not a url'), '"holder" must be a URL'],
    ['a credential given as a string', (vp: Record<string, unknown>) => void (vp.verifiableCredential = ['https://example.org/vc/1']), '"verifiableCredential"[0] must be a credential object'],
  ])('refuses a malformed presentation (422, naming the problem): %s', async (_case, change, detail) => {
    const vp = await present([certificate]);
    change(vp);
    const res = await verify({ verifiablePresentation: vp, options: { challenge: CHALLENGE, domain: DOMAIN } }).expect(422);
    expect(res.body.problemDetails[0].type).toBe('https://www.w3.org/TR/vc-data-model#MALFORMED_VALUE_ERROR');
    expect(res.body.problemDetails.map((p: Problem) => p.detail).join(' ')).toContain(detail);
  });

  it('refuses a presentation whose @context cannot be loaded (the verifier fetches nothing)', async () => {
    const vp = await present([certificate]);
    (vp['@context'] as unknown[]).push('https://example.com');
    await verify({ verifiableCredential: vp }).expect(400);
    const res = await verify({ verifiablePresentation: vp, options: { challenge: CHALLENGE, domain: DOMAIN } }).expect(422);
    expect(res.body.verified).toBe(false);
  });

  it('answers a malformed body with 400 naming the field', async () => {
    const missing = await verify({ options: { challenge: CHALLENGE } }).expect(400);
    expect(missing.body.errors.map((e: FieldError) => e.field)).toContain('verifiablePresentation');
    const notObject = await verify({ verifiablePresentation: 'eyJhbGciOi…' }).expect(400);
    expect(notObject.body.errors).toEqual([expect.objectContaining({ field: 'verifiablePresentation', message: 'must be a JSON object' })]);
    const badChallenge = await verify({ verifiablePresentation: await present([certificate]), options: { challenge: 42 } }).expect(400);
    expect(badChallenge.body.errors.map((e: FieldError) => e.field)).toEqual(['options.challenge']);
  });
});
