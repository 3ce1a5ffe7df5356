import { decodeList } from '@digitalbazaar/vc-bitstring-status-list';
import { issueCredential } from '../../src/certificates/domain/data-integrity.js';
import { indexPermutation } from '../../src/certificates/status/domain/index-permutation.js';
import { didKeyDocument } from '../../src/identity/domain/did-key.js';
import { createDocumentLoader } from '../../src/identity/domain/document-loader.js';
import { createEd25519Signer, generateEd25519KeyPair } from '../../src/identity/domain/ed25519-keys.js';
import { graduate, issueCertificate } from '../support/flows.js';
import { login, residentId, seedTree, startTestApp, type TestApp } from '../support/test-app.js';

type Entry = { statusPurpose: string; statusListIndex: string; statusListCredential: string };

/**
 * Revocation and suspension through Bitstring Status Lists (issue: "Status (first)"), on the
 * store the run uses (PostgreSQL with DATABASE_URL, PGlite otherwise).
 */
describe('credential status', () => {
  let t: TestApp;
  let registrar: string;
  let county: string;
  let otherCounty: string;
  let seq = 100;

  beforeAll(async () => {
    t = await startTestApp();
    const users = await seedTree(t, { province: '330000', city: '330100', county: '330106', school: '3330106001' }, 'st');
    const other = await seedTree(t, { province: '330000', city: '330100', county: '330108', school: '3330108001' }, 'so');
    registrar = await login(t, users.school);
    county = await login(t, users.county);
    otherCounty = await login(t, other.county);
  });
  afterAll(() => t.close());

  async function newCertificate() {
    const id = await graduate(t, registrar, county, residentId('330106', '2012-03-15', String(seq++)));
    return issueCertificate(t, county, id);
  }

  const entriesOf = (vc: Record<string, unknown>) => vc.credentialStatus as Entry[];
  const path = (url: string) => new URL(url).pathname;

  async function listBits(url: string, indices: number[]) {
    const res = await t.http.get(path(url)).expect(200);
    const list = await decodeList({ encodedList: res.body.credentialSubject.encodedList });
    return { length: list.length, bits: indices.map((i) => list.getStatus(i)), etag: res.headers.etag as string, body: res.body };
  }

  it('puts a revocation and a suspension entry on every certificate, at random indices of a 131,072-bit list', async () => {
    const certificates = await Promise.all([newCertificate(), newCertificate(), newCertificate()]);
    const indices = certificates.map((c) => Number(entriesOf(c.verifiableCredential)[0].statusListIndex));
    for (const c of certificates) {
      const [revocation, suspension] = entriesOf(c.verifiableCredential);
      expect(revocation).toMatchObject({ type: 'BitstringStatusListEntry', statusPurpose: 'revocation' });
      expect(suspension).toMatchObject({ type: 'BitstringStatusListEntry', statusPurpose: 'suspension' });
      expect(suspension.statusListIndex).toBe(revocation.statusListIndex);
    }
    expect(new Set(indices).size).toBe(3);
    // Sequential allocation would give 0, 1, 2.
    expect(Math.max(...indices)).toBeGreaterThan(10);
    const list = await listBits(entriesOf(certificates[0].verifiableCredential)[0].statusListCredential, indices);
    expect(list.length).toBeGreaterThanOrEqual(131_072);
    expect(list.bits).toEqual([false, false, false]);
    expect(list.body.type).toEqual(['VerifiableCredential', 'BitstringStatusListCredential']);
    expect(list.body.issuer.id).toBe('did:web:xueji.test:issuers:330106');
    expect(list.body.proof.cryptosuite).toBe('eddsa-rdfc-2022');
  });

  it("hands out a full list's indices in its permutation's order, then opens the next list", async () => {
    const before = await newCertificate();
    const [entry] = entriesOf(before.verifiableCredential);
    const [list] = await t.dataSource.query(`SELECT id, seq, size, allocated, permutation_key FROM status_lists WHERE seq = $1`, [path(entry.statusListCredential).split('/')[2]]);
    // The list's n-th allocation sits where its keyed permutation puts n, from the key the store keeps.
    const permutation = indexPermutation(Buffer.from(list.permutation_key), Number(list.size));
    expect(Number(entry.statusListIndex)).toBe(permutation.at(Number(list.allocated) - 1));
    // One place left: the next certificate takes it, the one after opens a new list.
    await t.asOwner((sql) => sql(`UPDATE status_lists SET capacity = allocated + 1 WHERE id = $1`, [list.id]));
    const last = entriesOf((await newCertificate()).verifiableCredential)[0];
    const first = entriesOf((await newCertificate()).verifiableCredential)[0];
    expect(last.statusListCredential).toBe(entry.statusListCredential);
    expect(Number(last.statusListIndex)).toBe(permutation.at(Number(list.allocated)));
    expect(first.statusListCredential).not.toBe(entry.statusListCredential);
    const [next] = await t.dataSource.query(`SELECT id, size, allocated, permutation_key FROM status_lists WHERE seq = $1`, [path(first.statusListCredential).split('/')[2]]);
    expect(Buffer.from(next.permutation_key).equals(Buffer.from(list.permutation_key))).toBe(false);
    expect(Number(first.statusListIndex)).toBe(indexPermutation(Buffer.from(next.permutation_key), Number(next.size)).at(0));
    expect((await listBits(first.statusListCredential, [Number(first.statusListIndex)])).length).toBeGreaterThanOrEqual(131_072);
  });

  it('serves the list with caching headers and answers 304 to a matching If-None-Match', async () => {
    const c = await newCertificate();
    const url = path(entriesOf(c.verifiableCredential)[0].statusListCredential);
    const first = await t.http.get(url).expect(200);
    expect(first.headers['cache-control']).toMatch(/max-age=\d+/);
    expect(first.headers.etag).toBeTruthy();
    await t.http.get(url).set('If-None-Match', first.headers.etag).expect(304);
  });

  it('revokes through POST /credentials/status: exactly its bit flips, the list is re-signed, verify and the page say revoked', async () => {
    const [target, bystander] = [await newCertificate(), await newCertificate()];
    const [revocation] = entriesOf(target.verifiableCredential);
    const targetIndex = Number(revocation.statusListIndex);
    const bystanderIndex = Number(entriesOf(bystander.verifiableCredential)[0].statusListIndex);
    const before = await listBits(revocation.statusListCredential, [targetIndex, bystanderIndex]);

    const body = { credentialId: target.verifiableCredential.id, credentialStatus: { type: 'BitstringStatusListEntry', statusPurpose: 'revocation' }, reason: '证书信息有误 wrong data' };
    // Only the issuing authority: a sibling county's authority gets 404, as for a missing credential.
    await t.http.post('/credentials/status').set('Authorization', otherCounty).send(body).expect(404);
    await t.http.post('/credentials/status').set('Authorization', registrar).send(body).expect(403);
    await t.http.post('/credentials/status').set('Authorization', county).send({ ...body, reason: undefined }).expect(400);
    const res = await t.http.post('/credentials/status').set('Authorization', county).send(body).expect(200);
    expect(res.body).toMatchObject({ revoked: true, suspended: false });

    const after = await listBits(revocation.statusListCredential, [targetIndex, bystanderIndex]);
    expect(before.bits).toEqual([false, false]);
    expect(after.bits).toEqual([true, false]);
    expect(after.etag).not.toBe(before.etag);
    expect(after.body.proof.proofValue).not.toBe(before.body.proof.proofValue);

    const verified = await t.http.post('/credentials/verify').send({ verifiableCredential: target.verifiableCredential }).expect(422);
    expect(verified.body).toMatchObject({ verified: false, status: 'revoked' });
    await t.http.post('/credentials/verify').send({ verifiableCredential: bystander.verifiableCredential }).expect(200);
    const page = await t.http.get(`/verify/${target.id}`);
    expect(page.text).toMatch(/revoked|撤销/);

    // Final: neither a second revocation nor a reinstatement changes anything.
    await t.http.post('/credentials/status').set('Authorization', county).send(body).expect(409);
    await t.http.post(`/certificates/${target.id}/reinstatement`).set('Authorization', county).send({ reason: 'try' }).expect(409);
    const record = await t.http.get(`/certificates/${target.id}`).set('Authorization', county).expect(200);
    expect(record.body).toMatchObject({ status: 'revoked', statusReason: '证书信息有误 wrong data' });
    const audit = await t.http.get(`/audit/certificate/${target.id}`).set('Authorization', county).expect(200);
    expect(audit.body.map((e: { action: string }) => e.action)).toContain('credential.revocation.set');
  });

  it('suspends and lifts a suspension through the certificate routes', async () => {
    const c = await newCertificate();
    const [, suspension] = entriesOf(c.verifiableCredential);
    const index = Number(suspension.statusListIndex);
    await t.http.post(`/certificates/${c.id}/suspension`).set('Authorization', otherCounty).send({ reason: '核查中' }).expect(404);
    const suspended = await t.http.post(`/certificates/${c.id}/suspension`).set('Authorization', county).send({ reason: '核查中 under review' }).expect(200);
    expect(suspended.body).toMatchObject({ status: 'suspended', statusReason: '核查中 under review' });
    expect((await listBits(suspension.statusListCredential, [index])).bits).toEqual([true]);
    const during = await t.http.post('/credentials/verify').send({ verifiableCredential: c.verifiableCredential }).expect(422);
    expect(during.body.status).toBe('suspended');

    await t.http.post(`/certificates/${c.id}/reinstatement`).set('Authorization', county).send({ reason: '核查无误 checked' }).expect(200);
    expect((await listBits(suspension.statusListCredential, [index])).bits).toEqual([false]);
    const after = await t.http.post('/credentials/verify').send({ verifiableCredential: c.verifiableCredential }).expect(200);
    expect(after.body).toMatchObject({ verified: true, status: 'valid' });
  });

  it('issues a corrected certificate that names the old one, which is revoked as superseded', async () => {
    const old = await newCertificate();
    const corrected = await t.http.post(`/certificates/${old.id}/correction`).set('Authorization', county).send({ reason: '姓名更正' }).expect(201);
    expect(corrected.body.replacesId).toBe(old.id);
    expect(corrected.body.verifiableCredential.replaces).toBe(`urn:uuid:${old.id}`);
    expect(corrected.body.certificateNumber).not.toBe((old as { certificateNumber?: string }).certificateNumber);
    const oldNow = await t.http.get(`/certificates/${old.id}`).set('Authorization', county).expect(200);
    expect(oldNow.body).toMatchObject({ status: 'revoked', statusReason: 'superseded: 姓名更正' });
    await t.http.post('/credentials/verify').send({ verifiableCredential: corrected.body.verifiableCredential }).expect(200);
    await t.http.post('/credentials/verify').send({ verifiableCredential: old.verifiableCredential }).expect(422);
    // The student's certificates: the revoked one too, oldest first.
    const listed = await t.http.get(`/students/${corrected.body.studentId}/certificates`).set('Authorization', county).expect(200);
    expect(listed.body.map((c: { id: string; status: string }) => [c.id, c.status])).toEqual([
      [old.id, 'revoked'],
      [corrected.body.id, 'valid'],
    ]);
  });

  it('numbers certificates per issuing authority and year, without gaps', async () => {
    const numbers = [];
    for (let i = 0; i < 3; i++) numbers.push(((await newCertificate()) as unknown as { certificateNumber: string }).certificateNumber);
    const sequence = numbers.map((n) => Number(n.split('-')[2]));
    expect(numbers.every((n) => /^330106-\d{4}-\d{6}$/.test(n))).toBe(true);
    expect(sequence).toEqual([sequence[0], sequence[0] + 1, sequence[0] + 2]);
  });

  it('reports "status unknown", never valid, when another issuer\'s status list cannot be loaded offline', async () => {
    const keys = generateEd25519KeyPair();
    const did = `did:key:${keys.publicKeyMultibase}`;
    const signer = createEd25519Signer({ id: `${did}#${keys.publicKeyMultibase}`, secretKeyMultibase: keys.secretKeyMultibase });
    const list = 'https://status.example.org/lists/1';
    const credential = {
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      id: 'urn:uuid:5e1f6a4e-8a57-4bb4-a0f1-1f2a3b4c5d6e',
      type: ['VerifiableCredential'],
      issuer: did,
      credentialSubject: { id: 'did:example:holder', name: 'Test' },
      credentialStatus: { id: `${list}#7`, type: 'BitstringStatusListEntry', statusPurpose: 'revocation', statusListIndex: '7', statusListCredential: list },
    };
    const loader = createDocumentLoader({ resolveDid: async (d) => didKeyDocument(d) });
    const vc = await issueCredential({ credential, signer, documentLoader: loader, now: new Date() });
    const res = await t.http.post('/credentials/verify').send({ verifiableCredential: vc }).expect(422);
    expect(res.body).toMatchObject({ verified: false, status: 'unknown' });
    expect(res.body.checks).toContain('proof');
    expect(res.body.problemDetails.map((p: { title: string }) => p.title)).toContain('Status unknown');
  });
});
