import { AccountSealingService } from '../../src/platform/accounts/account-sealing.service.js';
import { AccountsService } from '../../src/platform/accounts/accounts.service.js';
import { LoginService } from '../../src/platform/auth/login.service.js';
import { login, PASSWORD, seedTree, startTestApp, type TestApp } from '../support/test-app.js';

const DAY = 86_400_000;

/**
 * An account's life (第二十二、二十四条): created without a password, activated by its holder
 * with a one-time code, its password aged and changed, sealed for disuse and unsealed by the
 * authority above — each step ending the account's live sessions.
 */
describe('account lifecycle', () => {
  let t: TestApp;
  let county: string;
  const post = (path: string, body: object, token?: string) => {
    const req = t.http.post(path);
    if (token) req.set('Authorization', token);
    return req.send(body);
  };
  const loginAs = (username: string, password: string) => post('/auth/login', { username, password });
  const account = async (username: string) => (await t.dataSource.query(`SELECT * FROM accounts WHERE username = $1`, [username]))[0];
  /** Moves the account's clock back: everything it did happened `days` earlier. */
  const age = (username: string, days: number, columns = ['created_at', 'password_changed_at', 'last_login_at']) =>
    t.dataSource.query(`UPDATE accounts SET ${columns.map((c) => `${c} = ${c} - make_interval(days => $2)`).join(', ')} WHERE username = $1`, [username, days]);
  const create = async (username: string, organisationCode = '3330106001') => {
    const res = await post('/accounts', { username, organisationCode }, county).expect(201);
    return res.body as { account: { id: string; status: string }; activationCode: string; activationExpiresAt: string };
  };
  const activate = (username: string, activationCode: string, newPassword: string) => post('/auth/activation', { username, activationCode, newPassword });

  beforeAll(async () => {
    t = await startTestApp();
    const tree = await seedTree(t, { province: '330000', city: '330100', county: '330106', school: '3330106001' }, 'lc');
    county = await login(t, tree.county);
  });
  afterAll(() => t.close());

  describe('activation by the holder', () => {
    it('creates an account with no password and answers a one-time code, kept only as a digest', async () => {
      await post('/accounts', { username: 'lc.with.password', password: PASSWORD, organisationCode: '3330106001' }, county).expect(400);
      const issued = await create('lc.teacher');
      expect(issued.account.status).toBe('pending_activation');
      expect(issued.activationCode).toMatch(/^[2-9A-HJKMNP-TW-Z]{4}-[2-9A-HJKMNP-TW-Z]{4}-[2-9A-HJKMNP-TW-Z]{4}$/);
      expect(Date.parse(issued.activationExpiresAt) - Date.now()).toBeGreaterThan(71.9 * 3_600_000);
      const row = await account('lc.teacher');
      expect(row.password_hash).toBeNull();
      expect(JSON.stringify(row)).not.toContain(issued.activationCode.replaceAll('-', ''));
      expect(JSON.stringify(row)).not.toContain(issued.activationCode);
      const audit = await t.dataSource.query(`SELECT details FROM audit_entries WHERE action = 'account.created' AND record_id = $1`, [issued.account.id]);
      expect(JSON.stringify(audit)).not.toContain(issued.activationCode);
    });

    it('never keeps a code for replay: an Idempotency-Key is refused on routes that answer one', async () => {
      const res = await t.http.post('/accounts').set('Authorization', county).set('Idempotency-Key', 'k-1').send({ username: 'lc.retried', organisationCode: '3330106001' }).expect(400);
      expect(res.body.code).toBe('IDEMPOTENCY_NOT_SUPPORTED');
      expect(await t.dataSource.query(`SELECT 1 FROM accounts WHERE username = 'lc.retried'`)).toHaveLength(0);
      expect(await t.dataSource.query(`SELECT 1 FROM idempotency_keys`)).toHaveLength(0);
    });

    it('refuses a login before activation exactly like a wrong password', async () => {
      const pending = await loginAs('lc.teacher', PASSWORD).expect(401);
      const unknown = await loginAs('lc.nobody', PASSWORD).expect(401);
      expect(pending.body.code).toBe(unknown.body.code);
      expect(pending.body.detail).toBe(unknown.body.detail);
    });

    it('lets the holder set a password with the code, once; wrong codes count and the fifth ends the code', async () => {
      const issued = await create('lc.holder');
      await activate('lc.holder', issued.activationCode, 'short').expect(400);
      const wrong = await activate('lc.holder', 'AAAA-BBBB-CCCC', 'Holder-Password-1').expect(401);
      expect(wrong.body.code).toBe('ACTIVATION_FAILED');
      const unknown = await activate('lc.nobody', issued.activationCode, 'Holder-Password-1').expect(401);
      expect(unknown.body.detail).toBe(wrong.body.detail);
      await activate('lc.holder', issued.activationCode.toLowerCase(), 'Holder-Password-1').expect(204);
      expect((await account('lc.holder')).status).toBe('active');
      await loginAs('lc.holder', 'Holder-Password-1').expect(200);
      await activate('lc.holder', issued.activationCode, 'Holder-Password-2').expect(401);
      expect(await t.dataSource.query(`SELECT 1 FROM audit_entries WHERE action = 'account.activated' AND record_id = $1`, [issued.account.id])).toHaveLength(1);

      const guessed = await create('lc.guessed');
      for (let i = 0; i < 5; i++) await activate('lc.guessed', `AAAA-BBBB-CCC${i + 2}`, 'Holder-Password-1').expect(401);
      await activate('lc.guessed', guessed.activationCode, 'Holder-Password-1').expect(401);
    });

    it('refuses an expired code; the authority above issues a new one', async () => {
      const issued = await create('lc.late');
      await t.dataSource.query(`UPDATE accounts SET activation_expires_at = now() - interval '1 second' WHERE username = 'lc.late'`);
      await activate('lc.late', issued.activationCode, 'Late-Password-1').expect(401);
      const again = await post(`/accounts/${issued.account.id}/activation-code`, {}, county).expect(200);
      expect(again.body.activationCode).not.toBe(issued.activationCode);
      await activate('lc.late', issued.activationCode, 'Late-Password-1').expect(401);
      await activate('lc.late', again.body.activationCode, 'Late-Password-1').expect(204);
      await post(`/accounts/${issued.account.id}/activation-code`, {}, county).expect(409);
    });
  });

  describe('password expiry and history', () => {
    it('answers an expired password with a token that only changes it', async () => {
      const issued = await create('lc.aged');
      await activate('lc.aged', issued.activationCode, 'Aged-Password-1').expect(204);
      const before = `Bearer ${(await loginAs('lc.aged', 'Aged-Password-1').expect(200)).body.accessToken}`;
      await age('lc.aged', 91, ['password_changed_at']);
      await t.http.get('/auth/me').set('Authorization', before).expect(200); // a live session runs its course
      const wrong = await loginAs('lc.aged', 'Aged-Password-9').expect(401);
      expect(wrong.body.code).toBe('UNAUTHENTICATED');
      const expired = await loginAs('lc.aged', 'Aged-Password-1').expect(403);
      expect(expired.body.code).toBe('PASSWORD_EXPIRED');
      expect(expired.body.accessToken).toBeUndefined();
      const change = `Bearer ${expired.body.passwordChangeToken}`;
      expect((await t.http.get('/auth/me').set('Authorization', change).expect(403)).body.code).toBe('PASSWORD_CHANGE_ONLY');
      expect((await t.http.get('/students').set('Authorization', change).expect(403)).body.code).toBe('PASSWORD_CHANGE_ONLY');
      const reused = await post('/auth/password', { currentPassword: 'Aged-Password-1', newPassword: 'Aged-Password-1' }, change).expect(400);
      expect(reused.body.code).toBe('PASSWORD_REUSED');
      await post('/auth/password', { currentPassword: 'Aged-Password-1', newPassword: 'Aged-Password-2' }, change).expect(204);
      // the change ended every session: the change token and the one from before
      await post('/auth/password', { currentPassword: 'Aged-Password-2', newPassword: 'Aged-Password-3' }, change).expect(401);
      await t.http.get('/auth/me').set('Authorization', before).expect(401);
      await loginAs('lc.aged', 'Aged-Password-1').expect(401);
      await loginAs('lc.aged', 'Aged-Password-2').expect(200);
      const audit = await t.dataSource.query(`SELECT 1 FROM audit_entries WHERE action = 'account.password_changed' AND record_id = $1`, [issued.account.id]);
      expect(audit).toHaveLength(1);
    });

    it('refuses the current and the last five passwords, accepts the sixth before', async () => {
      let current = 'Aged-Password-2';
      const change = async (next: string) => {
        const token = `Bearer ${(await loginAs('lc.aged', current).expect(200)).body.accessToken}`;
        const res = await post('/auth/password', { currentPassword: current, newPassword: next }, token);
        if (res.status === 204) current = next;
        return res;
      };
      for (const n of [3, 4, 5, 6, 7]) expect((await change(`Aged-Password-${n}`)).status).toBe(204);
      // now current is 7; history holds 6, 5, 4, 3, 2
      for (const n of [7, 6, 2]) {
        const res = await change(`Aged-Password-${n}`);
        expect([res.status, res.body.code]).toEqual([400, 'PASSWORD_REUSED']);
      }
      expect((await change('Aged-Password-1')).status).toBe(204);
    });

    it('ends the session that sends a wrong current password', async () => {
      const token = `Bearer ${(await loginAs('lc.aged', 'Aged-Password-1').expect(200)).body.accessToken}`;
      const res = await post('/auth/password', { currentPassword: 'Not-The-Password-1', newPassword: 'Aged-Password-8' }, token).expect(403);
      expect(res.body.code).toBe('CURRENT_PASSWORD_WRONG');
      await t.http.get('/auth/me').set('Authorization', token).expect(401);
      const [entry] = await t.dataSource.query(`SELECT details FROM audit_entries WHERE action = 'account.session_ended' ORDER BY seq DESC LIMIT 1`);
      expect(entry.details).toEqual({ reason: 'wrong current password' });
    });
  });

  describe('the clock the service is given', () => {
    it('judges password age and disuse by the `now` passed in: 89 days fine, 90 expired, 183 unused sealed', async () => {
      await t.app.get(AccountsService).createBySystem({ username: 'lc.clock', password: PASSWORD, organisationCode: '3330106001' });
      const { password_changed_at: passwordChangedAt } = await account('lc.clock');
      const at = (days: number) => new Date(passwordChangedAt.getTime() + days * DAY);
      const logins = t.app.get(LoginService);
      await expect(logins.authenticate('lc.clock', PASSWORD, '192.0.2.10', at(89))).resolves.toMatchObject({ accountId: expect.any(String) });
      // (that login was at day 89: disuse now counts from there)
      await expect(logins.authenticate('lc.clock', PASSWORD, '192.0.2.10', at(90))).rejects.toMatchObject({ code: 'PASSWORD_EXPIRED' });
      await expect(logins.authenticate('lc.clock', 'Wrong-Password-1', '192.0.2.10', at(89 + 183))).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
      expect((await account('lc.clock')).status).toBe('active');
      await expect(logins.authenticate('lc.clock', PASSWORD, '192.0.2.10', at(89 + 183))).rejects.toMatchObject({ code: 'ACCOUNT_SEALED' });
      const row = await account('lc.clock');
      expect([row.status, row.sealed_at.toISOString()]).toEqual(['sealed', at(89 + 183).toISOString()]);
    });
  });

  describe('sealing for disuse', () => {
    it('seals an account unused for six months when it tries to log in, reports it above, and ends its sessions', async () => {
      const issued = await create('lc.idle');
      await activate('lc.idle', issued.activationCode, 'Idle-Password-1').expect(204);
      const session = `Bearer ${(await loginAs('lc.idle', 'Idle-Password-1').expect(200)).body.accessToken}`;
      await age('lc.idle', 184);
      const wrong = await loginAs('lc.idle', 'Idle-Password-2').expect(401);
      expect(wrong.body.code).toBe('UNAUTHENTICATED'); // a guesser learns nothing
      const sealed = await loginAs('lc.idle', 'Idle-Password-1').expect(403);
      expect(sealed.body.code).toBe('ACCOUNT_SEALED');
      await t.http.get('/auth/me').set('Authorization', session).expect(401);
      expect((await account('lc.idle')).status).toBe('sealed');
      expect((await loginAs('lc.idle', 'Idle-Password-1').expect(403)).body.code).toBe('ACCOUNT_SEALED');
      const [audit] = await t.dataSource.query(`SELECT details FROM audit_entries WHERE action = 'account.sealed' AND record_id = $1`, [issued.account.id]);
      expect(audit.details).toMatchObject({ trigger: 'login', sealAfterDays: 183 });
      const [warning] = await t.dataSource.query(`SELECT addressed_path FROM warnings WHERE kind = 'account.sealed' AND subject_id = $1`, [issued.account.id]);
      expect(warning.addressed_path).toBe('/000000/330000/330100/330106/');
    });

    it('is unsealed only by an authority above: a fresh code, the old password retired', async () => {
      const id = (await account('lc.idle')).id;
      const school = await login(t, 'lc.school');
      await post(`/accounts/${id}/unseal`, {}, school).expect(403);
      await t.app.get((await import('../../src/platform/accounts/accounts.service.js')).AccountsService).createBySystem({ username: 'lc.county.peer', password: PASSWORD, organisationCode: '330106' });
      const peerId = (await account('lc.county.peer')).id;
      await t.dataSource.query(`UPDATE accounts SET status = 'sealed' WHERE id = $1`, [peerId]);
      await post(`/accounts/${peerId}/unseal`, {}, county).expect(404); // its own organisation: not above it
      const versionBefore = (await account('lc.idle')).token_version;
      const unsealed = await post(`/accounts/${id}/unseal`, {}, county).expect(200);
      expect(unsealed.body.account.status).toBe('pending_activation');
      expect((await account('lc.idle')).token_version).toBeGreaterThan(versionBefore);
      await post(`/accounts/${id}/unseal`, {}, county).expect(409);
      expect((await activate('lc.idle', unsealed.body.activationCode, 'Idle-Password-1').expect(400)).body.code).toBe('PASSWORD_REUSED');
      const beforeActivation = (await account('lc.idle')).token_version;
      await activate('lc.idle', unsealed.body.activationCode, 'Idle-Password-2').expect(204);
      expect((await account('lc.idle')).token_version).toBeGreaterThan(beforeActivation);
      await loginAs('lc.idle', 'Idle-Password-2').expect(200);
      expect(await t.dataSource.query(`SELECT 1 FROM audit_entries WHERE action = 'account.unsealed' AND record_id = $1`, [id])).toHaveLength(1);
    });

    it('seals in a sweep every active account unused since the cut-off, once', async () => {
      const sweep = t.app.get(AccountSealingService);
      const now = new Date();
      expect(await sweep.sealDormant(now)).toBe(0);
      const idle = await create('lc.swept');
      await activate('lc.swept', idle.activationCode, 'Swept-Password-1').expect(204);
      const later = new Date(now.getTime() + 200 * DAY);
      const active = await t.dataSource.query(`SELECT count(*)::int AS n FROM accounts WHERE status = 'active'`);
      expect(await sweep.sealDormant(later)).toBe(active[0].n);
      expect(await sweep.sealDormant(later)).toBe(0);
      expect((await account('lc.swept')).status).toBe('sealed');
      const [audit] = await t.dataSource.query(`SELECT details FROM audit_entries WHERE action = 'account.sealed' AND record_id = $1`, [idle.account.id]);
      expect(audit.details.trigger).toBe('sweep');
      expect((await account('lc.holder')).status).toBe('sealed');
      expect((await account('lc.teacher')).status).toBe('pending_activation'); // never activated: nothing to seal
    });
  });
});
