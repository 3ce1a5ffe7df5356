import { base32Decode } from '../support/base32.js';
import { hotp, totpStep } from '../../src/platform/auth/domain/totp.js';
import { login, PASSWORD, residentId, seedTree, startTestApp, type TestApp } from '../support/test-app.js';

/**
 * The optional second factor (TOTP) and the filing (备案) and training of school registrars
 * (第二十二条), over HTTP.
 */
describe('TOTP and registrar filing', () => {
  let t: TestApp;
  let tree: Record<'province' | 'city' | 'county' | 'school', string>;
  let county: string;
  const post = (path: string, body: object, token?: string) => {
    const req = t.http.post(path);
    if (token) req.set('Authorization', token);
    return req.send(body);
  };
  const codeFor = (secret: string, offsetSteps = 0) => hotp(base32Decode(secret), totpStep(new Date()) + offsetSteps);

  beforeAll(async () => {
    t = await startTestApp();
    tree = await seedTree(t, { province: '330000', city: '330100', county: '330106', school: '3330106001' }, 'tf');
    county = await login(t, tree.county);
  });
  afterAll(() => t.close());

  describe('TOTP', () => {
    let secret: string;

    it('enrols with a secret kept sealed, confirmed by the first code', async () => {
      const city = await login(t, tree.city);
      const enrolment = await post('/auth/totp', {}, city).expect(200);
      expect(enrolment.body.otpauthUri).toBe(`otpauth://totp/Xueji:${tree.city}?secret=${enrolment.body.secret}&issuer=Xueji`);
      secret = enrolment.body.secret;
      const [row] = await t.dataSource.query(`SELECT totp_secret_sealed, totp_confirmed_at FROM accounts WHERE username = $1`, [tree.city]);
      expect(row.totp_confirmed_at).toBeNull();
      expect(Buffer.from(row.totp_secret_sealed).toString('hex')).not.toContain(base32Decode(secret).toString('hex'));
      await login(t, tree.city); // not yet confirmed: the password alone still logs in
      expect((await post('/auth/totp/confirmation', { code: '000000' === codeFor(secret) ? '111111' : '000000' }, city).expect(400)).body.code).toBe('TOTP_INVALID');
      await post('/auth/totp/confirmation', { code: codeFor(secret) }, city).expect(204);
      await post('/auth/totp', {}, city).expect(409);
      expect((await t.http.get('/auth/me').set('Authorization', city).expect(200)).body.totpEnabled).toBe(true);
    });

    it('then needs a code after a right password, refuses wrong and replayed codes, and counts them as failures', async () => {
      const wrongPassword = await post('/auth/login', { username: tree.city, password: 'Wrong-Password-1' }).expect(401);
      expect(wrongPassword.body.code).toBe('UNAUTHENTICATED');
      const missing = await post('/auth/login', { username: tree.city, password: PASSWORD }).expect(401);
      expect(missing.body.code).toBe('TOTP_REQUIRED');
      const next = codeFor(secret, 1);
      await post('/auth/login', { username: tree.city, password: PASSWORD, totpCode: next }).expect(200);
      const replay = await post('/auth/login', { username: tree.city, password: PASSWORD, totpCode: next }).expect(401);
      expect(replay.body.code).toBe('TOTP_INVALID');
      // the confirmation's code (an earlier step) is refused as well
      expect((await post('/auth/login', { username: tree.city, password: PASSWORD, totpCode: codeFor(secret) }).expect(401)).body.code).toBe('TOTP_INVALID');
      const [row] = await t.dataSource.query(`SELECT failed_logins FROM accounts WHERE username = $1`, [tree.city]);
      expect(row.failed_logins).toBe(2);
    });
  });

  describe('registrar filing and training', () => {
    let newcomer: { id: string };
    let token: string;
    const enrol = (as: string) =>
      post('/students', { name: '张三', idNumber: residentId('330106', '2015-03-01', '123'), enrolmentDate: '2026-09-01', educationStage: 'primary', grade: 6 }, as);

    beforeAll(async () => {
      const issued = await post('/accounts', { username: 'tf.registrar2', organisationCode: '3330106001' }, county).expect(201);
      newcomer = issued.body.account;
      await post('/auth/activation', { username: 'tf.registrar2', activationCode: issued.body.activationCode, newPassword: 'Registrar-Two-1' }).expect(204);
      token = `Bearer ${(await post('/auth/login', { username: 'tf.registrar2', password: 'Registrar-Two-1' }).expect(200)).body.accessToken}`;
    });

    it('lets an unfiled registrar read and manage its own account, but not act on records', async () => {
      await t.http.get('/students').set('Authorization', token).expect(200);
      await t.http.get('/auth/me').set('Authorization', token).expect(200);
      const refused = await enrol(token).expect(403);
      expect(refused.body.code).toBe('REGISTRAR_NOT_FILED');
      expect(await t.dataSource.query(`SELECT 1 FROM students`)).toHaveLength(0);
    });

    it('records filing and training by the authority above only, audited; then the registrar acts', async () => {
      const school = await login(t, tree.school);
      await post(`/accounts/${newcomer.id}/filing`, { filedOn: '2026-09-10', reference: '西教备〔2026〕7号' }, school).expect(403);
      await post(`/accounts/${newcomer.id}/filing`, { filedOn: 'yesterday', reference: 'x' }, county).expect(400);
      const filed = await post(`/accounts/${newcomer.id}/filing`, { filedOn: '2026-09-10', reference: '西教备〔2026〕7号' }, county).expect(200);
      expect(filed.body.filing).toEqual({ filedOn: '2026-09-10', reference: '西教备〔2026〕7号' });
      expect((await enrol(token).expect(403)).body.code).toBe('REGISTRAR_NOT_FILED'); // training still missing
      await post(`/accounts/${newcomer.id}/training`, { trainedOn: '2026-09-12', course: '学籍管理员岗前培训' }, county).expect(200);
      expect((await enrol(token)).status).toBe(201);
      const actions = await t.dataSource.query(`SELECT action FROM audit_entries WHERE record_id = $1 AND action IN ('account.filed', 'account.trained')`, [newcomer.id]);
      expect(actions).toHaveLength(2);
      const countyId = (await t.dataSource.query(`SELECT id FROM accounts WHERE username = $1`, [tree.county]))[0].id;
      expect((await post(`/accounts/${countyId}/filing`, { filedOn: '2026-09-10', reference: 'x' }, await login(t, tree.province)).expect(422)).body.code).toBe('NOT_A_REGISTRAR');
    });

    it('lists the accounts of the caller’s subtree with their standing, in keyset pages, without secrets', async () => {
      const province = await login(t, tree.province);
      const first = await t.http.get('/accounts?limit=2').set('Authorization', province).expect(200);
      expect(first.body.items).toHaveLength(2);
      const all = [...first.body.items];
      let next = first.body.next;
      while (next) {
        const page = await t.http.get(`/accounts?limit=2&after=${next}`).set('Authorization', province).expect(200);
        all.push(...page.body.items);
        next = page.body.next;
      }
      expect(all.map((a) => a.username)).toEqual([tree.city, tree.county, tree.province, tree.school, 'tf.registrar2'].sort());
      const registrar = all.find((a) => a.username === 'tf.registrar2');
      expect(registrar).toMatchObject({ status: 'active', totpEnabled: false, filing: { filedOn: '2026-09-10' }, training: { course: '学籍管理员岗前培训' } });
      expect(all.find((a) => a.username === tree.city).totpEnabled).toBe(true);
      expect(JSON.stringify(all)).not.toMatch(/scrypt|password_hash|activation|totp_secret/i);
      const countyView = await t.http.get('/accounts').set('Authorization', county).expect(200);
      expect(countyView.body.items.map((a: { username: string }) => a.username)).not.toContain(tree.city);
      await t.http.get('/accounts').set('Authorization', await login(t, tree.school)).expect(403);
    });
  });
});
