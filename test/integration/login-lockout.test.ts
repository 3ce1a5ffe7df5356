import { PASSWORD, seedTree, startTestApp, type TestApp } from '../support/test-app.js';

/** Guessing a password is cut short: five failures lock the account for a while, silently. */
describe('login lock-out', () => {
  let t: TestApp;
  let username: string;
  const attempt = (password: string) => t.http.post('/auth/login').send({ username, password });

  beforeAll(async () => {
    t = await startTestApp();
    username = (await seedTree(t, { province: '330000', city: '330100', county: '330106', school: '3330106001' }, 'lk')).school;
  });
  afterAll(() => t.close());

  it('refuses even the right password after five wrong ones, with the same answer as a wrong one', async () => {
    const wrong = await attempt('Wrong-Password-1');
    expect(wrong.status).toBe(401);
    for (let i = 0; i < 4; i++) await attempt('Wrong-Password-1').expect(401);
    const locked = await attempt(PASSWORD).expect(401);
    expect(locked.body.detail).toBe(wrong.body.detail);
    expect(locked.body.code).toBe(wrong.body.code);
    const entries = await t.dataSource.query(`SELECT action FROM audit_entries WHERE action = 'account.locked'`);
    expect(entries).toHaveLength(1);
  });

  it('lets the owner in again once the lock has passed, and starts counting afresh', async () => {
    await t.dataSource.query(`UPDATE accounts SET locked_until = now() - interval '1 second' WHERE username = $1`, [username]);
    await attempt(PASSWORD).expect(200);
    const [row] = await t.dataSource.query(`SELECT failed_logins, locked_until FROM accounts WHERE username = $1`, [username]);
    expect(row).toEqual({ failed_logins: 0, locked_until: null });
  });

  it('counts parallel guesses without losing any', async () => {
    await Promise.all(Array.from({ length: 5 }, () => attempt('Wrong-Password-2')));
    await attempt(PASSWORD).expect(401);
  });

  it('neither counts nor extends while locked, and ends the sessions the account had open', async () => {
    await t.dataSource.query(`UPDATE accounts SET locked_until = NULL, failed_logins = 0 WHERE username = $1`, [username]);
    const session = `Bearer ${(await attempt(PASSWORD).expect(200)).body.accessToken}`;
    await t.http.get('/auth/me').set('Authorization', session).expect(200);
    for (let i = 0; i < 5; i++) await attempt('Wrong-Password-3').expect(401);
    // The lock took the open session with it.
    const revoked = await t.http.get('/auth/me').set('Authorization', session).expect(401);
    expect(revoked.body.detail).toMatch(/revoked/);
    const [locked] = await t.dataSource.query(`SELECT locked_until FROM accounts WHERE username = $1`, [username]);
    for (let i = 0; i < 10; i++) await attempt('Wrong-Password-4').expect(401);
    const [after] = await t.dataSource.query(`SELECT locked_until, failed_logins FROM accounts WHERE username = $1`, [username]);
    expect(after).toEqual({ locked_until: locked.locked_until, failed_logins: 0 });
  });

  it('answers an unknown username exactly like a wrong password', async () => {
    const unknown = await t.http.post('/auth/login').send({ username: 'nobody.here', password: PASSWORD }).expect(401);
    expect(unknown.body.detail).toBe('Unknown username or wrong password');
  });
});
