import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createP256Signer, generateP256KeyPair, p256DidKey } from '../../src/identity/domain/p256-keys.js';
import { encodeJws } from '../../src/identity/sd-jwt/domain/es256.js';
import { redeemOffer } from '../../src/wallet/holder.js';
import { main as wallet } from '../../src/wallet/cli.js';
import { holderSession } from '../../src/wallet/holder-session.js';
import { WalletStore } from '../../src/wallet/wallet-store.js';
import { graduate, issueCertificate } from '../support/flows.js';
import { freePort } from '../support/net.js';
import { login, residentId, seedTree, startTestApp, type TestApp } from '../support/test-app.js';

/**
 * Holders in control (第二十四条): the graduate signs in with their identity credential's key,
 * makes an online verification code for a certificate (学信网-style), anyone with it sees the
 * report, each use is shown to the holder, and the holder sees every disclosure about them.
 */
describe('holder sessions, disclosures and online verification codes', () => {
  let t: TestApp;
  let base: string;
  let dir: string;
  let store: WalletStore;
  let holder: string;
  let studentId: string;
  let certificate: { id: string; verifiableCredential: Record<string, unknown> };
  let otherCertificate: { id: string };
  let code: { id: string; code: string };

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    t = await startTestApp({ PUBLIC_URL: base });
    await t.app.listen(port, '127.0.0.1');
    const users = await seedTree(t, { province: '330000', city: '330100', county: '330106', school: '3330106001' }, 'hc');
    const registrar = await login(t, users.school);
    const county = await login(t, users.county);
    studentId = await graduate(t, registrar, county, residentId('330106', '2008-05-06', '031'), '王小明');
    certificate = await issueCertificate(t, county, studentId);
    otherCertificate = await issueCertificate(t, county, await graduate(t, registrar, county, residentId('330106', '2008-07-08', '042'), '李四'));
    const offer = (await t.http.post(`/students/${studentId}/identity-offers`).set('Authorization', registrar).send({}).expect(201)).body;
    dir = await mkdtemp(join(tmpdir(), 'xueji-holder-'));
    store = await new WalletStore(dir).open();
    await redeemOffer(store, { offer: offer.credentialOffer, txCode: offer.txCode });
  }, 60_000);
  afterAll(async () => {
    await t.close();
    await rm(dir, { recursive: true, force: true });
  });

  const as = (token: string) => ({
    get: (url: string) => t.http.get(url).set('Authorization', token),
    post: (url: string, body: object = {}) => t.http.post(url).set('Authorization', token).send(body),
  });

  it('signs the holder in with the credential’s key, once per challenge; a key holding no credential is refused', async () => {
    holder = await holderSession(store, base);
    const mine = (await as(holder).get('/holder/certificates').expect(200)).body;
    expect(mine.map((c: { id: string }) => c.id)).toEqual([certificate.id]);

    const stranger = generateP256KeyPair();
    const { verificationMethodId } = p256DidKey(stranger.publicKeyMultibase);
    const challenge = (await t.http.post('/holder/challenges').expect(201)).body;
    const proof = encodeJws({ alg: 'ES256', kid: verificationMethodId }, { nonce: challenge.challenge, aud: challenge.audience, iat: Math.floor(Date.now() / 1000) }, createP256Signer({ id: verificationMethodId, secretKeyMultibase: stranger.secretKeyMultibase }).key);
    await t.http.post('/holder/sessions').send({ proof }).expect(401);
    await t.http.get('/holder/certificates').expect(401);

    // the holder's own proof counts once: its challenge is spent
    const key = await store.key((await store.credentials()).find((c) => c.format === 'ldp_vc')!.keyId);
    const own = p256DidKey(key.publicKeyMultibase).verificationMethodId;
    const fresh = (await t.http.post('/holder/challenges').expect(201)).body;
    const signed = encodeJws({ alg: 'ES256', kid: own }, { nonce: fresh.challenge, aud: fresh.audience, iat: Math.floor(Date.now() / 1000) }, createP256Signer({ id: own, secretKeyMultibase: key.secretKeyMultibase }).key);
    await t.http.post('/holder/sessions').send({ proof: signed }).expect(200);
    await t.http.post('/holder/sessions').send({ proof: signed }).expect(401);
    const elsewhere = encodeJws({ alg: 'ES256', kid: own }, { nonce: (await t.http.post('/holder/challenges').expect(201)).body.challenge, aud: 'https://elsewhere.example/holder/sessions', iat: Math.floor(Date.now() / 1000) }, createP256Signer({ id: own, secretKeyMultibase: key.secretKeyMultibase }).key);
    await t.http.post('/holder/sessions').send({ proof: elsewhere }).expect(401);
  });

  it('makes a code for the holder’s own certificate only, valid 30 days to six months', async () => {
    expect((await as(holder).post('/holder/verification-codes', { certificateId: certificate.id, validDays: 29 }).expect(400)).body.errors[0].field).toBe('validDays');
    await as(holder).post('/holder/verification-codes', { certificateId: otherCertificate.id, validDays: 30 }).expect(404);
    const res = await as(holder).post('/holder/verification-codes', { certificateId: certificate.id, validDays: 30 }).expect(201);
    code = res.body;
    expect(res.body).toMatchObject({ certificateId: certificate.id, state: 'open', uses: 0, hint: `…${code.code.slice(-4)}` });
    expect(code.code).toMatch(/^[2-9A-HJ-NP-Z]{4}(-[2-9A-HJ-NP-Z]{4}){3}$/);
    const [row] = await t.dataSource.query(`SELECT code_digest FROM verification_codes WHERE id = $1`, [code.id]);
    expect(row.code_digest).not.toContain(code.code.replaceAll('-', ''));
  });

  it('shows anyone with the code the certificate’s report, however they type it, and tells the holder of each use', async () => {
    const page = await t.http.post('/verify-code').type('form').send({ code: code.code }).expect(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.text).toContain('王*明');
    await t.http.post('/verify-code?lang=en').type('form').send({ code: code.code.toLowerCase().replaceAll('-', ' ') }).expect(200);
    const uses = (await as(holder).get(`/holder/verification-codes/${code.id}/uses`).expect(200)).body;
    expect(uses).toHaveLength(2);
    const listed = (await as(holder).get('/holder/verification-codes').expect(200)).body;
    expect(listed).toEqual([expect.objectContaining({ id: code.id, uses: 2, state: 'open' })]);
    expect(JSON.stringify(listed)).not.toContain(code.code);
    const wrong = await t.http.post('/verify-code').type('form').send({ code: 'AAAA-BBBB-CCCC-DDDD' }).expect(404);
    expect(wrong.text).toContain('验证码无效');
  });

  it('is extended or closed by the holder; a closed or expired code opens nothing', async () => {
    const extended = (await as(holder).post(`/holder/verification-codes/${code.id}/extension`, { validDays: 183 }).expect(200)).body;
    expect(Date.parse(extended.expiresAt) - Date.now()).toBeGreaterThan(182 * 86_400_000);
    await as(holder).post(`/holder/verification-codes/${code.id}/closure`).expect(200);
    await t.http.post('/verify-code').type('form').send({ code: code.code }).expect(404);
    expect((await as(holder).post(`/holder/verification-codes/${code.id}/extension`, { validDays: 60 }).expect(409)).body.code).toBe('CODE_CLOSED');

    const second = (await as(holder).post('/holder/verification-codes', { certificateId: certificate.id, validDays: 30 }).expect(201)).body;
    await t.dataSource.query(`UPDATE verification_codes SET expires_at = now() - interval '1 second' WHERE id = $1`, [second.id]);
    await t.http.post('/verify-code').type('form').send({ code: second.code }).expect(404);
    expect((await as(holder).get('/holder/verification-codes').expect(200)).body.map((c: { state: string }) => c.state)).toEqual(['closed', 'expired']);
  });

  it('shows the holder every disclosure about them, and nobody else’s', async () => {
    await t.dataSource.query(`INSERT INTO sharing_access_log (event, outcome, claims, student_id) VALUES ('presentation', 'allowed', '{enrolment_status,age_over_14}', $1)`, [studentId]);
    const [other] = await t.dataSource.query(`SELECT student_id FROM certificates WHERE id = $1`, [otherCertificate.id]);
    await t.dataSource.query(`INSERT INTO sharing_access_log (event, outcome, claims, student_id) VALUES ('presentation', 'allowed', '{name}', $1)`, [other.student_id]);
    const seen = (await as(holder).get('/holder/disclosures').expect(200)).body;
    expect(seen.items).toEqual([expect.objectContaining({ event: 'presentation', outcome: 'allowed', claims: ['enrolment_status', 'age_over_14'] })]);
  });

  it('is what the command-line wallet does for its holder: certificates, codes and disclosures', async () => {
    const run = async (...args: string[]) => {
      const lines: string[] = [];
      const code = await wallet([...args, '--service', base, '--dir', dir], (line) => lines.push(line));
      return { code, output: lines.join('\n') };
    };
    const certificates = await run('certificates');
    expect(certificates.code).toBe(0);
    expect(JSON.parse(certificates.output).map((c: { id: string }) => c.id)).toEqual([certificate.id]);
    const created = await run('codes', 'create', certificate.id, '--days', '90');
    expect(created.code).toBe(0);
    const made = JSON.parse(created.output);
    expect(made.code).toMatch(/^[2-9A-HJ-NP-Z]{4}(-[2-9A-HJ-NP-Z]{4}){3}$/);
    await t.http.post('/verify-code').type('form').send({ code: made.code }).expect(200);
    expect(JSON.parse((await run('codes', 'uses', made.id)).output)).toHaveLength(1);
    expect(JSON.parse((await run('codes', 'close', made.id)).output)).toMatchObject({ state: 'closed' });
    expect(JSON.parse((await run('disclosures')).output).items.length).toBeGreaterThan(0);
    expect((await run('codes', 'create', certificate.id)).code).toBe(2);
  });
});
