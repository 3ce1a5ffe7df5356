import { decodeList } from '@digitalbazaar/vc-bitstring-status-list';
import { p256DidKey, p256KeyPairFromSeed } from '../../src/identity/domain/p256-keys.js';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { DidService } from '../../src/identity/did.service.js';
import { login, seedTree, startTestApp, type TestApp } from '../support/test-app.js';

type Entry = { id: string; type: string; statusPurpose: string; statusListIndex: string; statusListCredential: string };
type FieldError = { field: string; message: string };

const V2 = 'https://www.w3.org/ns/credentials/v2';
const SEED = Buffer.alloc(32, 42);

function credential(issuer: unknown, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    '@context': [V2],
    type: ['VerifiableCredential'],
    issuer,
    credentialSubject: { id: 'did:example:alice', name: 'Alice' },
    ...extra,
  };
}

const entriesOf = (vc: Record<string, unknown>) => vc.credentialStatus as Entry[];

/** The set bits of a served list (their indices), read the way any verifier reads them. */
async function setBits(t: TestApp, listUrl: string, candidates: number[]): Promise<number[]> {
  const res = await t.http.get(new URL(listUrl).pathname).expect(200);
  const list = await decodeList({ encodedList: res.body.credentialSubject.encodedList });
  return candidates.filter((i) => list.getStatus(i));
}

