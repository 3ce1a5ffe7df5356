import type { Page } from 'playwright-core';
import { describeInBrowser } from '../support/browser.js';
import { addDays, enrolStudent, SHA, today } from '../support/change-requests.js';
import { loadCurrentYears } from '../support/calendar.js';
import { ConsoleBrowser, FIRST_VISIT_BUDGET, gzippedBytes } from '../support/console-browser.js';
import { login, residentId, seedTree, startTestApp, type TestApp } from '../support/test-app.js';

const GUARDIAN_PASSWORD = 'Guardian-Pass-2026';

/** The web console in a real browser, through its pages only (docs/console.md). */
describeInBrowser('the web console in a browser', () => {
  let t: TestApp;
  let web: ConsoleBrowser;
  let users: Record<'province' | 'city' | 'county' | 'school', string>;
  let suspensions: string[];
  let suspendedStudent: string;

  beforeAll(async () => {
    t = await startTestApp();
    web = await ConsoleBrowser.open(t, 'console');
    users = await seedTree(t, { province: '330000', city: '330100', county: '330106', school: '3330106001' }, 'cb');
    await loadCurrentYears(t);
    // The console cannot start a request yet: the registrar's suspension is asked through the API.
    const registrar = await login(t, users.school);
    const suspend = async (seq: string, days: number) => {
      const student = await enrolStudent(t, registrar, seq);
      const from = addDays(today(), -days);
      const body = { kind: 'suspension', from, until: addDays(from, 120), applicationDate: addDays(from, -2), applicationSha256: SHA('c') };
      suspendedStudent = student;
      return (await t.http.post(`/students/${student}/change-requests`).set('Authorization', registrar).send(body).expect(201)).body.id as string;
    };
    suspensions = [await suspend('301', 3), await suspend('302', 1)];
    // A mother bound to the second student (the console cannot issue binding codes yet).
    const code = (await t.http.post(`/students/${suspendedStudent}/guardian-codes`).set('Authorization', registrar).send({ relation: 'mother' }).expect(201)).body.code;
    await t.http.post('/guardian/accounts').send({ code, phone: '13800138000', password: GUARDIAN_PASSWORD }).expect(201);
  });
  afterAll(async () => {
    await web?.close();
    await t?.close();
  });

  /** Signed out, the console sends a visitor to its login page (which passes axe), and on after signing in. */
  async function signIn(page: Page, username: string): Promise<void> {
    await page.goto(`${web.base}/console/`);
    await page.waitForURL(/\/console\/login/);
    await web.expectAccessible(page, `login-${username}`);
    await web.submitLogin(page, username);
  }

  it('a registrar signs in, enrols a student with the ID number checked as typed, and finds the student in the roster', async () => {
    const { page, cspViolations, scripts } = await web.tab();
    await signIn(page, users.school);
    await page.waitForURL(/\/console\/students$/);
    await page.waitForLoadState('networkidle');
    // The files the browser asked for, gzipped as a server or proxy in front would send them.
    const firstVisit = gzippedBytes(scripts);
    console.log(`console first visit (login + roster): ${scripts.size} scripts, ${(firstVisit / 1024).toFixed(1)} KB gzipped`);
    expect(firstVisit).toBeLessThan(FIRST_VISIT_BUDGET);
    await expect(page.locator('h1').textContent()).resolves.toBe('学生名册');

    await page.getByRole('link', { name: '新生注册' }).click();
    await page.waitForURL(/\/console\/students\/new$/);
    const idNumber = residentId('330106', '2019-05-20', '402');
    const wrongCheck = idNumber.slice(0, 17) + (idNumber[17] === '1' ? '2' : '1');
    await page.fill('#name', '王小明');
    await page.fill('#idNumber', wrongCheck);
    await expect(page.locator('[data-problem]').textContent()).resolves.toContain(`校验码与前 17 位不符，请核对是否输错（应为 ${idNumber[17]}）`);
    await page.fill('#idNumber', idNumber);
    await expect(page.locator('#id-hint').textContent()).resolves.toContain('出生日期 2019-05-20，性别 女');
    await page.fill('#className', '一年级(1)班');
    await web.expectAccessible(page, 'enrol');
    await page.getByRole('button', { name: '注册' }).click();
    await page.waitForURL(/\/console\/students\/[0-9a-f-]{36}$/);
    await expect(page.locator('h1').textContent()).resolves.toBe('学籍档案');
    await page.getByText('在籍').first().waitFor();
    const record = (await page.locator('main').textContent())!;
    expect(record).toContain('王小明');
    expect(record).not.toContain(idNumber);
    await web.expectAccessible(page, 'student');

    // A reload keeps the session (the HttpOnly cookie), and the roster shows the new student.
    await page.reload();
    await page.getByRole('link', { name: '学生名册' }).click();
    await page.getByRole('link', { name: '王小明' }).waitFor();
    await web.expectAccessible(page, 'roster');

    // Under the service's rate limit the console says when to try again (the 429 is played here).
    const roster = (url: URL) => url.pathname === '/students';
    await page.route(roster, (route) =>
      route.fulfill({ status: 429, headers: { 'Retry-After': '30', 'Content-Type': 'application/problem+json' }, body: JSON.stringify({ status: 429, code: 'TOO_MANY_REQUESTS', title: 'Too Many Requests' }) }),
    );
    await page.reload();
    await page.getByText('操作过于频繁，请 30 秒后再试').waitFor();
    await page.unroute(roster);

    // English behind the switch, kept across a reload.
    await page.getByRole('button', { name: 'English' }).click();
    await expect(page.locator('h1').textContent()).resolves.toBe('Roster');
    await page.reload();
    await page.getByRole('link', { name: '王小明' }).waitFor();
    await expect(page.locator('h1').textContent()).resolves.toBe('Roster');
    await web.expectAccessible(page, 'roster-en');
    expect(await page.evaluate<string>('JSON.stringify(localStorage)')).not.toMatch(/eyJ/);
    expect(await page.evaluate<string>('document.cookie')).not.toContain('xueji_session');
    expect(cspViolations).toEqual([]);
  });

  it('a county admin approves the suspension in the inbox; a second decision sees that someone else decided first', async () => {
    const { page, cspViolations } = await web.tab();
    await signIn(page, users.county);
    await page.waitForURL(/\/console\/inbox$/);
    const rows = page.locator('.inbox tbody tr').filter({ has: page.locator('[data-kind=student_suspension]') });
    await rows.nth(1).waitFor();
    await expect(rows.count()).resolves.toBe(2);
    await expect(rows.first().textContent()).resolves.toContain('休学');
    await web.expectAccessible(page, 'inbox');

    await rows.first().getByRole('button', { name: '同意', exact: true }).click();
    await page.getByRole('dialog').waitFor();
    await web.expectAccessible(page, 'inbox-decision');
    await page.getByRole('dialog').getByRole('button', { name: '确定' }).click();
    await page.getByText('已办理').waitFor();
    await rows.nth(1).waitFor({ state: 'detached' });
    await expect(rows.count()).resolves.toBe(1);
    const county = await login(t, users.county);
    const statusOf = async (id: string) => (await t.http.get(`/requests/${id}`).set('Authorization', county).expect(200)).body.status as string;
    const open = [];
    for (const id of suspensions) if ((await statusOf(id)) === 'open') open.push(id);
    expect(open).toHaveLength(1);
    const racedId = open[0];

    // A colleague refuses the other one while this page still shows it: the console says so.
    await rows.first().getByRole('button', { name: '同意', exact: true }).click();
    await page.getByRole('dialog').waitFor();
    await t.http.post(`/requests/${racedId}/steps/0/decision`).set('Authorization', county).send({ outcome: 'refuse', reason: '材料不全' }).expect(200);
    await page.getByRole('dialog').getByRole('button', { name: '确定' }).click();
    // Who won, when and how: the colleague's refusal.
    await page.getByText(`他人已先行办理此环节：${users.county} 于`).waitFor();
    await expect(page.getByText(`他人已先行办理此环节：${users.county} 于`).textContent()).resolves.toContain('不同意');
    await rows.first().waitFor({ state: 'detached' });
    await page.getByText('暂无待办事项').waitFor();
    expect(await statusOf(racedId)).toBe('refused');
    expect((await Promise.all(suspensions.map(statusOf))).sort()).toEqual(['approved', 'refused']);
    expect(cspViolations).toEqual([]);
  });

  it("a guardian signs in on a 360 px phone and follows the child's request", async () => {
    const { page, cspViolations } = await web.phone();
    await page.goto(`${web.base}/console/guardian`);
    await page.waitForURL(/\/console\/guardian\/login$/);
    await web.expectAccessible(page, 'guardian-login');
    await web.guardianSignIn(page, '13800138000', GUARDIAN_PASSWORD);
    const card = page.locator(`[data-child="${suspendedStudent}"]`);
    await card.locator('.request').first().waitFor();
    const text = (await card.textContent())!;
    expect(text).toContain('测试学生');
    expect(text).toContain('母亲');
    expect(text).toContain('休学');
    expect(text).toMatch(/已批准|未批准/);
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);
    await web.expectAccessible(page, 'guardian');
    expect(await page.evaluate<string>('document.cookie')).not.toContain('xueji_guardian_session');
    expect(cspViolations).toEqual([]);
  });
});
