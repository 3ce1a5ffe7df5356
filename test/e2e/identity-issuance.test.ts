import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ES256, digest } from '@sd-jwt/crypto-nodejs';
import { SDJwtVcInstance } from '@sd-jwt/sd-jwt-vc';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as ecdsaRdfc2019 } from '@digitalbazaar/ecdsa-rdfc-2019-cryptosuite';
import * as vc from '@digitalbazaar/vc';
import { serviceContexts } from '../../src/identity/contexts/service-contexts.js';
import { didKeyDocument } from '../../src/identity/domain/did-key.js';
import { createDocumentLoader } from '../../src/identity/domain/document-loader.js';
import { createP256Signer, generateP256KeyPair, p256DidKey } from '../../src/identity/domain/p256-keys.js';
import { present, redeemOffer } from '../../src/wallet/holder.js';
import { WalletStore } from '../../src/wallet/wallet-store.js';
import { freePort } from '../support/net.js';
import { login, residentId, seedTree, startTestApp, type TestApp } from '../support/test-app.js';

/**
 * The identity credential over OpenID4VCI (issue 6), end to end over HTTP: a school records a
 * guardian's consent and makes an offer; the repository's wallet redeems it with the transaction
 * code and gets copies of both formats, each under its own key; the offer cannot be used twice
 * and locks after wrong codes.
 */
