import { issueCredential, type Credential } from '../../src/certificates/domain/data-integrity.js';
import { VerificationService } from '../../src/certificates/verification.service.js';
import { DocumentLoaderService } from '../../src/identity/document-loader.service.js';
import { createEd25519Signer } from '../../src/identity/domain/ed25519-keys.js';
import { createP256Verifier } from '../../src/identity/domain/p256-keys.js';
import { openSecret, sealingKey } from '../../src/identity/domain/secret-box.js';
import { IssuerSignerService } from '../../src/identity/issuer-signer.service.js';
import { OrganisationsService } from '../../src/platform/organisations/organisations.service.js';
import { graduate, issueCertificate } from '../support/flows.js';
import { login, residentId, seedTree, startTestApp, type TestApp } from '../support/test-app.js';

type Key = { id: string; algorithm: string; verificationMethod: string; publicKeyMultibase: string; status: string; compromisedAt: string | null };
type Proof = { verificationMethod: string; created: string; proofValue: string };

const COUNTY = '330106';
const DID = 'did:web:xueji.test:issuers:330106';

/**
 * Issuer keys of an education authority (issue: keys per algorithm, rotation, revocation after a
 * compromise), on the store the run uses: both keys from creation, rotation keeps old
 * credentials verifying, a compromise at T fails what was signed after T with the reason.
 */
