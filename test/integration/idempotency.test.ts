import { login, residentId, seedTree, startTestApp, type TestApp } from '../support/test-app.js';

/**
 * A client that retries a write after losing the answer sends the same Idempotency-Key and
 * gets the first answer back, instead of a 409 that hides the record it created.
 */
describe('Idempotency-Key on writes', () => {
  let t: TestApp;
  let registrar: string;
  let otherRegistrar: string;
  const body = (seq: string) => ({
    idNumber: residentId('330106', '2012-03-15', seq),
    name: '重试',
    enrolmentDate: '2018-09-01',
    educationStage: 'primary',
    grade: 1,
  });
  const count = async () => Number((await t.dataSource.query('SELECT count(*) AS n FROM students'))[0].n);

  beforeAll(async () => {
    t = await startTestApp();
    registrar = await login(t, (await seedTree(t, { province: '330000', city: '330100', county: '330106', school: '3330106001' }, 'ik')).school);
    otherRegistrar = await login(t, (await seedTree(t, { province: '330000', city: '330100', county: '330108', school: '3330108001' }, 'ik2')).school);
  });
  afterAll(() => t.close());

  it('replays the first answer to a retry, and writes once', async () => {
    const before = await count();
    const first = await t.http.post('/students').set('Authorization', registrar).set('Idempotency-Key', 'enrol-001').send(body('201')).expect(201);
    const retry = await t.http.post('/students').set('Authorization', registrar).set('Idempotency-Key', 'enrol-001').send(body('201')).expect(201);
    expect(retry.body).toEqual(first.body);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    expect(await count()).toBe(before + 1);
  });

  it('refuses the same key for a different request with 422, writing nothing', async () => {
    await t.http.post('/students').set('Authorization', registrar).set('Idempotency-Key', 'enrol-002').send(body('202')).expect(201);
    const before = await count();
    const res = await t.http.post('/students').set('Authorization', registrar).set('Idempotency-Key', 'enrol-002').send(body('203')).expect(422);
    expect(res.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await count()).toBe(before);
  });

  it('keeps keys per account: another account may use the same key for its own request', async () => {
    await t.http.post('/students').set('Authorization', registrar).set('Idempotency-Key', 'shared-key').send(body('204')).expect(201);
    const other = await t.http
      .post('/students')
      .set('Authorization', otherRegistrar)
      .set('Idempotency-Key', 'shared-key')
      .send({ ...body('205'), idNumber: residentId('330108', '2012-03-15', '205') })
      .expect(201);
    expect(other.headers['idempotent-replayed']).toBeUndefined();
  });

  it('keeps nothing for a refused request: the key can be retried, and reused for the corrected request', async () => {
    const bad = { ...body('206'), grade: 9 };
    await t.http.post('/students').set('Authorization', registrar).set('Idempotency-Key', 'enrol-006').send(bad).expect(400);
    // The failure left nothing stored: the same key and body run again (and fail again).
    await t.http.post('/students').set('Authorization', registrar).set('Idempotency-Key', 'enrol-006').send(bad).expect(400);
    await t.http.post('/students').set('Authorization', registrar).set('Idempotency-Key', 'enrol-006').send(body('206')).expect(201);
  });

  it('runs simultaneous retries once: one creates, the others replay it or are told to retry', async () => {
    const before = await count();
    const responses = await Promise.all(
      [1, 2, 3].map(() => t.http.post('/students').set('Authorization', registrar).set('Idempotency-Key', 'enrol-007').send(body('207'))),
    );
    expect(responses.filter((r) => r.status === 201).length).toBeGreaterThanOrEqual(1);
    for (const r of responses) {
      expect([201, 409]).toContain(r.status);
      if (r.status === 409) expect(r.body.code).toBe('IDEMPOTENCY_KEY_IN_PROGRESS');
    }
    expect(new Set(responses.filter((r) => r.status === 201).map((r) => r.body.id)).size).toBe(1);
    expect(await count()).toBe(before + 1);
  });

  it('refuses a malformed key with 400 naming the header', async () => {
    const res = await t.http.post('/students').set('Authorization', registrar).set('Idempotency-Key', 'has space').send(body('208')).expect(400);
    expect(res.body.errors[0].field).toBe('Idempotency-Key');
  });

  it('replays state-changing actions too: a retried confirmation does not fail as a repeat', async () => {
    const created = await t.http.post('/students').set('Authorization', registrar).send(body('209')).expect(201);
    const path = `/students/${created.body.id}/graduation`;
    const first = await t.http.post(path).set('Authorization', registrar).set('Idempotency-Key', 'grad-209').send({ graduationDate: '2024-07-01' }).expect(200);
    const retry = await t.http.post(path).set('Authorization', registrar).set('Idempotency-Key', 'grad-209').send({ graduationDate: '2024-07-01' }).expect(200);
    expect(retry.body).toEqual(first.body);
    // Without a key, a repeat is refused as what it is.
    await t.http.post(path).set('Authorization', registrar).send({ graduationDate: '2024-07-01' }).expect(409);
  });
});

