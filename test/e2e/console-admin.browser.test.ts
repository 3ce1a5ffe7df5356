import type { Page } from 'playwright-core';
import { AccountSealingService } from '../../src/platform/accounts/account-sealing.service.js';
import { AccountsService } from '../../src/platform/accounts/accounts.service.js';
import { describeInBrowser } from '../support/browser.js';
import { enrolStudent } from '../support/change-requests.js';
import { loadCurrentYears } from '../support/calendar.js';
import { ConsoleBrowser, FIRST_VISIT_BUDGET, gzippedBytes } from '../support/console-browser.js';
import { login, PASSWORD, seedTree, startTestApp, type TestApp } from '../support/test-app.js';

const SCHOOL_PATH = '/000000/330000/330100/330106/3330106001/';

interface Warning { id: string; kind: string; organisationCode: string; evidence: Record<string, unknown>; acknowledgedAt: string | null; note: string | null }
interface Key { id: string; algorithm: string; status: string; publicKeyMultibase: string }

/** An education authority's administration pages in a real browser (docs/console/admin.md). */
describeInBrowser('the authority pages of the web console', () => {
  let t: TestApp;
  let web: ConsoleBrowser;
  let users: Record<'province' | 'city' | 'county' | 'school', string>;
  let county: string;
  let lateWarning: Warning;

  beforeAll(async () => {
    t = await startTestApp();
    web = await ConsoleBrowser.open(t, 'admin');
    users = await seedTree(t, { province: '330000', city: '330100', county: '330106', school: '3330106001' }, 'ad');
    await loadCurrentYears(t);
    // Students for the statistics (the console's enrolment page is another area's): 6 junior, 5 primary,
    // 2 senior — the last a small cell the service suppresses. Entered a year late, they warn the county (第六条).
    const registrar = await login(t, users.school);
    let seq = 500;
    for (const [stage, n] of [['junior', 6], ['primary', 5], ['senior', 2]] as const) for (let i = 0; i < n; i++) await enrolStudent(t, registrar, String(seq++), stage);
    county = await login(t, users.county);
    const warnings = (await t.http.get('/warnings?kind=registration.late').set('Authorization', county).expect(200)).body.items as Warning[];
    expect(warnings).toHaveLength(1);
    lateWarning = warnings[0];
    // A registrar left unused: sealed as the dormancy sweep would (the console cannot make time pass).
    const dormant = await t.app.get(AccountsService).createBySystem({ username: 'ad.dormant', password: PASSWORD, organisationCode: '3330106001' });
    const sealing = t.app.get(AccountSealingService);
    await t.dataSource.transaction((em) => sealing.sealIn(em, { id: dormant.id, role: 'school_registrar', organisationPath: SCHOOL_PATH, lastUsedAt: new Date('2026-01-05') }, new Date(), 'sweep'));
  });
  afterAll(async () => {
    await web?.close();
    await t?.close();
  });

  /** Signed out, the console sends the county admin to its login page, and on to the inbox. */
  async function signInAsCounty(page: Page): Promise<void> {
    await page.goto(`${web.base}/console/`);
    await page.waitForURL(/\/console\/login/);
    await web.submitLogin(page, users.county);
    await page.waitForURL(/\/console\/inbox$/);
  }

  const accountNamed = async (username: string) =>
    ((await t.http.get('/accounts?limit=200').set('Authorization', county).expect(200)).body.items as Array<Record<string, unknown>>).find((a) => a.username === username)!;

  it('a county admin creates a registrar account, hands over its activation code, records filing and training, and unseals a sealed account', async () => {
    const { page, cspViolations, scripts } = await web.tab();
    await signInAsCounty(page);
    await page.waitForLoadState('networkidle');
    // The first visit (login → inbox) loads neither the admin pages nor ECharts.
    const firstVisit = gzippedBytes(scripts);
    console.log(`console first visit of an authority (login + inbox): ${scripts.size} scripts, ${(firstVisit / 1024).toFixed(1)} KB gzipped`);
    expect(firstVisit).toBeLessThan(FIRST_VISIT_BUDGET);
    expect([...scripts].filter((s) => /^(Statistics|Accounts|Keys|Warnings)Page-/.test(s))).toEqual([]);

    await page.getByRole('link', { name: '账号管理' }).click();
    await page.waitForURL(/\/console\/accounts$/);
    const row = (username: string) => page.locator('.accounts tbody tr').filter({ has: page.locator(`[data-account="${username}"]`) });
    await row('ad.school').waitFor();
    await expect(row('ad.school').locator('[data-standing]').textContent()).resolves.toBe('可办理学籍业务');
    await expect(row('ad.dormant').locator('[data-status]').textContent()).resolves.toBe('已封存');
    await web.expectAccessible(page, 'accounts');

    await page.getByRole('button', { name: '新建账号' }).click();
    await page.getByRole('dialog').waitFor();
    await page.fill('#new-username', 'ad.registrar2');
    await expect(page.getByRole('dialog').textContent()).resolves.toContain('school 3330106001（3330106001）· 学校学籍管理员');
    await web.expectAccessible(page, 'account-create');
    await page.getByRole('dialog').getByRole('button', { name: '新建账号' }).click();
    const shown = page.locator('[data-activation-code]');
    await shown.waitFor();
    const activationCode = (await shown.textContent())!.trim();
    await web.expectAccessible(page, 'account-code');
    await page.getByRole('dialog', { name: '激活码（仅显示这一次）' }).getByRole('button', { name: '关闭' }).click();

    // The new account: a registrar of the school, waiting for activation, neither filed nor trained.
    await row('ad.registrar2').waitFor();
    expect(await row('ad.registrar2').locator('[data-status]').textContent()).toBe('待激活');
    expect(await row('ad.registrar2').locator('[data-standing]').textContent()).toBe('尚不能办理：未备案、未培训');
    expect(await accountNamed('ad.registrar2')).toMatchObject({ role: 'school_registrar', organisationCode: '3330106001', status: 'pending_activation', filing: null, training: null });

    await row('ad.registrar2').getByRole('button', { name: '登记备案 ad.registrar2' }).click();
    await page.getByRole('dialog').waitFor();
    await page.fill('#record-date', '2026-10-08');
    await page.fill('#record-text', '西教学籍备〔2026〕7号');
    await web.expectAccessible(page, 'account-filing');
    await page.getByRole('dialog').getByRole('button', { name: '确定' }).click();
    await row('ad.registrar2').getByText('2026-10-08 备案，编号 西教学籍备〔2026〕7号').waitFor();
    expect(await row('ad.registrar2').locator('[data-standing]').textContent()).toBe('尚不能办理：未培训');

    await row('ad.registrar2').getByRole('button', { name: '登记培训 ad.registrar2' }).click();
    await page.getByRole('dialog').waitFor();
    await page.fill('#record-date', '2026-10-09');
    await page.fill('#record-text', '学籍管理员岗前培训');
    await page.getByRole('dialog').getByRole('button', { name: '确定' }).click();
    await row('ad.registrar2').getByText('2026-10-09 培训：学籍管理员岗前培训').waitFor();
    expect(await row('ad.registrar2').locator('[data-standing]').textContent()).toBe('待持有人激活');
    expect(await accountNamed('ad.registrar2')).toMatchObject({ filing: { filedOn: '2026-10-08', reference: '西教学籍备〔2026〕7号' }, training: { trainedOn: '2026-10-09', course: '学籍管理员岗前培训' } });

    // The code shown is the real one: the holder sets a password with it and signs in.
    await t.http.post('/auth/activation').send({ username: 'ad.registrar2', activationCode, newPassword: 'Registrar2-Pass-2026' }).expect(204);
    await t.http.post('/auth/login').send({ username: 'ad.registrar2', password: 'Registrar2-Pass-2026' }).expect(200);

    // Unsealing the dormant registrar gives a fresh code for the holder.
    await row('ad.dormant').getByRole('button', { name: '解封 ad.dormant' }).click();
    await page.getByRole('dialog').waitFor();
    await expect(page.getByRole('dialog').textContent()).resolves.toContain('旧密码作废');
    await web.expectAccessible(page, 'account-unseal');
    await page.getByRole('dialog').getByRole('button', { name: '解封' }).click();
    await shown.waitFor();
    expect((await shown.textContent())!.trim()).not.toBe(activationCode);
    await page.getByRole('dialog', { name: '激活码（仅显示这一次）' }).getByRole('button', { name: '关闭' }).click();
    await expect(row('ad.dormant').locator('[data-status]').textContent()).resolves.toBe('待激活');
    expect(await accountNamed('ad.dormant')).toMatchObject({ status: 'pending_activation' });
    expect(cspViolations).toEqual([]);
  });

  it("a county admin rotates the county's Ed25519 key and sees the new one listed; revoking explains what it does", async () => {
    const { page, cspViolations } = await web.tab();
    await signInAsCounty(page);
    const keysOf = async () => (await t.http.get('/organisations/330106/keys').set('Authorization', county).expect(200)).body.keys as Key[];
    const before = (await keysOf()).find((k) => k.algorithm === 'Ed25519' && k.status === 'active')!;

    await page.getByRole('link', { name: '签名密钥' }).click();
    await page.waitForURL(/\/console\/keys$/);
    const active = page.locator('.keys tbody tr').filter({ has: page.locator('[data-key-status=active]') });
    await active.nth(1).waitFor();
    await web.expectAccessible(page, 'keys');

    await page.getByRole('button', { name: '轮换密钥 Ed25519' }).click();
    await page.getByRole('dialog').waitFor();
    await expect(page.getByRole('dialog').textContent()).resolves.toContain('此前签发的证书和凭证仍可正常验证');
    await page.fill('#rotate-reason', '年度例行轮换');
    await web.expectAccessible(page, 'keys-rotate');
    await page.getByRole('dialog').getByRole('button', { name: '轮换密钥' }).click();
    await page.getByText('已轮换，新密钥已启用').waitFor();

    const after = await keysOf();
    const now = after.find((k) => k.algorithm === 'Ed25519' && k.status === 'active')!;
    expect(now.id).not.toBe(before.id);
    expect(after.find((k) => k.id === before.id)!.status).toBe('retired');
    const retired = page.locator('.keys tbody tr').filter({ has: page.locator('[data-key-status=retired]') });
    await retired.first().waitFor();
    expect(await retired.first().textContent()).toContain('年度例行轮换');
    const activeEd = active.filter({ hasText: 'Ed25519' });
    expect(await activeEd.count()).toBe(1);
    expect(await activeEd.locator('code').getAttribute('title')).toBe(now.publicKeyMultibase);

    // Revoking the retired key: the dialog says what follows before anything is done.
    await retired.first().getByRole('button', { name: /^吊销 Ed25519/ }).click();
    await page.getByRole('dialog').waitFor();
    await expect(page.locator('[data-consequence]').textContent()).resolves.toContain('自“泄露时间”起签发的一切证书和凭证都将无法通过验证');
    await page.fill('#revoke-reason', '备份介质遗失');
    await web.expectAccessible(page, 'keys-revoke');
    await page.getByRole('dialog').getByRole('button', { name: '吊销' }).click();
    await page.getByText('密钥已吊销').waitFor();
    expect((await keysOf()).find((k) => k.id === before.id)).toMatchObject({ status: 'revoked', reason: '备份介质遗失' });
    await page.locator('.keys tbody tr [data-key-status=revoked]').waitFor();
    expect(cspViolations).toEqual([]);
  });

  it('a county admin reads a warning with its evidence in words and acknowledges it with a note', async () => {
    const { page, cspViolations } = await web.tab();
    await signInAsCounty(page);
    await page.getByRole('link', { name: '预警', exact: true }).click();
    await page.waitForURL(/\/console\/warnings$/);
    const card = page.locator(`[data-warning="${lateWarning.id}"]`);
    await card.waitFor();
    const text = (await card.textContent())!;
    expect(text).toContain('入学两个月后才建立学籍（第六条）');
    expect(text).toContain('school 3330106001（3330106001）');
    expect(await card.locator('[data-field=enrolmentDate]').textContent()).toBe(lateWarning.evidence.enrolmentDate);
    expect(await card.getByRole('link', { name: '查看学生档案' }).getAttribute('href')).toBe(`/console/students/${lateWarning.evidence.studentId}`);
    // The sealed account's warning is there too, its trigger in words.
    await expect(page.locator('[data-kind="account.sealed"] [data-field=trigger]').textContent()).resolves.toBe('定期检查');
    await web.expectAccessible(page, 'warnings');

    await card.getByRole('button', { name: '处理：入学两个月后才建立学籍（第六条）' }).click();
    await page.getByRole('dialog').waitFor();
    await page.fill('#warning-note', '已核实：该校补录去年秋季入学学生，已提醒按时建档');
    await web.expectAccessible(page, 'warning-acknowledge');
    await page.getByRole('dialog').getByRole('button', { name: '确定' }).click();
    await card.waitFor({ state: 'detached' });
    const acknowledged = (await t.http.get('/warnings?state=acknowledged').set('Authorization', county).expect(200)).body.items as Warning[];
    expect(acknowledged.find((w) => w.id === lateWarning.id)).toMatchObject({ note: '已核实：该校补录去年秋季入学学生，已提醒按时建档' });

    // Among the handled ones it shows with its note.
    await page.locator('.el-select:has(#warning-state)').click();
    await page.getByRole('option', { name: '已处理' }).click();
    await expect(card.locator('[data-acknowledged]').textContent()).resolves.toContain('已核实：该校补录去年秋季入学学生');
    expect(cspViolations).toEqual([]);
  });

  it('a county admin sees the statistics as charts, with the same figures as GET /statistics/students in tables', async () => {
    const { page, cspViolations, scripts } = await web.tab();
    await signInAsCounty(page);
    await page.getByRole('link', { name: '统计' }).click();
    await page.waitForURL(/\/console\/statistics$/);
    for (const by of ['region', 'stage', 'grade', 'status']) {
      const chart = page.locator(`[data-chart=${by}]`);
      await chart.locator('canvas').waitFor();
      expect(await chart.getAttribute('role')).toBe('img');
      expect(await chart.getAttribute('aria-label')).toMatch(/的学生人数图表，数字见下表$/);
      const api = (await t.http.get(`/statistics/students?by=${by}`).set('Authorization', county).expect(200)).body as { cells: Array<{ key: Record<string, unknown>; count: number | null; suppressed: boolean }> };
      const expected = api.cells.map((c) => [String(c.key[by]), c.suppressed ? 'suppressed' : String(c.count)]);
      const shown = await page.evaluate<string[][]>(
        `[...document.querySelectorAll('[data-dimension=${by}] tbody tr[data-value]')].map((r) => [r.dataset.value, r.querySelector('td').dataset.count])`,
      );
      expect({ by, shown }).toEqual({ by, shown: expected });
    }
    // What the service answered for this tree: the junior pupils counted, the two seniors (and their smallest neighbour) suppressed.
    await expect(page.locator('[data-dimension=stage] tr[data-value=junior] td').textContent()).resolves.toBe('6');
    await expect(page.locator('[data-dimension=stage] tr[data-value=senior] td').textContent()).resolves.toBe('已隐去（少于 5）');
    await expect(page.locator('[data-dimension=region] tr[data-value="3330106001"] th').textContent()).resolves.toBe('school 3330106001（3330106001）');
    await expect(page.locator('[data-total]').textContent()).resolves.toBe('合计 13 人');
    expect([...scripts].some((s) => s.startsWith('StatisticsPage-'))).toBe(true);
    await web.expectAccessible(page, 'statistics');

    await page.getByRole('button', { name: 'English' }).click();
    await expect(page.locator('h1').textContent()).resolves.toBe('Student statistics');
    await page.reload();
    await page.locator('[data-chart=stage] canvas').waitFor();
    await expect(page.locator('[data-chart=stage]').getAttribute('aria-label')).resolves.toBe('By stage: chart of students; the figures are in the table below');
    await web.expectAccessible(page, 'statistics-en');
    expect(cspViolations).toEqual([]);
  });
});
