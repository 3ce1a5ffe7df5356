import { login, residentId, seedTree, startTestApp, type TestApp } from '../support/test-app.js';

/** Input an attacker sends: each gets a clear 4xx and changes nothing, never a 500 (security issue). */
describe('hostile input', () => {
  let t: TestApp;
  let registrar: string;
  let county: string;

  beforeAll(async () => {
    t = await startTestApp();
    const users = await seedTree(t, { province: '330000', city: '330100', county: '330106', school: '3330106001' }, 'hi');
    registrar = await login(t, users.school);
    county = await login(t, users.county);
  });
  afterAll(() => t.close());

  it('answers asset names that are Object properties with 404', async () => {
    for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) await t.http.get(`/docs/assets/${name}`).expect(404);
    await t.http.get('/docs/assets/swagger-ui.css').expect(200);
  });

  it('refuses a 200,000-deep JSON body with 400 naming the body, with or without an Idempotency-Key', async () => {
    const deep = '['.repeat(200_000) + ']'.repeat(200_000);
    const write = await t.http
      .post('/students')
      .set('Authorization', registrar)
      .set('Idempotency-Key', 'deep-1')
      .set('Content-Type', 'application/json')
      .send(`{"name":${deep}}`)
      .expect(400);
    expect(write.body.errors).toEqual([expect.objectContaining({ field: 'body' })]);
    await t.http.post('/credentials/verify').set('Content-Type', 'application/json').send(`{"verifiableCredential":{"a":${deep}}}`).expect(400);
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM idempotency_keys`);
    expect(n).toBe(0);
  });

  it('refuses to verify a document of more than 2,000 values, at once (16,000 small objects took a core 15 s)', async () => {
    const started = Date.now();
    const subject = { id: 'did:example:a', items: Array.from({ length: 16_000 }, (_, i) => ({ n: i })) };
    const res = await t.http.post('/credentials/verify').send({ verifiableCredential: { '@context': ['https://www.w3.org/ns/credentials/v2'], credentialSubject: subject } }).expect(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'body', message: expect.stringContaining('2000') })]);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it.each([
    ['/credentials/derive', (vc: object) => ({ verifiableCredential: vc, options: { selectivePointers: ['/credentialSubject/id'] } })],
    ['/presentations/verify', (vc: object) => ({ verifiablePresentation: { type: ['VerifiablePresentation'], verifiableCredential: [vc] } })],
  ])('holds %s to the same limit, which canonicalises as verifying does', async (route, body) => {
    const vc = { '@context': ['https://www.w3.org/ns/credentials/v2'], credentialSubject: { items: Array.from({ length: 2_000 }, (_, i) => i) } };
    const res = await t.http.post(route).send(body(vc)).expect(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'body', message: expect.stringContaining('2000') })]);
  });

  it('counts a 1 MB body of one flat array (400,000 values) as too many, not as a 500', async () => {
    const res = await t.http.post('/credentials/verify').set('Content-Type', 'application/json').send(`{"verifiableCredential":[${'0,'.repeat(399_999)}0]}`).expect(400);
    expect(res.body.code).toBe('BODY_TOO_LARGE');
  });

  it('refuses names with bidirectional overrides or zero-width characters, which would then be signed', async () => {
    for (const name of ['李\u202E华', '李\u200B华']) {
      const res = await t.http
        .post('/students')
        .set('Authorization', registrar)
        .send({ idNumber: residentId('330106', '2015-03-15', '123'), name, enrolmentDate: '2021-09-01', educationStage: 'primary', grade: 1 })
        .expect(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['name']);
    }
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM students`);
    expect(n).toBe(0);
  });

  it('refuses a school whose code names another province than its county, naming the code', async () => {
    const res = await t.http.post('/organisations').set('Authorization', county).send({ parentCode: '330106', code: '3440106009', name: '外省代码学校' }).expect(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['code']);
    await t.http.post('/organisations').set('Authorization', county).send({ parentCode: '330106', code: '3330106009', name: '本省代码学校' }).expect(201);
  });

  it('purges stored idempotent answers after 24 hours, whoever uses a key next', async () => {
    const [account] = await t.dataSource.query(`SELECT id FROM accounts LIMIT 1`);
    await t.dataSource.query(
      `INSERT INTO idempotency_keys (account_id, key, request_hash, state, response_status, response_body, created_at)
       VALUES ($1, 'stale', $2, 'done', 201, '{}'::jsonb, now() - interval '25 hours')`,
      [account.id, 'a'.repeat(64)],
    );
    await t.http
      .post('/students')
      .set('Authorization', registrar)
      .set('Idempotency-Key', 'fresh-1')
      .send({ idNumber: residentId('330106', '2015-03-15', '123'), name: '李华', enrolmentDate: '2021-09-01', educationStage: 'primary', grade: 1 })
      .expect(201);
    const stale = await t.dataSource.query(`SELECT 1 FROM idempotency_keys WHERE key = 'stale'`);
    expect(stale).toHaveLength(0);
  });
});
