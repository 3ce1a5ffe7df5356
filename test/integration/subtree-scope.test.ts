import { randomUUID } from 'node:crypto';
import type { Response } from 'supertest';
import { login, residentId, seedTree, startTestApp, type TestApp } from '../support/test-app.js';

/**
 * Every account acts inside its organisation's subtree. For a student of county A (330106):
 * the neighbouring county B (330108) under the same city, B's school and another province see
 * nothing and can touch nothing — the answers are exactly those for a record that does not
 * exist — while the city and province above A read it. Only A's county confirms and certifies.
 */
describe('subtree scope', () => {
  let t: TestApp;
  const tokens = {} as Record<
    'schoolA' | 'countyA' | 'cityAB' | 'provinceAB' | 'countyB' | 'schoolB' | 'provinceC' | 'schoolC',
    string
  >;
  const SCHOOL_A = '3330106001';
  const SCHOOL_B = '3330108001';
  let studentId: string;
  let studentNumber: string;
  let certificateId: string;

  beforeAll(async () => {
    t = await startTestApp();
    const a = await seedTree(t, { province: '330000', city: '330100', county: '330106', school: SCHOOL_A }, 'xihu');
    // The province and city exist already: seedTree reuses them and adds accounts of its own.
    const b = await seedTree(t, { province: '330000', city: '330100', county: '330108', school: SCHOOL_B }, 'binjiang');
    const c = await seedTree(t, { province: '320000', city: '320100', county: '320102', school: '3320102001' }, 'nanjing');
    Object.assign(tokens, {
      schoolA: await login(t, a.school),
      countyA: await login(t, a.county),
      cityAB: await login(t, a.city),
      provinceAB: await login(t, a.province),
      countyB: await login(t, b.county),
      schoolB: await login(t, b.school),
      provinceC: await login(t, c.province),
      schoolC: await login(t, c.school),
    });

    const enrolled = await t.http
      .post('/students')
      .set('Authorization', tokens.schoolA)
      .send({ idNumber: residentId('330106', '2011-04-20', '246'), name: '陈静', enrolmentDate: '2017-09-01', educationStage: 'primary', grade: 1 })
      .expect(201);
    studentId = enrolled.body.id;
    studentNumber = enrolled.body.studentNumber;
    // B's school has a student of its own, so "B sees nothing of A" is not "B sees nothing at all".
    await t.http
      .post('/students')
      .set('Authorization', tokens.schoolB)
      .send({ idNumber: residentId('330108', '2011-05-21', '135'), name: '赵强', enrolmentDate: '2017-09-01', educationStage: 'primary', grade: 1 })
      .expect(201);
  });

  afterAll(() => t.close());

  function as(token: string) {
    return {
      get: (path: string) => t.http.get(path).set('Authorization', token),
      post: (path: string, body: object = {}) => t.http.post(path).set('Authorization', token).send(body),
    };
  }

  function expectProblem(res: Response, status: number, code: string) {
    expect({ status: res.status, code: res.body.code }).toEqual({ status, code });
    expect(res.headers['content-type']).toContain('application/problem+json');
  }

  /** The answer for a record nobody has: what an outsider must get for a record they may not see. */
  function withoutCorrelation(res: Response) {
    const { correlationId: _ignored, ...rest } = res.body;
    return { status: res.status, body: rest };
  }

  describe('A\'s graduation, confirmation and certificate, done by the accounts entitled to them', () => {
    it('the city above A cannot confirm the graduation; only A\'s county can', async () => {
      await as(tokens.schoolA).post(`/students/${studentId}/graduation`, { graduationDate: '2023-07-01', expectedVersion: 1 }).expect(200);

      // The guard answers before the record is looked up: confirmation is a county_admin action.
      const city = await as(tokens.cityAB).post(`/students/${studentId}/graduation/confirmation`, { expectedVersion: 2 });
      expectProblem(city, 403, 'ROLE_NOT_ALLOWED');
      const province = await as(tokens.provinceAB).post(`/students/${studentId}/graduation/confirmation`, { expectedVersion: 2 });
      expectProblem(province, 403, 'ROLE_NOT_ALLOWED');
      const countyB = await as(tokens.countyB).post(`/students/${studentId}/graduation/confirmation`, { expectedVersion: 2 });
      expectProblem(countyB, 404, 'NOT_FOUND');

      const confirmed = await as(tokens.countyA).post(`/students/${studentId}/graduation/confirmation`, { expectedVersion: 2 }).expect(200);
      expect(confirmed.body).toMatchObject({ status: 'graduated', version: 3 });
    });

    it('the city above A cannot issue the certificate; A\'s county can', async () => {
      const city = await as(tokens.cityAB).post(`/students/${studentId}/certificates`, { kind: 'graduation' });
      expectProblem(city, 403, 'ROLE_NOT_ALLOWED');
      const issued = await as(tokens.countyA).post(`/students/${studentId}/certificates`, { kind: 'graduation' }).expect(201);
      certificateId = issued.body.id;
    });
  });

  describe.each([
    ['county B (neighbour under the same city)', 'countyB'],
    ['county B\'s school', 'schoolB'],
    ['another province', 'provinceC'],
    ['a school in another province', 'schoolC'],
  ] as const)('%s cannot see or touch A\'s student', (_who, key) => {
    const me = () => as(tokens[key]);

    it('GET /students/:id is 404, the same answer as for a UUID that names nothing', async () => {
      const hidden = await me().get(`/students/${studentId}`);
      const absent = await me().get(`/students/${randomUUID()}`);
      expectProblem(hidden, 404, 'NOT_FOUND');
      expect(withoutCorrelation(hidden)).toEqual(withoutCorrelation(absent));
      expect(hidden.text).not.toContain(studentNumber);
    });

    it('GET /students does not list it, nor with A\'s schoolCode or a status filter', async () => {
      const all = await me().get('/students').expect(200);
      expect(all.body.items.map((s: { id: string }) => s.id)).not.toContain(studentId);
      const bySchool = await me().get(`/students?schoolCode=${SCHOOL_A}`).expect(200);
      expect(bySchool.body).toEqual({ items: [], next: null });
      const graduated = await me().get('/students?status=graduated').expect(200);
      expect(graduated.body.items).toEqual([]);
    });

    it('reading its certificates, the certificate and its QR codes is 404', async () => {
      for (const path of [
        `/students/${studentId}/certificates`,
        `/certificates/${certificateId}`,
        `/certificates/${certificateId}/qr.svg`,
        `/certificates/${certificateId}/qr.png`,
      ]) {
        const res = await me().get(path);
        expectProblem(res, 404, 'NOT_FOUND');
        expect(res.text).not.toContain(studentNumber);
      }
    });

    it('its audit trail reads as an empty list', async () => {
      const res = await me().get(`/audit/student/${studentId}`).expect(200);
      expect(res.body).toEqual([]);
      const cert = await me().get(`/audit/certificate/${certificateId}`).expect(200);
      expect(cert.body).toEqual([]);
    });

    it('acting on it answers as if it did not exist: 404 when the role may act, 403 when it may not', async () => {
      const actions: Array<[string, object]> = [
        [`/students/${studentId}/graduation`, { graduationDate: '2023-07-01' }],
        [`/students/${studentId}/graduation/confirmation`, {}],
        [`/students/${studentId}/certificates`, { kind: 'graduation' }],
      ];
      for (const [path, body] of actions) {
        const hidden = await me().post(path, body);
        const absent = await me().post(path.replace(studentId, randomUUID()), body);
        expect([403, 404]).toContain(hidden.status);
        expect(withoutCorrelation(hidden)).toEqual(withoutCorrelation(absent));
      }
      const { body } = await as(tokens.countyA).get(`/students/${studentId}`).expect(200);
      expect(body).toMatchObject({ status: 'graduated', version: 3 });
    });
  });

  it('county B gets 404 — not 403 — on the actions its role allows', async () => {
    const outsider = as(tokens.countyB);
    expectProblem(await outsider.post(`/students/${studentId}/graduation/confirmation`, {}), 404, 'NOT_FOUND');
    expectProblem(await outsider.post(`/students/${studentId}/certificates`, { kind: 'graduation' }), 404, 'NOT_FOUND');
    const school = as(tokens.schoolB);
    expectProblem(await school.post(`/students/${studentId}/graduation`, { graduationDate: '2023-07-01' }), 404, 'NOT_FOUND');
  });

  describe.each([
    ['the city above A', 'cityAB'],
    ['the province above A', 'provinceAB'],
  ] as const)('%s sees A\'s student', (_who, key) => {
    it('reads it and its certificate', async () => {
      const res = await as(tokens[key]).get(`/students/${studentId}`).expect(200);
      expect(res.body).toMatchObject({ id: studentId, schoolCode: SCHOOL_A, status: 'graduated' });
      const certs = await as(tokens[key]).get(`/students/${studentId}/certificates`).expect(200);
      expect(certs.body.map((c: { id: string }) => c.id)).toEqual([certificateId]);
      await as(tokens[key]).get(`/certificates/${certificateId}`).expect(200);
    });

    it('lists it, also filtered by A\'s school', async () => {
      const all = await as(tokens[key]).get('/students').expect(200);
      expect(all.body.items.map((s: { schoolCode: string }) => s.schoolCode).sort()).toEqual([SCHOOL_A, SCHOOL_B]);
      const bySchool = await as(tokens[key]).get(`/students?schoolCode=${SCHOOL_A}`).expect(200);
      expect(bySchool.body.items.map((s: { id: string }) => s.id)).toEqual([studentId]);
    });

    it('reads its audit trail', async () => {
      const res = await as(tokens[key]).get(`/audit/student/${studentId}`).expect(200);
      expect(res.body.map((e: { action: string }) => e.action)).toEqual([
        'student.enrolled',
        'student.graduation_proposed',
        'student.graduated',
      ]);
    });
  });

  it('county A lists only its own school\'s students', async () => {
    const res = await as(tokens.countyA).get('/students').expect(200);
    expect(res.body.items.map((s: { id: string }) => s.id)).toEqual([studentId]);
    const other = await as(tokens.countyA).get(`/students?schoolCode=${SCHOOL_B}`).expect(200);
    expect(other.body).toEqual({ items: [], next: null });
  });

  it('a guessed UUID is 404 and a malformed id is 400 naming id, for every student route', async () => {
    const token = tokens.countyA;
    expectProblem(await as(token).get(`/students/${randomUUID()}`), 404, 'NOT_FOUND');
    expectProblem(await as(token).get(`/certificates/${randomUUID()}`), 404, 'NOT_FOUND');
    for (const path of [
      '/students/not-a-uuid',
      `/students/${studentId}x`,
      '/students/not-a-uuid/certificates',
      '/certificates/12345',
      '/certificates/12345/qr.svg',
      '/certificates/12345/qr.png',
    ]) {
      const res = await as(token).get(path);
      expectProblem(res, 400, 'VALIDATION_FAILED');
      expect(res.body.errors).toEqual([{ field: 'id', message: expect.any(String) }]);
    }
    for (const path of ['/students/1/graduation/confirmation', '/students/1/certificates']) {
      const res = await as(token).post(path, { kind: 'graduation' });
      expectProblem(res, 400, 'VALIDATION_FAILED');
      expect(res.body.errors[0].field).toBe('id');
    }
    const registrar = await as(tokens.schoolA).post('/students/1/graduation', { graduationDate: '2023-07-01' });
    expect(registrar.body.errors[0].field).toBe('id');
  });

  describe('organisations outside the subtree', () => {
    it('county B cannot read A\'s county, its children or A\'s school (404); the city can', async () => {
      for (const code of ['330106', SCHOOL_A]) {
        expectProblem(await as(tokens.countyB).get(`/organisations/${code}`), 404, 'NOT_FOUND');
      }
      expectProblem(await as(tokens.countyB).get('/organisations/330106/children'), 404, 'NOT_FOUND');
      expectProblem(await as(tokens.countyB).get('/organisations/330100'), 404, 'NOT_FOUND');
      const seen = await as(tokens.cityAB).get('/organisations/330106').expect(200);
      expect(seen.body).toMatchObject({ code: '330106', level: 'county', parentCode: '330100' });
      const children = await as(tokens.cityAB).get('/organisations/330100/children').expect(200);
      expect(children.body.map((o: { code: string }) => o.code)).toEqual(['330106', '330108']);
    });

    it('county B cannot create a school under A (404) and nothing is created', async () => {
      const res = await as(tokens.countyB).post('/organisations', { parentCode: '330106', code: '3330106002', name: '西湖第二小学' });
      expectProblem(res, 404, 'NOT_FOUND');
      const rows = await t.dataSource.query(`SELECT 1 FROM organisations WHERE code = '3330106002'`);
      expect(rows).toHaveLength(0);
      // It can create one under itself, which proves the 404 is about scope, not the request.
      await as(tokens.countyB).post('/organisations', { parentCode: '330108', code: '3330108002', name: '滨江第二小学' }).expect(201);
    });

    it('county B cannot create an account in A\'s school (404) and nothing is created', async () => {
      const res = await as(tokens.countyB).post('/accounts', { username: 'intruder.a', organisationCode: SCHOOL_A });
      expectProblem(res, 404, 'NOT_FOUND');
      const rows = await t.dataSource.query(`SELECT 1 FROM accounts WHERE username = 'intruder.a'`);
      expect(rows).toHaveLength(0);
      await as(tokens.countyB).post('/accounts', { username: 'binjiang.second', organisationCode: SCHOOL_B }).expect(201);
    });

    it('a school registrar cannot create organisations or accounts at all (403)', async () => {
      expectProblem(
        await as(tokens.schoolB).post('/organisations', { parentCode: '330108', code: '3330108003', name: '滨江第三小学' }),
        403,
        'ROLE_NOT_ALLOWED',
      );
      expectProblem(
        await as(tokens.schoolB).post('/accounts', { username: 'self.made', organisationCode: SCHOOL_B }),
        403,
        'ROLE_NOT_ALLOWED',
      );
    });
  });
});
