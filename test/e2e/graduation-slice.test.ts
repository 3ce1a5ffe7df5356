import { XUEJI_CERTIFICATE_CONTEXT_V1 } from '../../src/identity/contexts/xueji-certificate-v1.js';
import { XUEJI_IDENTITY_CONTEXT_V1 } from '../../src/identity/contexts/xueji-identity-v1.js';
import { StatusHistoryService } from '../../src/registry/status-history.service.js';
import { login, residentId, seedTree, startTestApp, type TestApp } from '../support/test-app.js';

/**
 * The first end-to-end path over HTTP: enrol → propose graduation → county confirms → the city
 * gives its second approval (the record is new) → county issues a signed certificate → anyone
 * verifies it (VC API and the QR page).
 */
describe('graduation slice over HTTP', () => {
  let t: TestApp;
  let registrar: string;
  let county: string;
  let city: string;
  const NAME = '王小明';
  const ID = residentId('330106', '2012-03-15', '123');

  beforeAll(async () => {
    t = await startTestApp();
    const users = await seedTree(t, { province: '330000', city: '330100', county: '330106', school: '3330106001' }, 'zj');
    registrar = await login(t, users.school);
    county = await login(t, users.county);
    city = await login(t, users.city);
  });
  afterAll(() => t.close());

  it('walks from enrolment to a verified certificate', async () => {
    const enrolled = await t.http
      .post('/students')
      .set('Authorization', registrar)
      .send({ idNumber: ID, name: NAME, enrolmentDate: '2018-09-01', educationStage: 'primary', grade: 1 })
      .expect(201);
    expect(enrolled.body).toMatchObject({ status: 'enrolled', gender: 'male', birthDate: '2012-03-15', schoolCode: '3330106001' });
    expect(enrolled.body.studentNumber).toMatch(/^S332018\d{9}[\dX]$/);
    expect(enrolled.body.idNumberMasked).toBe(`330${'*'.repeat(14)}${ID.at(-1)}`);
    const id = enrolled.body.id;

    await t.http.post(`/students/${id}/certificates`).set('Authorization', county).send({ kind: 'graduation' }).expect(422);

    const proposed = await t.http
      .post(`/students/${id}/graduation`)
      .set('Authorization', registrar)
      .send({ graduationDate: '2024-07-01', expectedVersion: 1 })
      .expect(200);
    expect(proposed.body).toMatchObject({ status: 'graduation_proposed', version: 2 });

    await t.http.post(`/students/${id}/graduation/confirmation`).set('Authorization', registrar).send({}).expect(403);
    const confirmed = await t.http
      .post(`/students/${id}/graduation/confirmation`)
      .set('Authorization', county)
      .send({ expectedVersion: 2 })
      .expect(200);
    expect(confirmed.body).toMatchObject({ status: 'graduated', graduationDate: '2024-07-01', version: 3 });
    // The record's history: enrolled while proposed (a workflow state, not a period), graduated from the graduation date.
    const history = t.app.get(StatusHistoryService);
    expect([await history.statusOn(id, '2018-08-31'), await history.statusOn(id, '2024-06-30'), await history.statusOn(id, '2024-07-01')]).toEqual([null, 'enrolled', 'graduated']);

    // The record was made today for a 2018 entry — what a forged record looks like — so the county's
    // certificate waits for the city's second approval (separation of duties), then is signed.
    const held = await t.http.post(`/students/${id}/certificates`).set('Authorization', county).send({ kind: 'graduation' }).expect(202);
    expect(held.body).toMatchObject({ status: 'second_approval_required', reasons: ['record_too_recent'], minimumSchoolYears: 6 });
    const again = await t.http.post(`/students/${id}/certificates`).set('Authorization', county).send({ kind: 'graduation' }).expect(202);
    expect(again.body.requestId).toBe(held.body.requestId);
    expect((await t.http.post(`/requests/${held.body.requestId}/steps/0/decision`).set('Authorization', county).send({ outcome: 'approve' }).expect(403)).body.code).toBe('NOT_YOUR_STEP');
    const warned = (await t.http.get('/warnings?kind=certificate.second_approval_needed').set('Authorization', city).expect(200)).body.items;
    expect(warned.map((w: { subjectId: string }) => w.subjectId)).toContain(held.body.requestId);
    await t.http.post(`/requests/${held.body.requestId}/steps/0/decision`).set('Authorization', city).send({ outcome: 'approve', reason: '已核实入学材料' }).expect(200);
    const issued = await t.http.post(`/students/${id}/certificates`).set('Authorization', county).send({ kind: 'graduation' }).expect(201);
    const vc = issued.body.verifiableCredential;
    expect(vc.issuer.id).toBe('did:web:xueji.test:issuers:330106');
    expect(vc.proof).toMatchObject({ type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022', proofPurpose: 'assertionMethod' });
    expect(vc.credentialSubject).toMatchObject({ name: NAME, studentNumber: enrolled.body.studentNumber, activityEndDate: '2024-07-01T00:00:00+08:00' });
    expect(vc.type).toEqual(['VerifiableCredential', 'OpenBadgeCredential']);
    expect(JSON.stringify(vc)).not.toContain(ID);
    expect(issued.body.verificationUrl).toBe(`http://xueji.test/verify/${issued.body.id}`);

    // A second certificate of the same kind is refused.
    await t.http.post(`/students/${id}/certificates`).set('Authorization', county).send({ kind: 'graduation' }).expect(409);

    // Anyone can verify it through the VC API, without logging in.
    const verified = await t.http.post('/credentials/verify').send({ verifiableCredential: vc }).expect(200);
    expect(verified.body).toMatchObject({ verified: true, problemDetails: [] });
    expect(verified.body.checks).toEqual(expect.arrayContaining(['proof', 'statusList', 'revocation', 'suspension', 'trustedIssuer']));

    // The DID document the proof points at is served by the service itself.
    const did = await t.http.get('/issuers/330106/did.json').expect(200);
    expect(did.body.id).toBe('did:web:xueji.test:issuers:330106');
    expect(did.body.assertionMethod).toContain(vc.proof.verificationMethod);

    // Every context of ours a credential names is served at the URL it names, as the loader holds it.
    for (const [path, document] of [
      ['/contexts/xueji-certificate/v1', XUEJI_CERTIFICATE_CONTEXT_V1],
      ['/contexts/xueji-identity/v1', XUEJI_IDENTITY_CONTEXT_V1],
    ] as const) {
      const served = await t.http.get(path).expect(200).expect('Content-Type', /application\/ld\+json/);
      expect(served.body).toEqual(document);
    }
    expect(vc['@context']).toContain('http://xueji.test/contexts/xueji-certificate/v1');

    // The QR code carries the verification URL; the page behind it shows the verdict.
    const svg = await t.http.get(`/certificates/${issued.body.id}/qr.svg`).set('Authorization', county).expect(200);
    expect(svg.headers['content-type']).toContain('image/svg+xml');
    const png = await t.http.get(`/certificates/${issued.body.id}/qr.png`).set('Authorization', registrar).expect(200);
    expect(png.headers['content-type']).toBe('image/png');
    expect((png.body as Buffer).subarray(1, 4).toString()).toBe('PNG');
    const page = await t.http.get(`/verify/${issued.body.id}`).expect(200);
    expect(page.text).toContain('证书有效');
    expect(page.text).toContain('王*明');
    expect(page.text).not.toContain(NAME);
  });

  it('rejects a certificate whose subject or issuer was altered by one character', async () => {
    const { body } = await t.http.get('/students').set('Authorization', county).expect(200);
    const certs = await t.http.get(`/students/${body.items[0].id}/certificates`).set('Authorization', county).expect(200);
    const vc = certs.body[0].verifiableCredential;

    const renamed = structuredClone(vc);
    renamed.credentialSubject.name = '王小名';
    const r1 = await t.http.post('/credentials/verify').send({ verifiableCredential: renamed }).expect(422);
    expect(r1.body.verified).toBe(false);
    expect(r1.body.problemDetails.length).toBeGreaterThan(0);

    const reissued = structuredClone(vc);
    reissued.issuer.id = vc.issuer.id.replace('330106', '330105');
    const r2 = await t.http.post('/credentials/verify').send({ verifiableCredential: reissued }).expect(422);
    expect(r2.body.verified).toBe(false);
  });

  it('answers a malformed verification request with 400 naming the field', async () => {
    const res = await t.http.post('/credentials/verify').send({ verifiableCredential: 'nope' }).expect(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.errors[0].field).toBe('verifiableCredential');
  });

  afterAll(() => {
    const errors = t.logs.filter((l) => l.includes('"level":"error"'));
    if (errors.length) console.log(errors.join('\n'));
  });

  it('never writes the name or ID number to a log line, even when a client puts them in a URL', async () => {
    const careless = await t.http.get(`/students/${ID}`).set('Authorization', county).expect(400);
    expect(JSON.stringify(careless.body)).not.toContain(ID);
    // A name or ID number in a listing's URL is refused (use POST /students/search), without echoing it.
    const inUrl = await t.http.get(`/students?idNumber=${ID}&name=${encodeURIComponent(NAME)}`).set('Authorization', county).expect(400);
    expect(JSON.stringify(inUrl.body)).not.toContain(ID);
    expect(JSON.stringify(inUrl.body)).not.toContain(NAME);
    const unknown = await t.http.get(`/lookup/${ID}`).expect(404);
    expect(JSON.stringify(unknown.body)).not.toContain(ID);
    expect(t.logs.length).toBeGreaterThan(10);
    const joined = t.logs.join('\n');
    expect(joined).not.toContain(NAME);
    expect(joined).not.toContain(ID);
    expect(joined).not.toContain(ID.slice(0, 17));
    for (const line of t.logs) expect(() => JSON.parse(line)).not.toThrow();
    expect(t.logs.filter((l) => l.includes('"msg":"request"')).every((l) => JSON.parse(l).correlationId)).toBe(true);
  });
});
