import { WarningsService } from '../../src/platform/warnings/warnings.service.js';
import { login, seedTree, startTestApp, type TestApp } from '../support/test-app.js';

/** Warnings go to the authority above what they concern, with evidence, and are acknowledged once. */
describe('warnings to the authority above', () => {
  let t: TestApp;
  let users: Record<'province' | 'city' | 'county' | 'school', string>;
  let city: string;
  let county: string;

  beforeAll(async () => {
    t = await startTestApp({ TRUST_PROXY: 'loopback' });
    users = await seedTree(t, { province: '330000', city: '330100', county: '330106', school: '3330106001' }, 'wn');
    city = await login(t, users.city);
    county = await login(t, users.county);
  });
  afterAll(() => t.close());

  const list = (auth: string, query = '') => t.http.get(`/warnings${query}`).set('Authorization', auth);

  it('reports a school created by a county to the city above, not to the county itself', async () => {
    const school = await t.http.post('/organisations').set('Authorization', county).send({ parentCode: '330106', code: '3330106002', name: '西湖区第二小学' }).expect(201);
    const seen = (await list(city, '?kind=organisation.created').expect(200)).body.items;
    const warning = seen.find((w: { subjectId: string }) => w.subjectId === school.body.id);
    expect(warning).toMatchObject({ kind: 'organisation.created', organisationCode: '330106', subjectType: 'organisation', acknowledgedAt: null });
    expect(warning.evidence).toMatchObject({ code: '3330106002', level: 'school' });
    const own = (await list(county, '?kind=organisation.created').expect(200)).body.items;
    expect(own.find((w: { subjectId: string }) => w.subjectId === school.body.id)).toBeUndefined();
  });

  it('reports every lock of a school account to its county, without personal data', async () => {
    for (let i = 0; i < 5; i++) {
      await t.http.post('/auth/login').set('X-Forwarded-For', '203.0.113.7').send({ username: users.school, password: 'Wrong-Password-9' }).expect(401);
    }
    const locks = (await list(county, '?kind=account.locked').expect(200)).body.items;
    expect(locks).toHaveLength(1);
    expect(locks[0]).toMatchObject({ organisationCode: '3330106001', subjectType: 'account', evidence: { failedLogins: 5, role: 'school_registrar', scope: 'one client address' } });
    expect(JSON.stringify(locks[0])).not.toContain(users.school);
    expect(JSON.stringify(locks[0])).not.toContain('203.0.113.7');
  });

  it('is for authorities only: a school registrar is refused', async () => {
    const school = await login(t, users.school);
    await list(school).expect(403);
  }, 30_000);

  it('is acknowledged once, with a note, by an authority it is addressed into; never by the one it concerns', async () => {
    const [warning] = (await list(city, '?kind=organisation.created').expect(200)).body.items;
    await t.http.post(`/warnings/${warning.id}/acknowledgement`).set('Authorization', county).send({ note: '已核实' }).expect(404);
    await t.http.post(`/warnings/${warning.id}/acknowledgement`).set('Authorization', city).send({}).expect(400);
    const done = await t.http.post(`/warnings/${warning.id}/acknowledgement`).set('Authorization', city).send({ note: '已核实，学校为新建校' }).expect(200);
    expect(done.body).toMatchObject({ id: warning.id, note: '已核实，学校为新建校' });
    expect(done.body.acknowledgedAt).toEqual(expect.any(String));
    const again = await t.http.post(`/warnings/${warning.id}/acknowledgement`).set('Authorization', city).send({ note: '再次' }).expect(409);
    expect(again.body.code).toBe('WARNING_ACKNOWLEDGED');
    const open = (await list(city, '?kind=organisation.created').expect(200)).body.items;
    expect(open.find((w: { id: string }) => w.id === warning.id)).toBeUndefined();
    const acknowledged = (await list(city, '?kind=organisation.created&state=acknowledged').expect(200)).body.items;
    expect(acknowledged.map((w: { id: string }) => w.id)).toContain(warning.id);
    const audited = await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_entries WHERE action = 'warning.acknowledged' AND record_id = $1`, [warning.id]);
    expect(audited[0].n).toBe(1);
  });

  it('raises one warning for one observation, however many see it at once', async () => {
    const warnings = t.app.get(WarningsService);
    const raise = () =>
      warnings.raiseNow({ kind: 'records.read_burst', subjectPath: '/000000/330000/330100/330106/3330106001/', subjectType: 'account', subjectId: 'x', evidence: { reads: 900 }, dedupeKey: 'test-burst-1' });
    const results = await Promise.all([raise(), raise(), raise()]);
    expect(results.filter(Boolean)).toHaveLength(1);
    const rows = await t.dataSource.query(`SELECT count(*)::int AS n FROM warnings WHERE dedupe_key = 'test-burst-1'`);
    expect(rows[0].n).toBe(1);
  });

  it('pages newest first and names bad filters', async () => {
    const first = (await list(city, '?state=all&limit=1').expect(200)).body;
    expect(first.items).toHaveLength(1);
    expect(first.next).toBe(first.items[0].id);
    const second = (await list(city, `?state=all&limit=1&after=${first.next}`).expect(200)).body;
    expect(second.items[0].id).not.toBe(first.items[0].id);
    const bad = await list(city, '?kind=nonsense').expect(400);
    expect(bad.body.errors[0].field).toBe('kind');
  });
});