describe('issuer keys', () => {
  let t: TestApp;
  let registrar: string;
  let county: string;
  let province: string;
  let siblingCounty: string;
  let seq = 300;

  beforeAll(async () => {
    t = await startTestApp();
    const users = await seedTree(t, { province: '330000', city: '330100', county: COUNTY, school: '3330106001' }, 'ik');
    const sibling = await seedTree(t, { province: '330000', city: '330100', county: '330108', school: '3330108001' }, 'ik2');
    registrar = await login(t, users.school);
    county = await login(t, users.county);
    province = await login(t, users.province);
    siblingCounty = await login(t, sibling.county);
  });
  afterAll(() => t.close());

  async function newCertificate() {
    const id = await graduate(t, registrar, county, residentId('330106', '2012-03-15', String(seq++)));
    return issueCertificate(t, county, id);
  }
  const keysOf = async (code = COUNTY): Promise<Key[]> => (await t.http.get(`/organisations/${code}/keys`).set('Authorization', county).expect(200)).body.keys;
  const activeKey = async (algorithm: string) => (await keysOf()).find((k) => k.algorithm === algorithm && k.status === 'active')!;
  const proofOf = (vc: Record<string, unknown>) => vc.proof as Proof;
  const verify = (vc: unknown) => t.http.post('/credentials/verify').send({ verifiableCredential: vc });
  const listsSignedBy = async (method: string) =>
    Number(
      (
        await t.dataSource.query(
          `SELECT count(*) AS n FROM status_lists WHERE revocation_credential->'proof'->>'verificationMethod' = $1 OR suspension_credential->'proof'->>'verificationMethod' = $1`,
          [method],
        )
      )[0].n,
    );
  const auditActions = async (keyId: string) =>
    (await t.http.get(`/audit/issuer_key/${keyId}`).set('Authorization', county).expect(200)).body.map((e: { action: string }) => e.action);

  it('gives an education authority both keys when it is created, before anything is signed, and a school none', async () => {
    const keys = await keysOf();

    expect(keys.map((k) => [k.algorithm, k.status]).sort()).toEqual([
      ['Ed25519', 'active'],
      ['P-256', 'active'],
    ]);
    expect(keys.find((k) => k.algorithm === 'Ed25519')!.publicKeyMultibase).toMatch(/^z6Mk/);
    expect(keys.find((k) => k.algorithm === 'P-256')!.publicKeyMultibase).toMatch(/^zDn/);
    const did = (await t.http.get(`/issuers/${COUNTY}/did.json`).expect(200)).body;
    expect(did.verificationMethod.map((m: { id: string; type: string }) => [m.id, m.type]).sort()).toEqual(
      keys.map((k) => [k.verificationMethod, 'Multikey']).sort(),
    );
    await t.http.get('/issuers/3330106001/did.json').expect(404);
    await t.http.get('/organisations/3330106001/keys').set('Authorization', county).expect(404);
  });

  it('signs with the P-256 key through signerFor, verifiably with the key its DID document lists', async () => {
    const org = (await t.app.get(OrganisationsService).findVisible(null, COUNTY))!;
    const signer = await t.app.get(IssuerSignerService).signerFor(org, 'P-256');
    const data = Buffer.from('student identity credential');

    const listed = (await t.http.get(`/issuers/${COUNTY}/did.json`).expect(200)).body.verificationMethod.find((m: { id: string }) => m.id === signer.id);

    expect(signer.algorithm).toBe('P-256');
    expect(listed.publicKeyMultibase).toMatch(/^zDn/);
    expect(createP256Verifier({ id: signer.id, publicKeyMultibase: listed.publicKeyMultibase }).verifySync(data, signer.signSync(data))).toBe(true);
  });

  it('after a rotation signs with the new key, and a certificate issued before still verifies', async () => {
    const before = await newCertificate();
    const old = await activeKey('Ed25519');
    expect(proofOf(before.verifiableCredential).verificationMethod).toBe(old.verificationMethod);

    const rotated = await t.http.post(`/organisations/${COUNTY}/keys/rotation`).set('Authorization', county).send({ algorithm: 'Ed25519', reason: 'yearly rotation' }).expect(200);

    const fresh = rotated.body.keys.find((k: Key) => k.algorithm === 'Ed25519' && k.status === 'active');
    expect(fresh.verificationMethod).not.toBe(old.verificationMethod);
    expect(rotated.body.keys.find((k: Key) => k.id === old.id).status).toBe('retired');
    const after = await newCertificate();
    expect(proofOf(after.verifiableCredential).verificationMethod).toBe(fresh.verificationMethod);
    expect((await verify(before.verifiableCredential).expect(200)).body.verified).toBe(true);
    expect((await verify(after.verifiableCredential).expect(200)).body.verified).toBe(true);
    const did = (await t.http.get(`/issuers/${COUNTY}/did.json`).expect(200)).body;
    expect(did.assertionMethod).toEqual(expect.arrayContaining([old.verificationMethod, fresh.verificationMethod]));
    expect(did.authentication).not.toContain(old.verificationMethod);
    expect(await auditActions(old.id)).toEqual(['issuer_key.rotated']);
  });

  it('after a revocation with compromise time T, fails a credential signed after T with the reason and keeps one signed before', async () => {
    const compromised = await activeKey('Ed25519');
    const before = await newCertificate();
    const T = new Date(Date.now() + 5);
    // Proof times are whole seconds: start the next second so that "after T" holds for the proof too.
    await new Promise((resolve) => setTimeout(resolve, 1_050 - (T.getTime() % 1000)));
    const after = await newCertificate();
    expect(proofOf(after.verifiableCredential).verificationMethod).toBe(compromised.verificationMethod);
    expect(Date.parse(proofOf(after.verifiableCredential).created)).toBeGreaterThanOrEqual(T.getTime());
    // A status change re-signs the list with the key about to be revoked.
    const throwaway = await newCertificate();
    await t.http.post(`/certificates/${throwaway.id}/revocation`).set('Authorization', county).send({ reason: 'issued in error' }).expect(200);
    expect(await listsSignedBy(compromised.verificationMethod)).toBeGreaterThan(0);

    const revoked = await t.http
      .post(`/organisations/${COUNTY}/keys/${compromised.id}/revocation`)
      .set('Authorization', county)
      .send({ compromisedAt: T.toISOString(), reason: 'signing host broken into' })
      .expect(200);

    expect(revoked.body.keys.find((k: Key) => k.id === compromised.id)).toMatchObject({ status: 'revoked', compromisedAt: T.toISOString() });
    const okBefore = await verify(before.verifiableCredential).expect(200);
    expect(okBefore.body).toMatchObject({ verified: true, status: 'valid' });
    const failedAfter = await verify(after.verifiableCredential).expect(422);
    expect(failedAfter.body.problemDetails).toContainEqual({
      type: 'https://w3id.org/security#INVALID_VERIFICATION_METHOD',
      title: 'Key revoked after compromise',
      detail: `Signed with key ${compromised.verificationMethod}, revoked after compromise at ${T.toISOString()}: the proof was made at ${proofOf(after.verifiableCredential).created}, after the compromise.`,
    });
    const report = await t.app.get(VerificationService).verify(before.verifiableCredential);
    expect(report.checks.find((c) => c.check === 'proof')!.detail).toContain(`before its compromise at ${T.toISOString()}, as the register records`);
    // The DID document keeps the key, marked, and in no relationship.
    const did = (await t.http.get(`/issuers/${COUNTY}/did.json`).expect(200)).body;
    expect(did.verificationMethod.find((m: { id: string }) => m.id === compromised.verificationMethod).revoked).toBe(T.toISOString());
    expect([...did.assertionMethod, ...did.authentication]).not.toContain(compromised.verificationMethod);
    expect(await auditActions(compromised.id)).toEqual(['issuer_key.revoked']);
    // Its status lists were signed again by the replacement, in the revoking transaction.
    expect(await listsSignedBy(compromised.verificationMethod)).toBe(0);
  });

  it('after a revocation signs with the replacement key, certificates and status lists alike', async () => {
    const replacement = await activeKey('Ed25519');
    const next = await newCertificate();

    expect(proofOf(next.verifiableCredential).verificationMethod).toBe(replacement.verificationMethod);
    expect((await verify(next.verifiableCredential).expect(200)).body).toMatchObject({ verified: true, status: 'valid' });
    const list = await t.http.get(new URL((next.verifiableCredential.credentialStatus as Array<{ statusListCredential: string }>)[0].statusListCredential).pathname).expect(200);
    expect(list.body.proof.verificationMethod).toBe(replacement.verificationMethod);
  });

  it('refuses a forgery made with the stolen key and backdated before the compromise: the register holds no such proof', async () => {
    const stolen = (await keysOf()).find((k) => k.status === 'revoked')!;
    const honest = (await t.dataSource.query(
      `SELECT c.credential, c.issued_at FROM certificates c WHERE c.credential->'proof'->>'verificationMethod' = $1 AND c.issued_at < $2 ORDER BY c.issued_at LIMIT 1`,
      [stolen.verificationMethod, stolen.compromisedAt],
    ))[0];
    const signer = await stolenSigner(t, stolen);
    const { proof: _proof, ...unsigned } = honest.credential;
    const forged = await issueCredential({
      credential: { ...unsigned, credentialSubject: { ...unsigned.credentialSubject, name: '王冒名' } } as Credential,
      signer,
      documentLoader: t.app.get(DocumentLoaderService).load,
      now: new Date(honest.issued_at),
    });
    expect(Date.parse(proofOf(forged).created)).toBeLessThan(Date.parse(stolen.compromisedAt!));

    const answer = await verify(forged).expect(422);

    expect(answer.body.problemDetails[0]).toMatchObject({ title: 'Key revoked after compromise' });
    expect(answer.body.problemDetails[0].detail).toContain('the register holds no record of it made before the compromise');
  });

  it('lets only the organisation itself rotate or revoke: a sibling authority gets 404, the province above 403, a school 403', async () => {
    const key = await activeKey('P-256');
    const rotate = (token: string) => t.http.post(`/organisations/${COUNTY}/keys/rotation`).set('Authorization', token).send({ algorithm: 'P-256', reason: 'not mine' });
    const revoke = (token: string) =>
      t.http.post(`/organisations/${COUNTY}/keys/${key.id}/revocation`).set('Authorization', token).send({ compromisedAt: new Date().toISOString(), reason: 'not mine' });

    expect((await rotate(siblingCounty).expect(404)).body.code).toBe('NOT_FOUND');
    expect((await revoke(siblingCounty).expect(404)).body.code).toBe('NOT_FOUND');
    await t.http.get(`/organisations/${COUNTY}/keys`).set('Authorization', siblingCounty).expect(404);
    expect((await rotate(province).expect(403)).body.code).toBe('NOT_OWN_ORGANISATION');
    expect((await revoke(province).expect(403)).body.code).toBe('NOT_OWN_ORGANISATION');
    await rotate(registrar).expect(403);
    expect(await activeKey('P-256')).toEqual(key);
  });

  it('refuses a compromise time in the future, a key revoked twice, and a key of another organisation', async () => {
    const key = await activeKey('P-256');
    const revoke = (keyId: string, compromisedAt: string) =>
      t.http.post(`/organisations/${COUNTY}/keys/${keyId}/revocation`).set('Authorization', county).send({ compromisedAt, reason: 'test' });

    const future = await revoke(key.id, new Date(Date.now() + 3_600_000).toISOString()).expect(400);
    expect(future.body.errors[0].field).toBe('compromisedAt');
    await revoke(key.id, '2026-13-01').expect(400);
    const revokedOnce = (await keysOf()).find((k) => k.status === 'revoked')!;
    expect((await revoke(revokedOnce.id, new Date().toISOString()).expect(409)).body.code).toBe('ISSUER_KEY_ALREADY_REVOKED');
    const siblingKey = (await t.http.get('/organisations/330108/keys').set('Authorization', siblingCounty).expect(200)).body.keys[0];
    await revoke(siblingKey.id, new Date().toISOString()).expect(404);
  });

  it('keeps serving the DID document of a renamed authority, so what it signed keeps verifying', async () => {
    const certificate = await newCertificate();
    await t.dataSource.query(`UPDATE organisations SET name = $2 WHERE code = $1`, [COUNTY, '杭州市西湖区教育局（新）']);
    await new Promise((resolve) => setTimeout(resolve, 10));

    const did = (await t.http.get(`/issuers/${COUNTY}/did.json`).expect(200)).body;

    expect(did.name).toBe('杭州市西湖区教育局（新）');
    expect(did.id).toBe(DID);
    await t.dataSource.query(`DELETE FROM issuer_keys WHERE organisation_id = (SELECT id FROM organisations WHERE code = $1)`, [COUNTY]).then(
      () => {
        throw new Error('issuer keys were deleted');
      },
      (error: Error) => expect(error.message).toMatch(/never deleted/),
    );
    expect((await verify(certificate.verifiableCredential).expect(200)).body.verified).toBe(true);
  });
});

/** What a thief of the sealed key and the master key would hold: the test can open it in-process. */
async function stolenSigner(t: TestApp, key: Key) {
  const [row] = await t.dataSource.query(`SELECT organisation_id, fragment, secret_sealed FROM issuer_keys WHERE id = $1`, [key.id]);
  const secret = openSecret(sealingKey(t.config.masterKey, 'xueji/issuer-key-seal/v1'), row.secret_sealed, `issuer-key:${row.organisation_id}:${row.fragment}`);
  return createEd25519Signer({ id: key.verificationMethod, secretKeyMultibase: secret.toString('utf8') });
}
