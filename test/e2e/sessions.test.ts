import { SignJWT } from 'jose';
import { deriveSubkey } from '../../src/identity/domain/secret-box.js';
import { login, seedTree, startTestApp, type TestApp } from '../support/test-app.js';

/** Access tokens: they must expire, and logout ends every session of the account (security issue). */
describe('sessions', () => {
  let t: TestApp;
  let username: string;

  beforeAll(async () => {
    t = await startTestApp();
    username = (await seedTree(t, { province: '330000', city: '330100', county: '330106', school: '3330106001' }, 'ss')).county;
  });
  afterAll(() => t.close());

  it('refuses a token without exp, even one signed with the real key for a real account', async () => {
    const [account] = await t.dataSource.query(`SELECT id, token_version FROM accounts WHERE username = $1`, [username]);
    const key = deriveSubkey(t.config.masterKey, 'xueji/access-token/v1');
    const forever = await new SignJWT({ tv: account.token_version })
      .setProtectedHeader({ alg: 'HS256', typ: 'at+jwt' })
      .setSubject(account.id)
      .setIssuer('xueji')
      .setAudience('xueji-api')
      .setIssuedAt()
      .sign(key);
    await t.http.get('/auth/me').set('Authorization', `Bearer ${forever}`).expect(401);
  });

  it('ends every session of the account at logout, and a new login works', async () => {
    const first = await login(t, username);
    const second = await login(t, username);
    await t.http.get('/auth/me').set('Authorization', first).expect(200);
    await t.http.post('/auth/logout').set('Authorization', first).expect(204);
    for (const token of [first, second]) await t.http.get('/auth/me').set('Authorization', token).expect(401);
    await t.http.get('/auth/me').set('Authorization', await login(t, username)).expect(200);
    const [entry] = await t.dataSource.query(`SELECT action FROM audit_entries WHERE action = 'account.logged_out'`);
    expect(entry).toBeDefined();
  });
});