/** POST /credentials/issue and /credentials/status (W3C VC API issuer), as an authority and in conformance mode. */
describe('VC API issuer: POST /credentials/issue', () => {
  describe('for an education authority', () => {
    let t: TestApp;
    let county: string;
    let countyDid: string;
    let provinceDid: string;

    beforeAll(async () => {
      t = await startTestApp();
      const users = await seedTree(t, { province: '440000', city: '440100', county: '440106', school: '3440106001' }, 'vi');
      county = await login(t, users.county);
      countyDid = t.app.get(DidService).didForCode('440106');
      provinceDid = t.app.get(DidService).didForCode('440000');
    });
    afterAll(() => t.close());

    const issue = (body: unknown, token: string | null = county) => {
      const req = t.http.post('/credentials/issue');
      return (token ? req.set('Authorization', token) : req).send(body as object);
    };

    it('signs for its own DID: 201, id and issuer kept, two status entries, and it verifies', async () => {
      const given = credential({ id: countyDid, name: 'County bureau' }, { id: 'urn:uuid:6f1b7a52-7f0a-4bd6-9d1c-1f6a3e0c2b11' });
      const res = await issue({ credential: given, options: {} }).expect(201);
      const vc = res.body.verifiableCredential;
      expect(vc.id).toBe(given.id);
      expect(vc.issuer).toEqual(given.issuer);
      expect(vc.credentialSubject).toEqual(given.credentialSubject);
      expect(entriesOf(vc).map((e) => [e.type, e.statusPurpose])).toEqual([
        ['BitstringStatusListEntry', 'revocation'],
        ['BitstringStatusListEntry', 'suspension'],
      ]);
      expect(vc.proof).toMatchObject({ type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022', proofPurpose: 'assertionMethod' });
      expect(vc.proof.verificationMethod.startsWith(`${countyDid}#`)).toBe(true);

      const verified = await t.http.post('/credentials/verify').send({ verifiableCredential: vc }).expect(200);
      expect(verified.body).toMatchObject({ verified: true, status: 'valid', problemDetails: [] });
      expect(verified.body.checks).toEqual(expect.arrayContaining(['proof', 'trustedIssuer', 'statusList', 'revocation', 'suspension']));
    });

    it('gives a credential without id a urn:uuid, and audits the issuance', async () => {
      const res = await issue({ credential: credential(countyDid) }).expect(201);
      const { id } = res.body.verifiableCredential;
      expect(id).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
      const audit = await t.http.get(`/audit/credential/${encodeURIComponent(id)}`).set('Authorization', county).expect(200);
      expect(audit.body.map((e: { action: string }) => e.action)).toEqual(['credential.issued']);
      expect(audit.body[0].details).toMatchObject({ issuerDid: countyDid, statusListIndex: entriesOf(res.body.verifiableCredential)[0].statusListIndex });
    });

    it('signs a VC 1.1 credential too, adding the status list context its entries need, and it verifies', async () => {
      const given: Record<string, unknown> = { ...credential(countyDid), '@context': ['https://www.w3.org/2018/credentials/v1'] };
      // VC 1.1 defines no `name`: signing an undefined term is refused (safe mode), naming the credential.
      const undefinedTerm = await issue({ credential: given }).expect(400);
      expect(undefinedTerm.body.errors[0]).toMatchObject({ field: 'credential', message: expect.stringContaining('not valid JSON-LD') });
      given.credentialSubject = { id: 'did:example:alice' };
      const vc = (await issue({ credential: given }).expect(201)).body.verifiableCredential;
      // The Data Integrity context comes with the proof, as VC 1.1 needs it.
      expect(vc['@context']).toEqual([
        'https://www.w3.org/2018/credentials/v1',
        'https://www.w3.org/ns/credentials/status/v1',
        'https://w3id.org/security/data-integrity/v2',
      ]);
      expect(vc.issuanceDate).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
      expect(entriesOf(vc)).toHaveLength(2);
      const verified = await t.http.post('/credentials/verify').send({ verifiableCredential: vc }).expect(200);
      expect(verified.body).toMatchObject({ verified: true, status: 'valid' });
    });

    it("refuses to sign as another issuer's DID", async () => {
      const res = await issue({ credential: credential(provinceDid) }).expect(403);
      expect(res.body.code).toBe('ISSUER_NOT_CALLER');
      await issue({ credential: credential('did:key:z6MkhTNL7i2etLerDK8Acz5t528giE5KA4p75T6ka1E1D74r') }).expect(403);
    });

    it('refuses to sign a certificate or identity credential type: those come from the register, past its approvals', async () => {
      const diploma = { ...credential(countyDid), type: ['VerifiableCredential', 'OpenBadgeCredential'] };
      const res = await issue({ credential: diploma }).expect(400);
      expect(res.body).toMatchObject({ code: 'CREDENTIAL_NOT_CONFORMING', errors: [expect.objectContaining({ field: 'credential.type' })] });
    });

    it('refuses anonymous callers when conformance mode is off', async () => {
      const res = await issue({ credential: credential(countyDid) }, null).expect(401);
      expect(res.headers['content-type']).toContain('application/problem+json');
      await t.http.post('/credentials/status').send({ credentialId: 'urn:uuid:x', credentialStatus: { type: 'BitstringStatusListEntry', statusPurpose: 'revocation' } }).expect(401);
    });

    it.each([
      ['no credentialSubject', { credentialSubject: undefined }, 'credential.credentialSubject'],
      ['an issuer that is not a URL', { issuer: 'county bureau' }, 'credential.issuer'],
      ['a first context that is not a credentials context', { '@context': ['https://w3id.org/security/data-integrity/v2', V2] }, 'credential.@context'],
      ['a context this service does not know', { '@context': [V2, 'https://example.org/unknown-context/v1'] }, 'credential.@context'],
      ['the W3C examples context, known in conformance mode only', { '@context': [V2, 'https://www.w3.org/ns/credentials/examples/v2'] }, 'credential.@context'],
      ['no VerifiableCredential type', { type: ['ExampleCredential'] }, 'credential.type'],
      ['a validFrom that is not a date-time', { validFrom: '2026-13-45' }, 'credential.validFrom'],
      ['a status entry of its own choosing', { credentialStatus: { type: 'BitstringStatusListEntry', statusPurpose: 'revocation', statusListIndex: '7', statusListCredential: 'https://example.org/list' } }, 'credential.credentialStatus'],
      ['an id that is not a URL', { id: 'not a url' }, 'credential.id'],
    ])('answers a credential with %s with 400 naming the field', async (_case, change, field) => {
      const res = await issue({ credential: { ...credential(countyDid), ...change } }).expect(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body.errors.map((e: FieldError) => e.field)).toContain(field);
    });

    it('answers a request without a credential object with 400', async () => {
      const res = await issue({ credential: 'text' }).expect(400);
      expect(res.body.errors.map((e: FieldError) => e.field)).toEqual(['credential']);
    });

    it('refuses a second credential under an id it already issued (the id keys its status)', async () => {
      const given = credential(countyDid, { id: 'https://example.org/credentials/twice' });
      await issue({ credential: given }).expect(201);
      const res = await issue({ credential: given }).expect(409);
      expect(res.body.code).toBe('CREDENTIAL_ID_TAKEN');
    });

    it('revokes through /credentials/status: exactly that bit flips in the served list, and verification then fails as revoked', async () => {
      const [a, b] = await Promise.all(
        [1, 2].map(async () => (await issue({ credential: credential(countyDid) }).expect(201)).body.verifiableCredential),
      );
      const revocationOf = (vc: Record<string, unknown>) => entriesOf(vc).find((e) => e.statusPurpose === 'revocation')!;
      expect(revocationOf(a).statusListCredential).toBe(revocationOf(b).statusListCredential);
      const list = revocationOf(a).statusListCredential;
      const indices = [Number(revocationOf(a).statusListIndex), Number(revocationOf(b).statusListIndex)];
      expect(await setBits(t, list, indices)).toEqual([]);

      const res = await t.http
        .post('/credentials/status')
        .set('Authorization', county)
        .send({ credentialId: a.id, credentialStatus: { type: 'BitstringStatusListEntry', statusPurpose: 'revocation' }, reason: 'issued in error' })
        .expect(200);
      expect(res.body).toEqual({ credentialId: a.id, revoked: true, suspended: false });
      expect(await setBits(t, list, indices)).toEqual([indices[0]]);

      const refused = await t.http.post('/credentials/verify').send({ verifiableCredential: a }).expect(422);
      expect(refused.body).toMatchObject({ verified: false, status: 'revoked' });
      await t.http.post('/credentials/verify').send({ verifiableCredential: b }).expect(200);
    });
  });

  describe('in conformance mode (did:key issuer from XUEJI_CONFORMANCE_ISSUER_SEED)', () => {
    let t: TestApp;
    let did: string;

    beforeAll(async () => {
      t = await startTestApp({ XUEJI_CONFORMANCE_ISSUER_SEED: SEED.toString('base64') });
      did = `did:key:${(await Ed25519Multikey.generate({ seed: SEED })).publicKeyMultibase}`;
    });
    afterAll(() => t.close());

    it('warns loudly at boot, naming the issuer', () => {
      const warning = t.logs.map((line) => JSON.parse(line)).find((entry) => String(entry.msg).startsWith('CONFORMANCE MODE IS ON'));
      expect(warning).toMatchObject({ level: 'warn', issuer: did });
    });

    it('issues anonymously for its did:key issuer, and the credential verifies', async () => {
      const res = await t.http.post('/credentials/issue').send({ credential: credential(did), options: {} }).expect(201);
      const vc = res.body.verifiableCredential;
      expect(vc.issuer).toBe(did);
      expect(entriesOf(vc)).toHaveLength(2);
      const verified = await t.http.post('/credentials/verify').send({ verifiableCredential: vc }).expect(200);
      expect(verified.body).toMatchObject({ verified: true, status: 'valid' });
    });

    it('knows the W3C examples context the suites use', async () => {
      const given = credential(did, { '@context': [V2, 'https://www.w3.org/ns/credentials/examples/v2'], type: ['VerifiableCredential', 'ExampleCredential'] });
      const vc = (await t.http.post('/credentials/issue').send({ credential: given }).expect(201)).body.verifiableCredential;
      await t.http.post('/credentials/verify').send({ verifiableCredential: vc }).expect(200);
    });

    it('still refuses anonymous issuance for any other issuer', async () => {
      const other = `did:key:${(await Ed25519Multikey.generate({ seed: Buffer.alloc(32, 1) })).publicKeyMultibase}`;
      await t.http.post('/credentials/issue').send({ credential: credential(other) }).expect(401);
    });

    it('answers malformed input with 400, never 401', async () => {
      const res = await t.http.post('/credentials/issue').send({ credential: credential(null) }).expect(400);
      expect(res.body.errors.map((e: FieldError) => e.field)).toContain('credential.issuer');
    });

    it('suspends and reinstates through /credentials/status without a reason, as the bitstring suite posts', async () => {
      const vc = (await t.http.post('/credentials/issue').send({ credential: credential(did) }).expect(201)).body.verifiableCredential;
      const suspension = entriesOf(vc).find((e) => e.statusPurpose === 'suspension')!;
      const index = Number(suspension.statusListIndex);
      const post = (status: boolean) =>
        t.http.post('/credentials/status').send({ credentialId: vc.id, credentialStatus: { type: 'BitstringStatusListEntry', statusPurpose: 'suspension' }, status });

      expect((await post(true).expect(200)).body).toEqual({ credentialId: vc.id, revoked: false, suspended: true });
      expect(await setBits(t, suspension.statusListCredential, [index])).toEqual([index]);
      const refused = await t.http.post('/credentials/verify').send({ verifiableCredential: vc }).expect(422);
      expect(refused.body.status).toBe('suspended');

      await post(false).expect(200);
      expect(await setBits(t, suspension.statusListCredential, [index])).toEqual([]);
    });

    it('has a P-256 did:key issuer too, signing ecdsa-sd-2023 with the mandatory pointers asked for, with status lists of its own', async () => {
      const sdKeys = p256KeyPairFromSeed(SEED, 'xueji-conformance/p256');
      const sdDid = p256DidKey(sdKeys.publicKeyMultibase).did;
      const res = await t.http.post('/credentials/issue').send({ credential: credential(sdDid), options: { mandatoryPointers: ['/issuer', '/credentialStatus'] } }).expect(201);
      const base = res.body.verifiableCredential;
      expect(base.proof.cryptosuite).toBe('ecdsa-sd-2023');
      const entries = entriesOf(base);
      expect(entries).toHaveLength(2);
      // Its status list is its own, signed by the same did:key (ecdsa-rdfc-2019).
      const listJson = JSON.parse((await t.http.get(new URL(entries[0].statusListCredential).pathname).expect(200)).text);
      expect(listJson.issuer.id ?? listJson.issuer).toBe(sdDid);
      expect(listJson.proof.cryptosuite).toBe('ecdsa-rdfc-2019');

      const derived = (await t.http.post('/credentials/derive').send({ verifiableCredential: base, options: { selectivePointers: ['/credentialSubject'] } }).expect(201)).body.verifiableCredential;
      const verified = await t.http.post('/credentials/verify').send({ verifiableCredential: derived }).expect(200);
      expect(verified.body).toMatchObject({ verified: true, status: 'valid' });
      // The base proof is the holder's and never verifies as such.
      await t.http.post('/credentials/verify').send({ verifiableCredential: base }).expect(422);

      await t.http.post('/credentials/status').send({ credentialId: base.id, credentialStatus: { type: 'BitstringStatusListEntry', statusPurpose: 'revocation' } }).expect(200);
      expect((await t.http.post('/credentials/verify').send({ verifiableCredential: derived }).expect(422)).body.status).toBe('revoked');
      const bad = await t.http.post('/credentials/issue').send({ credential: credential(sdDid), options: { mandatoryPointers: ['issuer'] } }).expect(400);
      expect(bad.body.errors[0].field).toBe('options.mandatoryPointers.0');
    });
  });
});
