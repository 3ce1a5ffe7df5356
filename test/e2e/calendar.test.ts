import { AccountsService } from '../../src/platform/accounts/accounts.service.js';
import { login, PASSWORD, seedTree, startTestApp, type TestApp } from '../support/test-app.js';

/** Working-day deadlines over HTTP, from the State Council notices kept as data. */
describe('GET /calendar/due-date and the calendar years', () => {
  let t: TestApp;
  let school: string;
  let county: string;
  let national: string;

  beforeAll(async () => {
    t = await startTestApp();
    const users = await seedTree(t, { province: '330000', city: '330100', county: '330106', school: '3330106001' }, 'cal');
    await t.app.get(AccountsService).createBySystem({ username: 'moe.calendar', password: PASSWORD, organisationCode: '000000' });
    school = await login(t, users.school);
    county = await login(t, users.county);
    national = await login(t, 'moe.calendar');
  });
  afterAll(() => t.close());

  const due = (auth: string, query: string) => t.http.get(`/calendar/due-date?${query}`).set('Authorization', auth);

  it.each([
    // the 2026 notice: National Day 10-01…10-07 with Saturday 10-10 a working day
    ['2026-09-30', 1, '2026-10-08'],
    ['2026-09-18', 10, '2026-10-09'],
    ['2026-10-09', 1, '2026-10-10'],
    // the Spring Festival: 02-15…02-23 off, Saturdays 02-14 and 02-28 working
    ['2026-02-13', 1, '2026-02-14'],
    ['2026-02-13', 10, '2026-03-05'],
  ])('from %s, %i working day(s) is due %s', async (from, days, dueDate) => {
    const res = await due(school, `from=${from}&workingDays=${days}`).expect(200);
    expect(res.body).toEqual({ from, workingDays: days, dueDate });
  });

  it('needs a signed-in caller, and names a bad field', async () => {
    await t.http.get('/calendar/due-date?from=2026-03-02&workingDays=10').expect(401);
    const bad = await due(school, 'from=2026-02-30&workingDays=0').expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['from', 'workingDays']);
  });

  it('answers 422 for a year whose notice is not loaded — never a guess', async () => {
    const res = await due(school, 'from=2026-12-28&workingDays=5').expect(422);
    expect(res.body).toMatchObject({ code: 'CALENDAR_YEAR_MISSING', detail: 'the working-day calendar for 2027 is not loaded' });
  });

  it('lets the national authority alone load the next notice, checked and audited; deadlines then reach into it', async () => {
    const notice = { holidays: ['2027-01-01', '2027-01-02', '2027-01-03'], workdays: [], source: '国务院办公厅关于2027年部分节假日安排的通知（测试）' };
    await t.http.put('/calendar/years/2027').set('Authorization', county).send(notice).expect(403);
    const bad = await t.http.put('/calendar/years/2027').set('Authorization', national).send({ ...notice, workdays: ['2027-01-05'] }).expect(400);
    expect(bad.body.errors[0]).toEqual({ field: 'workdays', message: 'workdays: 2027-01-05 is a weekday already (a make-up working day falls on a weekend)' });
    await due(school, 'from=2026-12-28&workingDays=5').expect(422);

    const loaded = await t.http.put('/calendar/years/2027').set('Authorization', national).send(notice).expect(200);
    expect(loaded.body).toMatchObject({ year: 2027, holidays: notice.holidays, workdays: [], source: notice.source });
    // 12-29, 12-30, 12-31, then 2027-01-01…01-03 off: 01-04 and 01-05
    expect((await due(school, 'from=2026-12-28&workingDays=5').expect(200)).body.dueDate).toBe('2027-01-05');
    const years = (await t.http.get('/calendar/years').set('Authorization', school).expect(200)).body.map((y: { year: number }) => y.year);
    expect(years).toEqual([2025, 2026, 2027]);
    const [audit] = await t.dataSource.query(`SELECT details FROM audit_entries WHERE action = 'calendar.year_loaded' AND record_id = '2027'`);
    expect(audit.details).toMatchObject({ holidays: 3, workdays: 0 });
  });
});
