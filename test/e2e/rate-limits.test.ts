import { PASSWORD, seedTree, startTestApp, type TestApp } from '../support/test-app.js';

/**
 * Rate limits per client address (security issue): a flood of logins or verifications gets 429
 * with Retry-After, counted in PostgreSQL (so instances share them), /health never.
 */
describe('rate limits', () => {
  let t: TestApp;
  let username: string;

  beforeAll(async () => {
    t = await startTestApp({ RATE_LIMITS: 'on', RATE_LIMIT_LOGIN: '5', RATE_LIMIT_VERIFY: '8', RATE_LIMIT_PER_ADDRESS: '40', TRUST_PROXY: 'loopback' });
    username = (await seedTree(t, { province: '330000', city: '330100', county: '330106', school: '3330106001' }, 'rl')).county;
  });
  afterAll(() => t.close());

  const from = (address: string) => ({
    login: (password: string, as = username) => t.http.post('/auth/login').set('X-Forwarded-For', address).send({ username: as, password }),
    verify: () => t.http.post('/credentials/verify').set('X-Forwarded-For', address).send({ verifiableCredential: { a: 1 } }),
  });

  it('answers the sixth login a minute from one address with 429 and Retry-After, and lets another address in', async () => {
    const attacker = from('203.0.113.7');
    // Guesses at accounts that do not exist: nothing locks, only the address's limit stops them.
    for (let i = 0; i < 5; i++) await attacker.login('Wrong-Password-1', `nobody${i}`).expect(401);
    const limited = await attacker.login(PASSWORD).expect(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect(limited.body).toMatchObject({ status: 429, code: 'TOO_MANY_REQUESTS' });
    await from('198.51.100.20').login(PASSWORD).expect(200);
  });

  it('counts console sign-ins with logins: the browser path is limited the same way', async () => {
    const guesser = '203.0.113.12';
    for (let i = 0; i < 3; i++) await t.http.post('/auth/login').set('X-Forwarded-For', guesser).send({ username: `nobody${i}`, password: 'Wrong-Password-1' }).expect(401);
    for (let i = 0; i < 2; i++) await t.http.post('/auth/console-session').set('X-Forwarded-For', guesser).send({ username: `nobody${i}`, password: 'Wrong-Password-1' }).expect(401);
    const limited = await t.http.post('/auth/console-session').set('X-Forwarded-For', guesser).send({ username, password: PASSWORD }).expect(429);
    expect(limited.headers['set-cookie']).toBeUndefined();
  });

  it("counts guardians' account creation and sign-in with logins: guessing binding codes is limited too", async () => {
    const guesser = '203.0.113.11';
    for (let i = 0; i < 5; i++) {
      await t.http.post('/guardian/accounts').set('X-Forwarded-For', guesser).send({ code: `AAAA-BBBB-CCC${i + 2}`, phone: '13800138000', password: 'Some-Password-1' }).expect(400);
    }
    await t.http.post('/guardian/sessions').set('X-Forwarded-For', guesser).send({ phone: '13800138000', password: 'Some-Password-1' }).expect(429);
  });

  it('counts activation attempts with logins: guessing codes across accounts is limited too', async () => {
    const guesser = '203.0.113.9';
    for (let i = 0; i < 5; i++) {
      await t.http.post('/auth/activation').set('X-Forwarded-For', guesser).send({ username: `nobody${i}`, activationCode: 'AAAA-BBBB-CCCC', newPassword: 'Some-Password-1' }).expect(401);
    }
    await from(guesser).login(PASSWORD).expect(429);
  });

  it('limits verification apart from logins, and never /health', async () => {
    const client = from('203.0.113.8');
    for (let i = 0; i < 8; i++) await client.verify().expect(422);
    await client.verify().expect(429);
    for (let i = 0; i < 50; i++) await t.http.get('/health').set('X-Forwarded-For', '203.0.113.8').expect(200);
  });

  it('counts in the store, under hashed keys: no address is kept', async () => {
    const rows: Array<{ key: string }> = await t.dataSource.query(`SELECT key FROM rate_limits`);
    expect(rows.length).toBeGreaterThan(0);
    expect(JSON.stringify(rows)).not.toContain('203.0.113');
  });
});
