import { AccountsService } from '../../src/platform/accounts/accounts.service.js';
import { login, PASSWORD, residentId, seedTree, startTestApp, type TestApp } from '../support/test-app.js';

/**
 * Many writers at once lose nothing and duplicate nothing, on either store: every enrolment
 * commits with its own student number and its own audit entry, and the chain stays whole.
 */
describe('concurrent writers', () => {
  let t: TestApp;
  let registrar: string;
  let national: string;

  beforeAll(async () => {
    t = await startTestApp();
    const users = await seedTree(t, { province: '330000', city: '330100', county: '330106', school: '3330106001' }, 'cc');
    registrar = await login(t, users.school);
    await t.app.get(AccountsService).createBySystem({ username: 'cc.national', password: PASSWORD, organisationCode: '000000' });
    national = await login(t, 'cc.national');
  });
  afterAll(() => t.close());

  it('commits 24 simultaneous enrolments, each once, with distinct numbers and an unbroken audit chain', async () => {
    const before = Number((await t.dataSource.query('SELECT count(*) AS n FROM audit_entries'))[0].n);
    const responses = await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        t.http
          .post('/students')
          .set('Authorization', registrar)
          .send({ idNumber: residentId('330106', '2012-01-01', String(100 + i)), name: `学生${i}`, enrolmentDate: '2018-09-01', educationStage: 'primary', grade: 1 }),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(24).fill(201));
    const numbers = new Set(responses.map((r) => r.body.studentNumber));
    expect(numbers.size).toBe(24);
    const after = Number((await t.dataSource.query('SELECT count(*) AS n FROM audit_entries'))[0].n);
    // 24 enrolments, and one late-registration warning (第六条: records of 2018 made today) for all
    // of them: one school, one day, one warning, however many writers raise it at once.
    expect(after - before).toBe(25);
    const [{ n: warnings }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM warnings WHERE kind = 'registration.late'`);
    expect(Number(warnings)).toBe(1);
    const chain = await t.http.get('/audit/verify').set('Authorization', national).expect(200);
    expect(chain.body).toEqual({ valid: true, checked: after, firstBrokenSeq: null });
  });
});
