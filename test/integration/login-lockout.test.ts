import { PASSWORD, seedTree, startTestApp, type TestApp } from '../support/test-app.js';

/** Guessing a password is cut short: five failures lock the account for a while, silently. */
describe('login lock-out', () => {
  let t: TestApp;
  let username: string;
  const attempt = (password: string, from = '192.0.2.1') => t.http.post('/auth/login').set('X-Forwarded-For', from).send({ username, password });

  beforeAll(async () => {
    t = await startTestApp({ TRUST_PROXY: 'loopback' });
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
    const entries = await t.dataSource.query(`SELECT action FROM audit_entries WHERE action = 'account.locked_for_address'`);
    expect(entries).toHaveLength(1);
  });

  it('lets the owner in again once the lock has passed, and starts counting afresh', async () => {
    await t.dataSource.query(
      `UPDATE login_addresses SET locked_until = now() - interval '1 second' WHERE account_id = (SELECT id FROM accounts WHERE username = $1)`,
      [username],
    );
    await attempt(PASSWORD).expect(200);
    const [row] = await t.dataSource.query(`SELECT failed_logins, locked_until FROM accounts WHERE username = $1`, [username]);
    expect(row).toEqual({ failed_logins: 0, locked_until: null });
    const [address] = await t.dataSource.query(`SELECT failures, locked_until FROM login_addresses WHERE account_id = (SELECT id FROM accounts WHERE username = $1)`, [username]);
    expect(address).toEqual({ failures: 0, locked_until: null });
  });

  it('counts parallel guesses without losing any', async () => {
    await Promise.all(Array.from({ length: 5 }, () => attempt('Wrong-Password-2')));
    await attempt(PASSWORD).expect(401);
  });

  it('locks only the guessing address: the owner elsewhere gets in, and failures while locked neither count nor extend the lock', async () => {
    const attacker = '203.0.113.9';
    for (let i = 0; i < 5; i++) await attempt('Wrong-Password-3', attacker).expect(401);
    await attempt(PASSWORD, attacker).expect(401);
    await attempt(PASSWORD, '198.51.100.2').expect(200);
    const lockOf = async () =>
      (
        await t.dataSource.query(`SELECT locked_until FROM login_addresses WHERE account_id = (SELECT id FROM accounts WHERE username = $1) AND locked_until IS NOT NULL`, [username])
      )[0].locked_until;
    const locked = await lockOf();
    for (let i = 0; i < 10; i++) await attempt('Wrong-Password-4', attacker).expect(401);
    expect(await lockOf()).toEqual(locked);
  });

  it('after many failures from many addresses locks the account for unknown addresses only, ending its sessions, while the owner’s usual address still gets in', async () => {
    const usual = '198.51.100.50';
    const session = `Bearer ${(await attempt(PASSWORD, usual).expect(200)).body.accessToken}`;
    for (let i = 0; i < 25; i++) await attempt('Wrong-Password-5', `203.0.113.${100 + Math.floor(i / 4)}`).expect(401);
    await t.http.get('/auth/me').set('Authorization', session).expect(401); // the account-wide lock ended it
    await attempt(PASSWORD, '198.51.100.77').expect(401); // an address the owner never used
    await attempt(PASSWORD, usual).expect(200); // where the owner works
    const [entry] = await t.dataSource.query(`SELECT details FROM audit_entries WHERE action = 'account.locked' ORDER BY seq DESC LIMIT 1`);
    expect(entry.details.scope).toMatch(/except addresses it logged in from/);
  });

  it('answers an unknown username exactly like a wrong password', async () => {
    const unknown = await t.http.post('/auth/login').send({ username: 'nobody.here', password: PASSWORD }).expect(401);
    expect(unknown.body.detail).toBe('Unknown username or wrong password');
  });
});