describe('Idempotency-Key left behind by a request that died', () => {
  let t: TestApp;
  let registrar: string;

  beforeAll(async () => {
    t = await startTestApp();
    registrar = await login(t, (await seedTree(t, { province: '330000', city: '330100', county: '330106', school: '3330106001' }, 'ik3')).school);
  });
  afterAll(() => t.close());

  it('is taken over by a retry once it is a minute old', async () => {
    const send = { idNumber: residentId('330106', '2012-03-15', '301'), name: '重试', enrolmentDate: '2018-09-01', educationStage: 'primary', grade: 1 };
    const [{ id: accountId }] = await t.dataSource.query(`SELECT id FROM accounts WHERE username = 'ik3.school'`);
    const { IdempotencyService } = await import('../../src/common/idempotency/idempotency.service.js');
    const hash = IdempotencyService.requestHash('POST', '/students {}', send);
    await t.dataSource.query(
      `INSERT INTO idempotency_keys (account_id, key, request_hash, state, created_at) VALUES ($1, 'died-1', $2, 'pending', now())`,
      [accountId, hash],
    );
    await t.http.post('/students').set('Authorization', registrar).set('Idempotency-Key', 'died-1').send(send).expect(409);
    await t.dataSource.query(`UPDATE idempotency_keys SET created_at = now() - interval '2 minutes' WHERE key = 'died-1'`);
    await t.http.post('/students').set('Authorization', registrar).set('Idempotency-Key', 'died-1').send(send).expect(201);
  });
});

describe('Idempotency-Key answers expire', () => {
  let t: TestApp;
  let registrar: string;

  beforeAll(async () => {
    t = await startTestApp();
    registrar = await login(t, (await seedTree(t, { province: '330000', city: '330100', county: '330106', school: '3330106001' }, 'ik4')).school);
  });
  afterAll(() => t.close());

  it('forgets a stored answer after a day, so its personal data is not kept', async () => {
    const send = { idNumber: residentId('330106', '2012-03-15', '401'), name: '过期', enrolmentDate: '2018-09-01', educationStage: 'primary', grade: 1 };
    await t.http.post('/students').set('Authorization', registrar).set('Idempotency-Key', 'old-1').send(send).expect(201);
    await t.dataSource.query(`UPDATE idempotency_keys SET created_at = now() - interval '25 hours' WHERE key = 'old-1'`);
    // The next keyed write of the account clears it; the old key then runs afresh (and meets the duplicate guard).
    await t.http.post('/students').set('Authorization', registrar).set('Idempotency-Key', 'old-1').send(send).expect(409);
    expect(await t.dataSource.query(`SELECT key FROM idempotency_keys WHERE key = 'old-1'`)).toEqual([]);
  });
});
