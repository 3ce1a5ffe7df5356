import { SignJWT } from 'jose';
import { deriveSubkey } from '../../src/identity/domain/secret-box.js';
import { login, PASSWORD, residentId, seedTree, startTestApp, type TestApp } from '../support/test-app.js';

interface BrowserSession {
  cookie: string;
  csrf: string;
  setCookies: string[];
}

/** The web console's browser sessions (docs/console.md): the token in an HttpOnly cookie, CSRF by double submit. */
describe('console sessions', () => {
  let t: TestApp;
  let users: Record<'province' | 'city' | 'county' | 'school', string>;

  beforeAll(async () => {
    t = await startTestApp();
    users = await seedTree(t, { province: '330000', city: '330100', county: '330106', school: '3330106001' }, 'cs');
  });
  afterAll(() => t.close());

  async function open(username: string): Promise<BrowserSession> {
    const res = await t.http.post('/auth/console-session').send({ username, password: PASSWORD }).expect(200);
    const setCookies = res.headers['set-cookie'] as unknown as string[];
    const cookie = setCookies.map((c) => c.split(';')[0]).join('; ');
    expect(Object.keys(res.body).sort()).toEqual(['csrfToken', 'expiresIn']);
    return { cookie, csrf: res.body.csrfToken, setCookies };
  }

  const enrolment = (seq: string) => ({ idNumber: residentId('330106', '2019-03-01', seq), name: '测试学生', enrolmentDate: '2025-09-01', educationStage: 'primary', grade: 2 });

  it('sets the token in an HttpOnly SameSite=Strict cookie on / for its lifetime, and a readable CSRF cookie; no token in the body', async () => {
    const { setCookies, csrf } = await open(users.school);
    const [session, csrfCookie] = setCookies;
    expect(session).toMatch(/^xueji_session=[\w-]+\.[\w-]+\.[\w-]+; Path=\/; Max-Age=900; SameSite=Strict; HttpOnly$/);
    expect(csrfCookie).toBe(`xueji_csrf=${csrf}; Path=/; Max-Age=900; SameSite=Strict`);
    expect(setCookies.join()).not.toContain('Secure');
  });

  it('authenticates GET requests by the cookie alone, as after a reload', async () => {
    const { cookie } = await open(users.school);
    const me = await t.http.get('/auth/me').set('Cookie', cookie).expect(200);
    expect(me.body.username).toBe(users.school);
  });

  it('refuses a state change by cookie without the CSRF header, or with a wrong one, with 403 and changes nothing', async () => {
    const { cookie, csrf } = await open(users.school);
    const missing = await t.http.post('/students').set('Cookie', cookie).send(enrolment('101')).expect(403);
    expect(missing.body.code).toBe('CSRF_TOKEN_INVALID');
    const wrong = await t.http.post('/students').set('Cookie', cookie).set('X-CSRF-Token', `${csrf.slice(0, -2)}AA`).send(enrolment('101')).expect(403);
    expect(wrong.body.code).toBe('CSRF_TOKEN_INVALID');
    // A CSRF cookie planted beside the session and echoed in the header does not match it either.
    await t.http.post('/students').set('Cookie', `${cookie.replace(/xueji_csrf=[^;]+/, 'xueji_csrf=planted')}`).set('X-CSRF-Token', 'planted').send(enrolment('101')).expect(403);
    const [{ count }] = await t.dataSource.query(`SELECT count(*)::int AS count FROM students`);
    expect(count).toBe(0);
    await t.http.post('/students').set('Cookie', cookie).set('X-CSRF-Token', csrf).send(enrolment('101')).expect(201);
  });

  it('answers 401 to an expired session cookie', async () => {
    const [account] = await t.dataSource.query(`SELECT id, token_version FROM accounts WHERE username = $1`, [users.school]);
    const key = deriveSubkey(t.config.masterKey, 'xueji/access-token/v1');
    const past = Math.floor(Date.now() / 1000) - 3600;
    const expired = await new SignJWT({ tv: account.token_version })
      .setProtectedHeader({ alg: 'HS256', typ: 'at+jwt' })
      .setSubject(account.id)
      .setIssuer('xueji')
      .setAudience('xueji-api')
      .setIssuedAt(past - 900)
      .setExpirationTime(past)
      .sign(key);
    await t.http.get('/auth/me').set('Cookie', `xueji_session=${expired}`).expect(401);
  });

  it('clears the cookies at logout and revokes the session (and the account\'s bearer tokens)', async () => {
    const { cookie, csrf } = await open(users.county);
    const bearer = await login(t, users.county);
    const res = await t.http.post('/auth/logout').set('Cookie', cookie).set('X-CSRF-Token', csrf).expect(204);
    expect(res.headers['set-cookie']).toEqual(['xueji_session=; Path=/; Max-Age=0; SameSite=Strict; HttpOnly', 'xueji_csrf=; Path=/; Max-Age=0; SameSite=Strict']);
    await t.http.get('/auth/me').set('Cookie', cookie).expect(401);
    await t.http.get('/auth/me').set('Authorization', bearer).expect(401);
  });

  it('ends a console session when the account changes its password elsewhere (the revocation every token version bump makes)', async () => {
    const { cookie } = await open(users.province);
    await t.http.get('/auth/me').set('Cookie', cookie).expect(200);
    const bearer = await login(t, users.province);
    await t.http.post('/auth/password').set('Authorization', bearer).send({ currentPassword: PASSWORD, newPassword: 'Another-Pass-2026!' }).expect((res) => expect(res.status).toBeLessThan(300));
    await t.http.get('/auth/me').set('Cookie', cookie).expect(401);
  });

  it('keeps the Authorization header path as it was: it wins over a cookie and needs no CSRF token', async () => {
    const bearer = await login(t, users.school);
    const { cookie } = await open(users.city);
    const me = await t.http.get('/auth/me').set('Authorization', bearer).set('Cookie', cookie).expect(200);
    expect(me.body.username).toBe(users.school);
    await t.http.post('/students').set('Authorization', bearer).set('Cookie', cookie).send(enrolment('103')).expect(201);
    await t.http.get('/auth/me').set('Authorization', 'Bearer nonsense').set('Cookie', cookie).expect(401);
  });

  it("gives a guardian a session in their own cookies: guardian routes only, CSRF on a state change, logout clears and revokes", async () => {
    const registrar = await login(t, users.school);
    const student = (await t.http.post('/students').set('Authorization', registrar).send(enrolment('104')).expect(201)).body.id;
    const code = (await t.http.post(`/students/${student}/guardian-codes`).set('Authorization', registrar).send({ relation: 'mother' }).expect(201)).body.code;
    await t.http.post('/guardian/accounts').send({ code, phone: '13800138000', password: 'Guardian-Pass-2026' }).expect(201);

    const res = await t.http.post('/guardian/console-session').send({ phone: '13800138000', password: 'Guardian-Pass-2026' }).expect(200);
    const setCookies = res.headers['set-cookie'] as unknown as string[];
    expect(setCookies[0]).toMatch(/^xueji_guardian_session=[\w.-]+; Path=\/; Max-Age=900; SameSite=Strict; HttpOnly$/);
    expect(setCookies[1]).toBe(`xueji_guardian_csrf=${res.body.csrfToken}; Path=/; Max-Age=900; SameSite=Strict`);
    const cookie = setCookies.map((c) => c.split(';')[0]).join('; ');

    const children = await t.http.get('/guardian/children').set('Cookie', cookie).expect(200);
    expect(children.body.items.map((c: { id: string }) => c.id)).toEqual([student]);
    // Staff routes do not read a guardian's cookie; a staff cookie does not open guardian routes.
    await t.http.get('/auth/me').set('Cookie', cookie).expect(401);
    await t.http.get('/guardian/children').set('Cookie', (await open(users.school)).cookie).expect(401);

    expect((await t.http.post('/guardian/logout').set('Cookie', cookie).expect(403)).body.code).toBe('CSRF_TOKEN_INVALID');
    const out = await t.http.post('/guardian/logout').set('Cookie', cookie).set('X-CSRF-Token', res.body.csrfToken).expect(204);
    expect(out.headers['set-cookie']).toEqual(['xueji_guardian_session=; Path=/; Max-Age=0; SameSite=Strict; HttpOnly', 'xueji_guardian_csrf=; Path=/; Max-Age=0; SameSite=Strict']);
    await t.http.get('/guardian/children').set('Cookie', cookie).expect(401);
  });

  it('refuses a wrong password with the same 401 as /auth/login and sets no cookie', async () => {
    const res = await t.http.post('/auth/console-session').send({ username: users.school, password: 'Wrong-Password-1' }).expect(401);
    expect(res.headers['set-cookie']).toBeUndefined();
    const login = await t.http.post('/auth/login').send({ username: users.school, password: 'Wrong-Password-1' }).expect(401);
    const { correlationId: _a, ...asConsole } = res.body;
    const { correlationId: _b, ...asLogin } = login.body;
    expect(asConsole).toEqual(asLogin);
  });
});