describe('identity credential issuance over OpenID4VCI', () => {
  let t: TestApp;
  let base: string;
  let registrar: string;
  let county: string;
  let dir: string;
  let store: WalletStore;
  /** The student whose copies the later tests present (欧阳娜娜). */
  let holderStudent: string;

  async function enrol(birth: string, seq: string, name: string): Promise<string> {
    const res = await t.http
      .post('/students')
      .set('Authorization', registrar)
      .send({ idNumber: residentId('330106', birth, seq), name, enrolmentDate: '2021-09-01', educationStage: 'primary', grade: 6 })
      .expect(201);
    return res.body.id;
  }

  async function offerFor(studentId: string, body: Record<string, unknown> = {}) {
    return (await t.http.post(`/students/${studentId}/identity-offers`).set('Authorization', registrar).send(body).expect(201)).body;
  }

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    t = await startTestApp({ PUBLIC_URL: base });
    await t.app.listen(port, '127.0.0.1');
    const users = await seedTree(t, { province: '330000', city: '330100', county: '330106', school: '3330106001' }, 'oid');
    registrar = await login(t, users.school);
    county = await login(t, users.county);
    dir = await mkdtemp(join(tmpdir(), 'xueji-wallet-'));
    store = await new WalletStore(dir).open();
  });
  afterAll(async () => {
    await t.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('publishes issuer and authorisation server metadata naming both formats and a batch size', async () => {
    const issuer = (await t.http.get('/.well-known/openid-credential-issuer').expect(200)).body;
    expect(issuer.credential_issuer).toBe(base);
    expect(Object.keys(issuer.credential_configurations_supported).sort()).toEqual(['StudentIdentity_dc+sd-jwt', 'StudentIdentity_ldp_vc']);
    expect(issuer.batch_credential_issuance.batch_size).toBeGreaterThan(1);
    const as = (await t.http.get('/.well-known/oauth-authorization-server').expect(200)).body;
    expect(as.grant_types_supported).toEqual(['urn:ietf:params:oauth:grant-type:pre-authorized_code']);
    // Without an access token the credential endpoint answers 401 with its challenge, in OAuth's shape.
    const noToken = await t.http.post('/oid4vci/credential').send({ credential_configuration_id: 'StudentIdentity_dc+sd-jwt' }).expect(401);
    expect(noToken.body.error).toBe('invalid_token');
    expect(noToken.headers['www-authenticate']).toMatch(/Bearer/);
  });

  it('needs a guardian’s consent before offering to a student under 14', async () => {
    const child = await enrol('2014-05-20', '031', '林小雨');
    const refused = await t.http.post(`/students/${child}/identity-offers`).set('Authorization', registrar).send({}).expect(422);
    expect(refused.body.code).toBe('GUARDIAN_CONSENT_REQUIRED');
    const bad = await t.http.post(`/students/${child}/guardian-consents`).set('Authorization', registrar).send({ guardianName: '林父', relation: 'uncle' }).expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['consentedOn', 'relation', 'signedFormSha256']);
    await t.http
      .post(`/students/${child}/guardian-consents`)
      .set('Authorization', registrar)
      .send({ guardianName: '林父', relation: 'father', signedFormSha256: 'a'.repeat(64), consentedOn: '2026-11-28' })
      .expect(201);
    const offer = await offerFor(child);
    expect(offer.txCode).toMatch(/^\d{6}$/);
    expect(offer.qrSvg).toMatch(/^<svg/);
    expect(offer.credentialOffer).toMatch(/^openid-credential-offer:\/\/\?credential_offer_uri=/);
    // Neither the offer URL nor the offer object carries anything about the student.
    const object = (await t.http.get(new URL(offer.credentialOfferUri).pathname).expect(200)).body;
    expect(JSON.stringify(object)).not.toMatch(/林|2014|330106201405/);
  });

  it('issues copies of both formats to the wallet, each bound to its own key, once', async () => {
    const student = await enrol('2010-04-02', '052', '欧阳娜娜');
    holderStudent = student;
    const offer = await offerFor(student);
    const creds = await redeemOffer(store, { offer: offer.credentialOffer, txCode: offer.txCode, copies: 2 });
    expect(creds.map((c) => c.format).sort()).toEqual(['dc+sd-jwt', 'dc+sd-jwt', 'ldp_vc', 'ldp_vc']);
    expect(new Set(creds.map((c) => c.keyId)).size).toBe(4);
    const sdJwt = creds.find((c) => c.format === 'dc+sd-jwt')!.credential as string;
    expect(sdJwt.split('~').length).toBeGreaterThan(5);
    const w3c = creds.find((c) => c.format === 'ldp_vc')!.credential as Record<string, unknown>;
    expect((w3c.proof as { cryptosuite: string }).cryptosuite).toBe('ecdsa-sd-2023');
    expect((w3c.credentialSubject as { id: string }).id).toMatch(/^did:key:zDn/);
    // The wallet's files are its owner's only.
    expect((await stat(dir)).mode & 0o777).toBe(0o700);

    await expect(redeemOffer(store, { offer: offer.credentialOffer, txCode: offer.txCode })).rejects.toThrow();
    const rows = await t.dataSource.query(`SELECT format, count(*)::int AS n FROM identity_credentials WHERE student_id = $1 GROUP BY format ORDER BY format`, [student]);
    expect(rows).toEqual([{ format: 'dc+sd-jwt', n: 2 }, { format: 'ldp_vc', n: 2 }]);
  });

  it('derives a disclosure through the VC API (POST /credentials/derive) that verifies and reveals only what was chosen', async () => {
    const base = (await store.credentials()).find((c) => c.format === 'ldp_vc')!.credential;
    const res = await t.http
      .post('/credentials/derive')
      .send({ verifiableCredential: base, options: { selectivePointers: ['/credentialSubject/age_over_14', '/credentialSubject/school/city'] } })
      .expect(201);
    const derived = res.body.verifiableCredential;
    expect(derived.credentialSubject.age_over_14).toBe(true);
    expect(derived.credentialSubject.school.city).toEqual({ divisionCode: '330100', name: 'city 330100' });
    expect(JSON.stringify(derived)).not.toContain('欧阳娜娜');
    const verified = await t.http.post('/credentials/verify').send({ verifiableCredential: derived }).expect(200);
    expect(verified.body).toMatchObject({ verified: true, status: 'valid', issuer: { trusted: true, region: '330106' } });

    const bad = await t.http.post('/credentials/derive').send({ verifiableCredential: base, options: { selectivePointers: ['credentialSubject'] } }).expect(400);
    expect(bad.body.errors[0].field).toBe('options.selectivePointers.0');
    await t.http.post('/credentials/derive').send({ verifiableCredential: derived, options: { selectivePointers: ['/credentialSubject/age_over_14'] } }).expect(422);
  });

  it('locks an offer after five wrong transaction codes', async () => {
    const student = await enrol('2009-01-09', '073', '张三丰');
    const offer = await offerFor(student, { credentialConfigurations: ['StudentIdentity_dc+sd-jwt'] });
    const wrong = offer.txCode === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++) await expect(redeemOffer(store, { offer: offer.credentialOffer, txCode: wrong })).rejects.toThrow();
    // The right code no longer helps, and the offer URL is gone.
    await expect(redeemOffer(store, { offer: offer.credentialOffer, txCode: offer.txCode })).rejects.toThrow();
    const [row] = await t.dataSource.query(`SELECT state, tx_code_failures FROM identity_offers WHERE id = $1`, [offer.id]);
    expect(row).toEqual({ state: 'locked', tx_code_failures: 5 });
  });

  it('revokes a student’s identity credentials as superseded when the register changes a fact they state', async () => {
    const student = await enrol('2008-02-10', '094', '王小明');
    const offer = await offerFor(student, { credentialConfigurations: ['StudentIdentity_ldp_vc'] });
    const [held] = await redeemOffer(store, { offer: offer.credentialOffer, txCode: offer.txCode });
    const before = await present(store, { credentialId: held.id, disclose: ['enrolmentStatus'], nonce: 'lc-1', audience: 'exam.example' });
    await t.http.post('/presentations/verify').send({ verifiablePresentation: before, options: { challenge: 'lc-1', domain: 'exam.example' } }).expect(200);

    // The school proposes the student as a leaver: "enrolled" is no longer what the register says.
    await t.http.post(`/students/${student}/graduation`).set('Authorization', registrar).send({ graduationDate: '2026-07-01', leavingKind: 'incompletion' }).expect(200);
    const after = await present(store, { credentialId: held.id, disclose: ['enrolmentStatus'], nonce: 'lc-2', audience: 'exam.example' });
    const res = await t.http.post('/presentations/verify').send({ verifiablePresentation: after, options: { challenge: 'lc-2', domain: 'exam.example' } }).expect(422);
    expect(res.body.credentialResults[0].status).toBe('revoked');
    const [entry] = await t.dataSource.query(`SELECT details FROM audit_entries WHERE action = 'identity.credential_superseded' AND record_id = $1`, [student]);
    expect(entry.details.reason).toBe('superseded: student.graduation_proposed');
  });

  it('presents only the chosen claims in either format', async () => {
    const all = await store.credentials();
    const sdJwt = all.find((c) => c.format === 'dc+sd-jwt')!;
    const ldp = all.find((c) => c.format === 'ldp_vc')!;
    const kb = (await present(store, { credentialId: sdJwt.id, disclose: ['age_over_14', 'region.city'], nonce: 'n-1', audience: 'https://library.example' })) as string;
    const vp = await present(store, { credentialId: ldp.id, disclose: ['age_over_14', 'school.city'], nonce: 'n-2', audience: 'library.example' });
    const [{ student_number: studentNumber }] = await t.dataSource.query(`SELECT student_number FROM students WHERE id = $1`, [holderStudent]);
    for (const text of [kb, JSON.stringify(vp)]) {
      const decoded = text.includes('~') ? text.split('~').map((p) => Buffer.from(p.split('.')[1] ?? p, 'base64url').toString()).join(' ') : text;
      expect(decoded).not.toContain('欧阳娜娜');
      expect(decoded).not.toContain('2010-04-02');
      expect(decoded).not.toContain('330106201004020');
      expect(decoded).not.toContain(studentNumber);
    }

    // The SD-JWT form, enveloped, for its nonce and audience: verified once, with only those claims.
    const envelope = (text: string) => ({ '@context': ['https://www.w3.org/ns/credentials/v2'], type: 'EnvelopedVerifiablePresentation', id: `data:application/dc+sd-jwt,${text}` });
    const sdOptions = { challenge: 'n-1', domain: 'https://library.example' };
    const ok = await t.http.post('/presentations/verify').send({ verifiablePresentation: envelope(kb), options: sdOptions }).expect(200);
    expect(ok.body.verified).toBe(true);
    const claims = ok.body.credentialResults[0].claims;
    expect(claims.age_over_14).toBe(true);
    expect(claims.region.city).toEqual({ code: '330100', name: 'city 330100' });
    expect(claims.name).toBeUndefined();
    expect(claims.birthdate).toBeUndefined();
    expect(ok.body.credentialResults[0].issuer).toMatchObject({ trusted: true, region: '330106' });

    // An independent verifier (@sd-jwt/sd-jwt-vc) that knows only the URLs: the issuer's key from its
    // JWT VC Issuer Metadata and the status list token, both fetched over HTTP from the service.
    const payload = JSON.parse(Buffer.from(kb.split('.')[1], 'base64url').toString());
    const metadataUrl = payload.iss.replace(base, `${base}/.well-known/jwt-vc-issuer`);
    const metadata = (await (await fetch(metadataUrl)).json()) as { jwks: { keys: Array<{ kid: string }> } };
    const independent = new SDJwtVcInstance({
      hasher: digest,
      hashAlg: 'sha-256',
      verifier: async (data, signature) => {
        const kid = JSON.parse(Buffer.from(data.split('.')[0], 'base64url').toString()).kid;
        const jwk = metadata.jwks.keys.find((k) => k.kid === kid) as never;
        return (await ES256.getVerifier(jwk))(data, signature);
      },
      kbVerifier: async (data, signature, kbPayload) => (await ES256.getVerifier(kbPayload.cnf!.jwk))(data, signature),
      statusListFetcher: async (uri) => (await fetch(uri)).text(),
    });
    const independently = await independent.verify(kb, { keyBindingNonce: 'n-1' });
    expect(independently.payload).toMatchObject({ age_over_14: true, region: { city: { code: '330100' } } });
    expect(independently.payload).not.toHaveProperty('name');
    const replay = await t.http.post('/presentations/verify').send({ verifiablePresentation: envelope(kb), options: sdOptions }).expect(422);
    expect(replay.body.problemDetails.map((p: { title: string }) => p.title)).toContain('NONCE_REPLAYED');
    const fresh = (await present(store, { credentialId: sdJwt.id, disclose: ['age_over_14'], nonce: 'n-3', audience: 'https://library.example' })) as string;
    const foreign = await t.http.post('/presentations/verify').send({ verifiablePresentation: envelope(fresh), options: { ...sdOptions, challenge: 'other' } }).expect(422);
    expect(foreign.body.problemDetails.map((p: { title: string }) => p.title)).toContain('NONCE_MISMATCH');
    const parts = fresh.split('~');
    const altered = [parts[0], Buffer.from(JSON.stringify(['c2FsdA', 'age_over_18', true])).toString('base64url'), ...parts.slice(1)].join('~');
    const tampered = await t.http.post('/presentations/verify').send({ verifiablePresentation: envelope(altered), options: { ...sdOptions, challenge: 'n-3' } }).expect(422);
    expect(tampered.body.verified).toBe(false);

    // The W3C form: the derived ecdsa-sd-2023 credential in a presentation signed by the holder's did:key.
    const w3cOk = await t.http.post('/presentations/verify').send({ verifiablePresentation: vp, options: { challenge: 'n-2', domain: 'library.example' } }).expect(200);
    expect(w3cOk.body).toMatchObject({ verified: true, credentialResults: [{ verified: true, status: 'valid', issuer: { trusted: true, region: '330106' } }] });

    // Only its holder may present it: the same disclosure, signed by someone else's did:key, fails.
    const thief = generateP256KeyPair();
    const thiefDid = p256DidKey(thief.publicKeyMultibase);
    const loader = createDocumentLoader({ contexts: serviceContexts(base, false), resolveDid: async (d) => didKeyDocument(d) });
    const stolen = await vc.signPresentation({
      presentation: { '@context': ['https://www.w3.org/ns/credentials/v2'], type: ['VerifiablePresentation'], holder: thiefDid.did, verifiableCredential: (vp as { verifiableCredential: unknown[] }).verifiableCredential },
      suite: new DataIntegrityProof({ signer: createP256Signer({ id: thiefDid.verificationMethodId, secretKeyMultibase: thief.secretKeyMultibase }), cryptosuite: ecdsaRdfc2019 }),
      documentLoader: loader,
      challenge: 'n-5',
      domain: 'library.example',
    });
    const notHolder = await t.http.post('/presentations/verify').send({ verifiablePresentation: stolen, options: { challenge: 'n-5', domain: 'library.example' } }).expect(422);
    expect(notHolder.body.problemDetails.map((p: { title: string }) => p.title)).toContain('Not presented by its holder');

    // Revoked by the county (the VC API status route): both forms now fail, with the reason.
    const ids: Array<{ id: string }> = await t.dataSource.query(`SELECT id FROM identity_credentials WHERE student_id = $1`, [holderStudent]);
    for (const { id } of ids) {
      await t.http
        .post('/credentials/status')
        .set('Authorization', county)
        .send({ credentialId: `urn:uuid:${id}`, credentialStatus: { type: 'BitstringStatusListEntry', statusPurpose: 'revocation' }, reason: '学籍注销' })
        .expect(200);
    }
    const revokedW3c = await t.http.post('/presentations/verify').send({ verifiablePresentation: vp, options: { challenge: 'n-2', domain: 'library.example' } }).expect(422);
    expect(revokedW3c.body.credentialResults[0].status).toBe('revoked');
    const again = (await present(store, { credentialId: sdJwt.id, disclose: ['age_over_14'], nonce: 'n-4', audience: 'https://library.example' })) as string;
    const revokedSd = await t.http.post('/presentations/verify').send({ verifiablePresentation: envelope(again), options: { ...sdOptions, challenge: 'n-4' } }).expect(422);
    expect(revokedSd.body.credentialResults[0].status).toBe('revoked');
  });
});
