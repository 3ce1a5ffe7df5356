import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import { PUBLIC_URL, login, seedTree, startTestApp, type TestApp } from '../support/test-app.js';

/** Relying systems and their approvals (第二十四条): registered with keys, granted on the step engine, accountable. */
describe('relying systems and approvals', () => {
  let t: TestApp;
  let auth: Record<'county' | 'city' | 'province' | 'school' | 'otherCounty', string>;
  let privateKey: CryptoKey;
  let jwk: Record<string, unknown>;
  let system: { id: string; clientId: string };
  let approval: { id: string; requestId: string };

  beforeAll(async () => {
    t = await startTestApp();
    const a = await seedTree(t, { province: '330000', city: '330100', county: '330106', school: '3330106001' }, 'sh');
    const b = await seedTree(t, { province: '110000', city: '110100', county: '110105', school: '1110105001' }, 'sb');
    auth = {
      county: await login(t, a.county),
      city: await login(t, a.city),
      province: await login(t, a.province),
      school: await login(t, a.school),
      otherCounty: await login(t, b.county),
    };
    const pair = await generateKeyPair('ES256');
    privateKey = pair.privateKey;
    jwk = { ...(await exportJWK(pair.publicKey)), kid: 'library-2026', use: 'sig', alg: 'ES256' };
  });
  afterAll(() => t.close());

  const as = (who: keyof typeof auth) => ({
    get: (url: string) => t.http.get(url).set('Authorization', auth[who]),
    post: (url: string, body: object = {}) => t.http.post(url).set('Authorization', auth[who]).send(body),
  });
  const registration = (keys: object[] = [jwk]) => ({
    name: '杭州图书馆读者证系统',
    operator: '杭州图书馆',
    contact: '杭州图书馆信息部 0571-00000000',
    purpose: '为在籍学生办理少儿读者证，只需确认在籍状态与所在地区',
    responseUris: ['https://library.example.cn/oid4vp/response'],
    jwks: { keys },
  });
  const assertion = (overrides: { aud?: string; jti?: string; key?: CryptoKey; exp?: string } = {}) =>
    new SignJWT({})
      .setProtectedHeader({ alg: 'ES256', kid: 'library-2026' })
      .setIssuer(system.clientId)
      .setSubject(system.clientId)
      .setAudience(overrides.aud ?? `${PUBLIC_URL}/sharing/token`)
      .setJti(overrides.jti ?? randomUUID())
      .setIssuedAt()
      .setExpirationTime(overrides.exp ?? '2m')
      .sign(overrides.key ?? privateKey);
  const token = (clientAssertion: string) =>
    t.http.post('/sharing/token').type('form').send({ grant_type: 'client_credentials', client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer', client_assertion: clientAssertion });

  it('registers a relying system with public keys only, naming bad fields', async () => {
    const bad = await as('county').post('/relying-systems', { ...registration([{ ...jwk, d: 'private-part-that-must-never-be-sent' }]), responseUris: ['http://library.example.cn/r'] }).expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['jwks.keys.0', 'responseUris.0']);
    await as('school').post('/relying-systems', registration()).expect(403);
    const res = await as('county').post('/relying-systems', registration()).expect(201);
    system = res.body;
    expect(system.clientId).toMatch(/^rs_[\w-]{22}$/);
    await as('otherCounty').get(`/relying-systems/${system.id}`).expect(404);
  });

  it('asks for an approval, decided on the step engine by the region’s authority — never by whoever asked', async () => {
    await as('county').post(`/relying-systems/${system.id}/approval-requests`, { claims: ['student_number'], purpose: '办证', legalBasis: '无', regionCode: '330100', validUntil: '2027-06-30', volumeLimit: 10 }).expect(400);
    const asked = await as('county')
      .post(`/relying-systems/${system.id}/approval-requests`, {
        claims: ['enrolment_status', 'region', 'age_over_12'],
        purpose: '为在籍学生办理少儿读者证',
        legalBasis: '《杭州市公共图书馆服务规定》及市政府批复',
        regionCode: '330100',
        validUntil: '2099-06-30',
        volumeLimit: 50,
      })
      .expect(201);
    approval = asked.body;
    expect(asked.body).toMatchObject({ status: 'requested', regionCode: '330100', approvedBy: null, requestedBy: { organisationCode: '330106' } });
    const request = (await as('city').get(`/requests/${approval.requestId}`).expect(200)).body;
    expect(request.steps).toEqual([expect.objectContaining({ name: 'approving_authority', organisationCode: '330100', status: 'pending' })]);
    expect((await as('county').post(`/requests/${approval.requestId}/steps/0/decision`, { outcome: 'approve' }).expect(403)).body.code).toBe('NOT_YOUR_STEP');
    await as('city').post(`/requests/${approval.requestId}/steps/0/decision`, { outcome: 'approve', reason: '用途明确，范围最小' }).expect(200);
    const granted = (await as('city').get(`/sharing-approvals/${approval.id}`).expect(200)).body;
    expect(granted).toMatchObject({ status: 'active', approvedBy: { organisationCode: '330100' } });
    expect(granted.approvedAt).toEqual(expect.any(String));
  });

  it('lets the relying system in with a signed client assertion, once per assertion, and shows it its approvals', async () => {
    const signed = await assertion();
    const res = await token(signed).expect(200);
    expect(res.body).toMatchObject({ token_type: 'Bearer', expires_in: 300 });
    expect((await token(signed).expect(401)).body.code).toBe('UNAUTHENTICATED');
    await token(await assertion({ aud: 'https://elsewhere.example/token' })).expect(401);
    await token(await assertion({ key: (await generateKeyPair('ES256')).privateKey })).expect(401);
    await token(await assertion({ exp: '1h' })).expect(401);
    const own = await t.http.get('/sharing/approvals').set('Authorization', `Bearer ${res.body.access_token}`).expect(200);
    expect(own.body).toEqual([expect.objectContaining({ id: approval.id, status: 'active', claims: ['enrolment_status', 'region', 'age_over_12'] })]);
    await t.http.get('/sharing/approvals').set('Authorization', auth.county).expect(401);
  });

  it('is suspended, reinstated and revoked by the approver or one above it only, with a reason, audited', async () => {
    expect((await as('county').post(`/sharing-approvals/${approval.id}/suspension`, { reason: '暂停核查' }).expect(403)).body.code).toBe('NOT_THE_APPROVER');
    await as('city').post(`/sharing-approvals/${approval.id}/suspension`, {}).expect(400);
    await as('city').post(`/sharing-approvals/${approval.id}/suspension`, { reason: '接到投诉，暂停核查' }).expect(200);
    await as('city').post(`/sharing-approvals/${approval.id}/reinstatement`, { reason: '核查无误' }).expect(200);
    const revoked = await as('province').post(`/sharing-approvals/${approval.id}/revocation`, { reason: '超范围使用' }).expect(200);
    expect(revoked.body.status).toBe('revoked');
    expect((await as('city').post(`/sharing-approvals/${approval.id}/reinstatement`, { reason: '恢复' }).expect(409)).body.code).toBe('APPROVAL_STATE');
    const actions = await t.dataSource.query(`SELECT action FROM audit_entries WHERE record_id = $1 ORDER BY seq`, [approval.id]);
    expect(actions.map((a: { action: string }) => a.action)).toEqual(['sharing_approval.suspended', 'sharing_approval.reinstated', 'sharing_approval.revoked']);
    await as('otherCounty').get(`/sharing-approvals/${approval.id}`).expect(404);
  });
});
