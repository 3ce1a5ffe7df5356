import { randomUUID } from 'node:crypto';
import { ALL_ROLES } from '../../src/platform/auth/access.decorator.js';
import type { Role } from '../../src/platform/organisations/domain/org-level.js';
import { graduate, issueCertificate } from '../support/flows.js';
import { collectRoutes, SAMPLE_BODIES, type Route } from '../support/routes.js';
import { login, residentId, seedTree, startTestApp, type TestApp } from '../support/test-app.js';

/**
 * Every route, taken from the router (a new route cannot escape this test): an anonymous caller
 * and a caller of the wrong role are refused, and a caller of a sibling organisation learns
 * nothing — a record of another subtree answers exactly as a record that does not exist.
 */
describe('every route refuses whom it must (route walk)', () => {
  let t: TestApp;
  let routes: Route[];
  /** Tokens of tree B, by role: the siblings of tree A at each level. */
  const sibling = {} as Record<Role, string>;
  const own = {} as Record<Role, string>;
  /** Real records of tree A, by path parameter. */
  let real: Record<string, string>;

  beforeAll(async () => {
    t = await startTestApp();
    routes = collectRoutes(t).filter((r) => !r.access?.public);
    const a = await seedTree(t, { province: '330000', city: '330100', county: '330106', school: '3330106001' }, 'wa');
    const b = await seedTree(t, { province: '320000', city: '320100', county: '320102', school: '3320102001' }, 'wb');
    for (const [role, level] of [['province_admin', 'province'], ['city_admin', 'city'], ['county_admin', 'county'], ['school_registrar', 'school']] as const) {
      own[role] = await login(t, a[level]);
      sibling[role] = await login(t, b[level]);
    }
    const student = await graduate(t, own.school_registrar, own.county_admin, residentId('330106', '2012-03-15', '031'), '甲学生');
    const certificate = await issueCertificate(t, own.county_admin, student);
    const [key] = await t.dataSource.query(`SELECT k.id FROM issuer_keys k JOIN organisations o ON o.id = k.organisation_id WHERE o.code = '330106' LIMIT 1`);
    // A leaver list with a row held for the second approval (its record was made today).
    const young = await t.http
      .post('/students')
      .set('Authorization', own.school_registrar)
      .send({ idNumber: residentId('330106', '2012-03-16', '032'), name: '乙学生', enrolmentDate: '2018-09-01', educationStage: 'primary', grade: 1 })
      .expect(201);
    const list = await t.http.post('/leaver-lists').set('Authorization', own.school_registrar).send({ leavingDate: '2024-07-01', items: [{ studentId: young.body.id }] }).expect(201);
    const approved = await t.http.post(`/leaver-lists/${list.body.id}/approval`).set('Authorization', own.county_admin).expect(200);
    expect(approved.body.held).toBe(1);
    const [registrar] = await t.dataSource.query(`SELECT id FROM accounts WHERE username = $1`, [a.school]);
    real = { id: student, studentId: student, certificateId: certificate.id, keyId: key.id, code: '330106', accountId: registrar.id, listId: list.body.id };
  });
  afterAll(() => t.close());

  /** The path with tree A's records, or with records that do not exist. */
  function fill(route: Route, records: 'real' | 'absent'): string {
    return route.path.replace(/\{(\w+)\}/g, (_m, name: string) => {
      if (name === 'position') return '0';
      const id =
        route.path.startsWith('/certificates/') && name === 'id'
          ? real.certificateId
          : route.path.startsWith('/accounts/') && name === 'id'
            ? real.accountId
            : route.path.startsWith('/leaver-lists/') && name === 'id'
              ? real.listId
              : real[name];
      if (records === 'real') return id ?? randomUUID();
      return name === 'code' ? '330199' : randomUUID();
    });
  }

  const call = (route: Route, path: string, token?: string) => {
    const req = (t.http as unknown as Record<string, (p: string) => import('supertest').Test>)[route.method](path);
    if (token) req.set('Authorization', token);
    return route.method === 'get' || route.method === 'delete' ? req : req.send(SAMPLE_BODIES[`${route.method} ${route.path}`] ?? {});
  };

  it('walks a real number of routes', () => {
    expect(routes.length).toBeGreaterThan(25);
  });

  it('refuses an anonymous caller on every non-public route with 401 (or, where the handler decides, never with success)', async () => {
    const answers = [];
    for (const route of routes) {
      const status = (await call(route, fill(route, 'real'))).status;
      // RolesOrAnonymous (the VC API issuer): the handler sees anonymous callers, answers malformed
      // input 400 as the W3C suites require, and 401 otherwise while conformance mode is off.
      const refused = route.access!.public === false && route.access!.anonymous ? status === 400 || status === 401 : status === 401;
      if (!refused) answers.push(`${route.method} ${route.path} ${status}`);
    }
    expect(answers).toEqual([]);
  });

  it('refuses a caller of a role the route does not allow with 403, before touching any record', async () => {
    const answers = [];
    for (const route of routes) {
      const allowed = new Set(route.access!.public ? ALL_ROLES : route.access!.roles);
      const wrong = ALL_ROLES.find((role) => !allowed.has(role) && role !== 'national_admin');
      if (!wrong) continue;
      answers.push(`${route.method} ${route.path} ${(await call(route, fill(route, 'real'), own[wrong])).status}`);
    }
    expect(answers.length).toBeGreaterThan(5);
    expect(answers.filter((a) => !a.endsWith(' 403'))).toEqual([]);
  });

  it('answers a sibling organisation about our records exactly as about records that do not exist, and lets it change nothing', async () => {
    // (A read of another subtree may answer 200 with nothing in it — the same as for a record that does not exist.)
    const leaks = [];
    const writes = [];
    for (const route of routes.filter((r) => r.path.includes('{'))) {
      const role = (route.access!.public ? [] : route.access!.roles).find((r) => r !== 'national_admin');
      if (!role) continue;
      const about = await call(route, fill(route, 'real'), sibling[role]);
      const absent = await call(route, fill(route, 'absent'), sibling[role]);
      if (about.status !== absent.status || about.body?.code !== absent.body?.code) {
        leaks.push(`${route.method} ${route.path} as ${role}: ${about.status} ${about.body?.code} vs ${absent.status} ${absent.body?.code}`);
      }
      if (route.method !== 'get' && about.status < 400) writes.push(`${route.method} ${route.path} as ${role}: ${about.status}`);
    }
    expect(leaks).toEqual([]);
    expect(writes).toEqual([]);
  });
});
