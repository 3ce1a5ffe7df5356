import { AccountsService } from '../../src/platform/accounts/accounts.service.js';
import { PASSWORD, seedTree, startTestApp, type TestApp } from '../support/test-app.js';

/** Guessing a password is cut short: five failures lock the account for a while, silently. */
describe('login lock-out', () => {
  let t: TestApp;
  let username: string;
  let tree: Record<'province' | 'city' | 'county' | 'school', string>;
  const attempt = (password: string, from = '192.0.2.1', user = username) => t.http.post('/auth/login').set('X-Forwarded-For', from).send({ username: user, password });
  /** Minutes from now until the lock of `user` at `address` ends. */
  const lockMinutes = async (user: string, address: string) => {
    const [row] = await t.dataSource.query(
      `SELECT extract(epoch FROM locked_until - now()) / 60 AS minutes FROM login_addresses
        WHERE account_id = (SELECT id FROM accounts WHERE username = $1) AND address_key = encode(sha256(convert_to($2, 'UTF8')), 'hex')`,
      [user, `xueji-login\n${address}`],
    );
    return Number(row.minutes);
  };
  /** Moves time past every lock of `user` (the clock the test controls is the stored lock end). */
  const passLocks = (user: string) =>
    t.dataSource.query(`UPDATE login_addresses SET locked_until = now() - interval '1 second' WHERE locked_until IS NOT NULL AND account_id = (SELECT id FROM accounts WHERE username = $1)`, [user]);

  beforeAll(async () => {
    t = await startTestApp({ TRUST_PROXY: 'loopback' });
    tree = await seedTree(t, { province: '330000', city: '330100', county: '330106', school: '3330106001' }, 'lk');
    username = tree.school;
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

  it('counts parallel guesses without losing any; at an address the owner uses, the lock says so and until when, whatever the password', async () => {
    await Promise.all(Array.from({ length: 5 }, () => attempt('Wrong-Password-2')));
    const right = await attempt(PASSWORD).expect(403);
    const wrong = await attempt('Wrong-Password-2').expect(403);
    expect(right.body.code).toBe('ACCOUNT_LOCKED');
    expect(wrong.body).toEqual({ ...right.body, correlationId: wrong.body.correlationId });
    const minutes = (Date.parse(right.body.lockedUntil) - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(14);
    expect(minutes).toBeLessThanOrEqual(15);
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

  it('locks an address the owner never used for longer each time: 15, 30, 60 minutes', async () => {
    const attacker = '203.0.113.200';
    for (const expected of [15, 30, 60]) {
      for (let i = 0; i < 5; i++) await attempt('Wrong-Password-6', attacker, tree.city).expect(401);
      const minutes = await lockMinutes(tree.city, attacker);
      expect(minutes).toBeGreaterThan(expected - 1);
      expect(minutes).toBeLessThanOrEqual(expected);
      await attempt(PASSWORD, attacker, tree.city).expect(401); // still the generic answer there
      await passLocks(tree.city);
    }
    const [entry] = await t.dataSource.query(`SELECT details FROM audit_entries WHERE action = 'account.locked_for_address' ORDER BY seq DESC LIMIT 1`);
    expect(entry.details).toMatchObject({ lockMinutes: 60, lockNumber: 3 });
  });

  it('never grows the lock at an address the owner logs in from, and a success there starts afresh', async () => {
    const desk = '198.51.100.60';
    await attempt(PASSWORD, desk, tree.province).expect(200);
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < 5; i++) await attempt('Wrong-Password-7', desk, tree.province).expect(401);
      const minutes = await lockMinutes(tree.province, desk);
      expect(minutes).toBeGreaterThan(14);
      expect(minutes).toBeLessThanOrEqual(15);
      await passLocks(tree.province);
    }
    await attempt(PASSWORD, desk, tree.province).expect(200);
    const [row] = await t.dataSource.query(`SELECT failures, locks, locked_until FROM login_addresses WHERE account_id = (SELECT id FROM accounts WHERE username = $1)`, [tree.province]);
    expect(row).toEqual({ failures: 0, locks: 0, locked_until: null });
  });

  it('reports a burst of failures to the authority above, once per window: one address against many accounts, many failures in one organisation', async () => {
    await t.app.get(AccountsService).createBySystem({ username: 'lk.county2', password: PASSWORD, organisationCode: '330106' });
    await t.app.get(AccountsService).createBySystem({ username: 'lk.county3', password: PASSWORD, organisationCode: '330106' });
    const sprayer = '192.0.2.99';
    // (the school account is locked account-wide by now: attempts on it are not even counted)
    const accounts = [tree.province, tree.city, tree.county, 'lk.county2', 'lk.county3'];
    for (const user of accounts) await attempt('Wrong-Password-8', sprayer, user).expect(401);
    for (let i = 0; i < 25; i++) await attempt('Wrong-Password-9', `198.18.0.${i}`, 'lk.county2').expect(401);
    const bursts = await t.dataSource.query(`SELECT subject_type, subject_id, addressed_path, evidence FROM warnings WHERE kind = 'login.failure_burst' ORDER BY seq`);
    const byAddress = bursts.filter((w: { subject_type: string }) => w.subject_type === 'login_address');
    // one per ten-minute window (two only if the test straddles a window's edge)
    const windows = (list: Array<{ evidence: { windowStart: string } }>) => new Set(list.map((w) => w.evidence.windowStart)).size;
    expect(byAddress.length).toBeGreaterThanOrEqual(1);
    expect(windows(byAddress)).toBe(byAddress.length);
    expect(byAddress[0].evidence).toMatchObject({ burst: 'address', addressAccounts: 5 });
    expect(JSON.stringify(byAddress)).not.toContain(sprayer);
    const [county] = await t.dataSource.query(`SELECT id, path FROM organisations WHERE code = '330106'`);
    const byOrganisation = bursts.filter((w: { subject_id: string }) => w.subject_id === county.id);
    expect(byOrganisation.length).toBeGreaterThanOrEqual(1);
    expect(windows(byOrganisation)).toBe(byOrganisation.length);
    expect(byOrganisation[0].addressed_path).toBe('/000000/330000/330100/');
    expect(byOrganisation[0].evidence).toMatchObject({ burst: 'organisation', organisationFailures: 20 });
  });
});
