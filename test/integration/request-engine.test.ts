import { DataSource } from 'typeorm';
import { AccountsService } from '../../src/platform/accounts/accounts.service.js';
import type { Principal } from '../../src/platform/auth/principal.js';
import { RequestsService, type RequestView } from '../../src/workflow/requests.service.js';
import { todayInChina } from '../../src/common/time/china-date.js';
import { loadCurrentYears } from '../support/calendar.js';
import { login, PASSWORD, seedTree, startTestApp, type TestApp } from '../support/test-app.js';


const SCHOOL = '/000000/330000/330100/330106/3330106001/';
const COUNTY = '/000000/330000/330100/330106/';
const OTHER_SCHOOL = '/000000/110000/110100/110105/1110105001/';

/**
 * The request engine over HTTP, with a kind registered for the test (each register change is a
 * kind of its own, with its own tests): steps in order, deadlines, escalation, visibility, races.
 */
describe('the request engine', () => {
  let t: TestApp;
  let engine: RequestsService;
  let auth: Record<string, string>;
  let principals: Record<string, Principal>;
  const closed: Array<[string, string]> = [];

  beforeAll(async () => {
    t = await startTestApp();
    const a = await seedTree(t, { province: '330000', city: '330100', county: '330106', school: '3330106001' }, 'rq');
    const b = await seedTree(t, { province: '110000', city: '110100', county: '110105', school: '1110105001' }, 'rb');
    await t.app.get(AccountsService).createBySystem({ username: 'rq.county2', password: PASSWORD, organisationCode: '330106' });
    engine = t.app.get(RequestsService);
    await loadCurrentYears(t);
    engine.registerKind({ name: 'test_change', onClosed: async (_em, request, status) => void closed.push([request.id, status]) });
    auth = {
      school: await login(t, a.school),
      county: await login(t, a.county),
      county2: await login(t, 'rq.county2'),
      city: await login(t, a.city),
      other: await login(t, b.school),
      otherCounty: await login(t, b.county),
    };
    principals = {};
    for (const [name, token] of Object.entries(auth)) {
      const me = (await t.http.get('/auth/me').set('Authorization', token).expect(200)).body;
      const [org] = await t.dataSource.query(`SELECT id, code, level, path FROM organisations WHERE code = $1`, [me.organisationCode]);
      principals[name] = { accountId: me.id, role: me.role, organisationId: org.id, organisationCode: org.code, organisationLevel: org.level, organisationPath: org.path, registrarFiled: true, passwordChangeOnly: false };
    }
  });
  afterAll(() => t.close());

  const open = (subjectId: string, today = '2026-09-18', visible: string[] = []) =>
    t.app.get(DataSource).transaction((em) =>
      engine.open(
        em,
        principals.school,
        {
          kind: 'test_change',
          subjectType: 'test',
          subjectId,
          visiblePaths: visible,
          steps: [
            { name: 'school_check', actorPath: SCHOOL, workingDays: 10 },
            { name: 'county_approval', actorPath: COUNTY, workingDays: 10 },
          ],
          details: { note: 'code-only' },
        },
        today,
      ),
    );
  const decideAs = (who: string, id: string, index: number, body: object) => t.http.post(`/requests/${id}/steps/${index}/decision`).set('Authorization', auth[who]).send(body);

  it('opens with the first step due ten working days on (across the National Day holiday), visible only where it belongs', async () => {
    const request = await open('s1');
    expect(request.steps.map((s) => [s.name, s.status, s.dueDate])).toEqual([
      ['school_check', 'pending', '2026-10-09'],
      ['county_approval', 'waiting', null],
    ]);
    await t.http.get(`/requests/${request.id}`).set('Authorization', auth.county).expect(200);
    await t.http.get(`/requests/${request.id}`).set('Authorization', auth.other).expect(404);
    await t.http.get(`/requests/${request.id}`).set('Authorization', auth.otherCounty).expect(404);
    const listed = (await t.http.get('/requests?kind=test_change').set('Authorization', auth.other).expect(200)).body.items;
    expect(listed).toEqual([]);
    await expect(open('s1')).rejects.toMatchObject({ code: 'REQUEST_OPEN' });
  });

  it('refuses the submitter, and names a missing reason for a refusal', async () => {
    const request = await open('s2');
    expect((await decideAs('school', request.id, 0, { outcome: 'approve' }).expect(403)).body.code).toBe('SUBMITTER_CANNOT_DECIDE');
    expect((await decideAs('county', request.id, 0, { outcome: 'refuse' }).expect(400)).body.errors[0].field).toBe('reason');
  });

  it('lets only the step’s organisation decide it, then the next; closes after the last, audited, telling the kind', async () => {
    // decisions over HTTP happen today: a request opened today is not overdue, so the county may not take it over
    const request = await open('s3', todayInChina());
    expect((await decideAs('county', request.id, 0, { outcome: 'approve' }).expect(403)).body.code).toBe('NOT_YOUR_STEP');
    await engine.decide(await another(SCHOOL), request.id, 0, { outcome: 'approve' }, todayInChina());
    expect((await decideAs('county', request.id, 0, { outcome: 'approve' }).expect(409)).body.code).toBe('STEP_NOT_PENDING');
    const done = (await decideAs('county', request.id, 1, { outcome: 'approve', reason: '材料齐全' }).expect(200)).body as RequestView;
    expect(done.status).toBe('approved');
    expect(done.steps[1]).toMatchObject({ status: 'approved', reason: '材料齐全', decidedBy: principals.county.accountId });
    expect(closed).toContainEqual([request.id, 'approved']);
    const audit = await t.dataSource.query(`SELECT action FROM audit_entries WHERE record_id = $1 ORDER BY seq`, [request.id]);
    expect(audit.map((a: { action: string }) => a.action)).toEqual(['request.opened', 'request.step_approved', 'request.step_approved']);
    expect((await decideAs('county2', request.id, 1, { outcome: 'approve' }).expect(409)).body.code).toBe('REQUEST_CLOSED');
  });

  it('lets exactly one of two simultaneous decisions of a step through; the other gets 409', async () => {
    const request = await open('s4');
    await engine.decide(await another(SCHOOL), request.id, 0, { outcome: 'approve' }, '2026-09-21');
    const answers = await Promise.all([decideAs('county', request.id, 1, { outcome: 'approve' }), decideAs('county2', request.id, 1, { outcome: 'refuse', reason: '不符合条件' })]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_entries WHERE record_id = $1 AND action LIKE 'request.step_%'`, [request.id]);
    expect(n).toBe(2);
  });

  it('escalates an overdue step: a warning to the authority above (once), which may then decide it and finds it in its inbox', async () => {
    const request = await open('s5', '2026-09-18');
    expect(await engine.escalateOverdue('2026-10-09')).toBe(0);
    expect(await engine.escalateOverdue('2026-10-10')).toBeGreaterThanOrEqual(1);
    expect(await engine.escalateOverdue('2026-10-11')).toBe(0);
    const warnings = (await t.http.get('/warnings?kind=request.step_overdue').set('Authorization', auth.county).expect(200)).body.items;
    expect(warnings.filter((w: { subjectId: string }) => w.subjectId === request.id)).toHaveLength(1);
    const inbox = await engine.inbox(principals.county, '2026-10-12');
    expect(inbox.items.map((r) => r.id)).toContain(request.id);
    const decided = await engine.decide(principals.county, request.id, 0, { outcome: 'refuse', reason: '逾期未办，由县级教育行政部门处理' }, '2026-10-12');
    expect(decided).toMatchObject({ status: 'refused' });
    expect(closed).toContainEqual([request.id, 'refused']);
    const [entry] = await t.dataSource.query(`SELECT details FROM audit_entries WHERE record_id = $1 AND action = 'request.step_refused'`, [request.id]);
    expect(entry.details).toMatchObject({ escalated: true, step: 'school_check' });
  });

  it('shows a request to every subtree it names, and to nobody else', async () => {
    const request = await open('s6', '2026-09-18', [OTHER_SCHOOL]);
    await t.http.get(`/requests/${request.id}`).set('Authorization', auth.other).expect(200);
    await t.http.get(`/requests/${request.id}`).set('Authorization', auth.otherCounty).expect(200);
    await decideAs('other', request.id, 0, { outcome: 'approve' }).expect(403);
  });

  it("takes a guardian as submitter: the school's path and visibility, the guardian recorded apart from organisation accounts", async () => {
    const [guardian] = await t.dataSource.query(
      `INSERT INTO guardian_accounts (phone_digest, phone_sealed, password_hash) VALUES ($1, $2, 'x') RETURNING id`,
      ['9'.repeat(64), Buffer.from([0])],
    );
    const request = await t.app.get(DataSource).transaction((em) =>
      engine.open(
        em,
        { accountId: guardian.id, organisationId: null, organisationPath: SCHOOL, guardian: true },
        { kind: 'test_change', subjectType: 'test', subjectId: 's7', visiblePaths: [COUNTY], steps: [{ name: 'school_check', actorPath: SCHOOL, workingDays: 10 }], details: {} },
        '2026-09-18',
      ),
    );
    expect(request.submittedBy).toBe(guardian.id);
    const [row] = await t.dataSource.query(`SELECT submitted_by, submitted_by_guardian, submitted_path FROM requests WHERE id = $1`, [request.id]);
    expect(row).toEqual({ submitted_by: null, submitted_by_guardian: guardian.id, submitted_path: SCHOOL });
    const [entry] = await t.dataSource.query(`SELECT actor_account_id, actor_organisation_id, details FROM audit_entries WHERE record_id = $1 AND action = 'request.opened'`, [request.id]);
    expect(entry).toMatchObject({ actor_account_id: guardian.id, actor_organisation_id: null, details: { submitter: 'guardian' } });
    // The school sees and decides it like its own; the subjects' list shows it whatever the kind.
    await t.http.get(`/requests/${request.id}`).set('Authorization', auth.school).expect(200);
    await decideAs('school', request.id, 0, { outcome: 'approve' }).expect(200);
    expect((await engine.aboutSubject('test', 's7')).map((r) => [r.id, r.status])).toEqual([[request.id, 'approved']]);
    // Exactly one submitter, each with its foreign key.
    await expect(t.dataSource.query(`UPDATE requests SET submitted_by = $2 WHERE id = $1`, [request.id, principals.school.accountId])).rejects.toThrow(/requests_one_submitter/);
  });

  /** A second account of the organisation at `path` (the submitter may not decide). */
  async function another(path: string): Promise<Principal> {
    const code = path.split('/').filter(Boolean).at(-1)!;
    const username = `rq.second.${code}.${Math.random().toString(36).slice(2, 8)}`;
    const account = await t.app.get(AccountsService).createBySystem({ username, password: PASSWORD, organisationCode: code });
    const [org] = await t.dataSource.query(`SELECT id, level FROM organisations WHERE code = $1`, [code]);
    return { accountId: account.id, role: account.role as Principal['role'], organisationId: org.id, organisationCode: code, organisationLevel: org.level, organisationPath: path, registrarFiled: true, passwordChangeOnly: false };
  }
});
