import { issueCredential } from '../../src/certificates/domain/data-integrity.js';
import { didKeyDocument } from '../../src/identity/domain/did-key.js';
import { createDocumentLoader } from '../../src/identity/domain/document-loader.js';
import { createEd25519Signer, generateEd25519KeyPair } from '../../src/identity/domain/ed25519-keys.js';
import { serviceContexts } from '../../src/identity/contexts/service-contexts.js';
import { graduate, issueCertificate } from '../support/flows.js';
import { login, residentId, seedTree, startTestApp, type TestApp } from '../support/test-app.js';

/**
 * The trust list (issue 6): which DIDs are this register's education authorities, signed by the
 * root authority; our verifiers take an issuer's name from it, never from the credential.
 */
describe('trust list', () => {
  let t: TestApp;
  let county: string;
  let genuine: { id: string; verifiableCredential: Record<string, unknown> };

  beforeAll(async () => {
    t = await startTestApp();
    const users = await seedTree(t, { province: '330000', city: '330100', county: '330106', school: '3330106001' }, 'tl');
    const registrar = await login(t, users.school);
    county = await login(t, users.county);
    const student = await graduate(t, registrar, county, residentId('330106', '20120315', '021'), '欧阳娜娜');
    genuine = await issueCertificate(t, county, student);
  });
  afterAll(() => t.close());

  it('is published as a credential signed by the root authority, naming authorities and no school', async () => {
    const res = await t.http.get('/trust-list').expect(200);
    expect(res.headers['content-type']).toMatch(/application\/vc\+ld\+json/);
    const list = JSON.parse(res.text);
    expect(list.type).toEqual(['VerifiableCredential', 'XuejiTrustList']);
    expect(list.issuer.id).toMatch(/:issuers:000000$/);
    const entries: Array<{ id: string; name: string; level: string; region: string; standing: string }> = list.credentialSubject.trustedIssuers;
    const countyEntry = entries.find((e) => e.region === '330106');
    const countyDid = (genuine.verifiableCredential.issuer as { id: string }).id;
    expect(countyEntry).toEqual({ id: countyDid, name: 'county 330106', level: 'county', region: '330106', standing: 'active' });
    expect(entries.some((e) => e.region.length === 10)).toBe(false);
    // Schools are listed apart (they sign nothing), each with the authority that supervises it.
    expect(list.credentialSubject.schools).toEqual([{ code: '3330106001', name: 'school 3330106001', authority: countyDid, region: '330106', standing: 'active' }]);
    expect(new Date(list.validUntil).getTime()).toBeGreaterThan(Date.now());

    // It verifies as any credential does, and an unchanged list costs a 304.
    const verified = await t.http.post('/credentials/verify').send({ verifiableCredential: list }).expect(200);
    expect(verified.body).toMatchObject({ verified: true, issuer: { trusted: true, level: 'national', region: '000000' } });
    await t.http.get('/trust-list').set('If-None-Match', res.headers.etag).expect(304);

    // Tampering with an entry breaks the root's signature.
    const forged = structuredClone(list);
    forged.credentialSubject.trustedIssuers.push({ id: 'did:key:z6MkForged', name: '杭州市西湖区教育局', level: 'county', region: '330106', standing: 'active' });
    await t.http.post('/credentials/verify').send({ verifiableCredential: forged }).expect(422);
  });

  it('gives a genuine certificate its issuer from the list', async () => {
    const res = await t.http.post('/credentials/verify').send({ verifiableCredential: genuine.verifiableCredential }).expect(200);
    expect(res.body).toMatchObject({ verified: true, status: 'valid', issuer: { trusted: true, name: 'county 330106', level: 'county', region: '330106', standing: 'active' } });
    expect(res.body.checks).toContain('trustedIssuer');
  });

  it('reports a diploma signed by a fresh did:key calling itself 杭州市西湖区教育局, reusing a real id, as from an untrusted issuer', async () => {
    const keys = generateEd25519KeyPair();
    const did = `did:key:${keys.publicKeyMultibase}`;
    const signer = createEd25519Signer({ id: `${did}#${keys.publicKeyMultibase}`, secretKeyMultibase: keys.secretKeyMultibase });
    const { proof: _proof, ...unsigned } = genuine.verifiableCredential;
    const copy = { ...unsigned, issuer: { id: did, type: ['Profile'], name: '杭州市西湖区教育局' } };
    const loader = createDocumentLoader({ contexts: serviceContexts(t.config.publicUrl, false), resolveDid: async (d) => didKeyDocument(d) });
    const forged = await issueCredential({ credential: copy as never, signer, documentLoader: loader, now: new Date() });

    const res = await t.http.post('/credentials/verify').send({ verifiableCredential: forged }).expect(422);
    expect(res.body.verified).toBe(false);
    expect(res.body.issuer).toEqual({ trusted: false });
    expect(res.body.checks).toContain('proof');
    expect(res.body.checks).not.toContain('trustedIssuer');
    expect(res.body.problemDetails.map((p: { title: string }) => p.title)).toContain('Issuer not on the trust list');

    // The public page says so plainly, shows the DID, and never the name the forgery gave itself.
    const page = await t.http.post('/verify').field('credential', JSON.stringify(forged)).expect(200);
    expect(page.text).toContain('签发机关未登记');
    expect(page.text).toContain(did);
    const facts = /<section class="facts[^"]*">[\s\S]*?<\/section>/.exec(page.text)?.[0] ?? '';
    expect(facts).toContain(did);
    expect(facts).not.toContain('杭州市西湖区教育局');
    expect(page.text).not.toMatch(/class="verdict valid"/);
  });
});
