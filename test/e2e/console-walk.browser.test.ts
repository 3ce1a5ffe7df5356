import type { Page } from 'playwright-core';
import { describeInBrowser } from '../support/browser.js';
import { loadCurrentYears } from '../support/calendar.js';
import { CLASS_LEAVING_DATE, enrolClass } from '../support/classes.js';
import { ConsoleBrowser, idInUrl, until } from '../support/console-browser.js';
import { login, residentId, seedTree, startTestApp, type TestApp } from '../support/test-app.js';

const GUARDIAN_PHONE = '13700137000';
const GUARDIAN_PASSWORD = 'Guardian-Pass-2026';
const PDF = Buffer.from('%PDF-1.4\n% 转学申请表, signed and scanned\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const IMPORT_HEADER = ['姓名', '证件号码', '入学日期', '学段', '年级', '民族', '班级', '入学方式', '监护人1关系', '监护人1姓名', '监护人1电话'];
const CLASS = ['诸葛亮', '诸葛瑾', '诸葛诞', '诸葛恪'].map((name, i) => [name, residentId('330106', '2013-04-10', String(520 + i)), '2026-09-01', '初中', '7', '汉族', '七年级(3)班', '就近入学', '母亲', '黄月英', '13800138000']);
const REVOCATION_REASON = '证书记载与学籍档案不符，依法撤销';

/**
 * Issue 11's "done when", through the console only, in one story: a registrar enrols a student
 * and imports a class; a school in another province starts that student's transfer; the sending
 * school confirms it and both authorities approve it; the county signs a class's certificates and
 * revokes one; a guardian follows the transfer on a phone. Every page passes axe and is kept as a
 * screenshot (test-artifacts/console/walk-*.png). The API is used only to seed what the console
 * does not create (the organisations, a class that entered in 2018, the guardian's own sign-up
 * with the code the registrar's page gave) and to check outcomes.
 */
describeInBrowser('the console, end to end: enrol, import, transfer, certificates, a guardian', () => {
  let t: TestApp;
  let web: ConsoleBrowser;
  let a: Record<'province' | 'city' | 'county' | 'school', string>;
  let b: Record<'province' | 'city' | 'county' | 'school', string>;
  let leavers: string[];
  const story = { studentId: '', studentNumber: '', bindingCode: '', transferId: '', certificateId: '' };
  const idNumber = residentId('330106', '2019-05-20', '402');

  beforeAll(async () => {
    t = await startTestApp();
    a = await seedTree(t, { province: '330000', city: '330100', county: '330106', school: '3330106001' }, 'wa');
    b = await seedTree(t, { province: '320000', city: '320100', county: '320102', school: '3320102001' }, 'wb');
    await loadCurrentYears(t);
    // A primary class that entered in 2018: its stage has ended, its certificates are due.
    leavers = await enrolClass(t, await login(t, a.school), 3);
    web = await ConsoleBrowser.open(t, 'walk');
  });
  afterAll(async () => {
    await web?.close();
    await t?.close();
  });

  const dialog = (page: Page) => page.getByRole('dialog');
  const asApi = async (username: string) => login(t, username);

  it('1. a registrar enrols a student, gives the mother a binding code, and imports a class', async () => {
    const { page, cspViolations, urls } = await web.tab();
    await page.goto(`${web.base}/console/`);
    await page.waitForURL(/\/console\/login/);
    await web.expectAccessible(page, 'login');
    await web.signIn(page, a.school);
    await page.waitForURL(/\/console\/students$/);
    await web.expectAccessible(page, 'roster-empty');

    await page.getByRole('link', { name: '新生注册' }).click();
    await page.fill('#name', '王小明');
    await page.fill('#idNumber', idNumber);
    await expect(page.locator('#id-hint').textContent()).resolves.toContain('出生日期 2019-05-20，性别 女');
    await page.fill('#className', '一年级(1)班');
    await web.expectAccessible(page, 'enrol');
    await page.getByRole('button', { name: '注册' }).click();
    await page.waitForURL(/\/console\/students\/[0-9a-f-]{36}$/);
    story.studentId = idInUrl(page);
    await page.getByText('在籍').first().waitFor();

    // The mother's binding code, shown once on the record page.
    const codes = page.locator('[data-panel=guardian-code]');
    await codes.getByRole('button').click();
    story.bindingCode = (await codes.locator('[data-binding-code]').textContent())!.trim();
    expect(story.bindingCode).toMatch(/\S{6,}/);
    await web.expectAccessible(page, 'record');

    await page.getByRole('link', { name: '导入学生' }).click();
    await page.waitForURL(/\/console\/students\/import$/);
    const csv = [IMPORT_HEADER, ...CLASS].map((row) => row.join(',')).join('\r\n') + '\r\n';
    await page.setInputFiles('#import-file', { name: '七年级3班.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByRole('button', { name: '上传并导入' }).click();
    await page.locator('[data-import][data-state=imported]').waitFor({ timeout: 30_000 });
    await web.expectAccessible(page, 'import-done');
    await page.getByRole('link', { name: '在名册中查看' }).click();
    await page.fill('#f-class', '七年级(3)班');
    await page.getByRole('button', { name: '查询' }).click();
    await until(page, `document.querySelectorAll('.roster tbody tr').length === 4 && document.querySelector('.roster tbody').textContent.includes('诸葛')`);
    await web.expectAccessible(page, 'roster-class');

    const registrar = await asApi(a.school);
    const record = (await t.http.get(`/students/${story.studentId}`).set('Authorization', registrar).expect(200)).body;
    expect(record).toMatchObject({ name: '王小明', status: 'enrolled', className: '一年级(1)班' });
    story.studentNumber = record.studentNumber;
    const imported = (await t.http.get('/students?className=' + encodeURIComponent('七年级(3)班')).set('Authorization', registrar).expect(200)).body.items;
    expect(imported.map((s: { name: string }) => s.name).sort()).toEqual(CLASS.map((row) => row[0]).sort());
    // Names and ID numbers went in request bodies only: no URL the console asked for holds one.
    const asked = urls.join('\n');
    for (const personal of [idNumber, '王小明', ...CLASS.flatMap((row) => [row[0], row[1]])]) expect(asked).not.toContain(personal);
    expect(cspViolations).toEqual([]);
  });

  it('2. a school in another province starts the transfer in; the guardian sees it in progress', async () => {
    const { page, cspViolations, urls } = await web.tab();
    await web.signIn(page, b.school);
    await page.getByRole('link', { name: '转入申请' }).click();
    await page.waitForURL(/\/console\/transfers\/new$/);
    await page.fill('#tr-number', story.studentNumber);
    await page.fill('#tr-id-number', idNumber);
    await page.fill('#tr-grade', '1');
    await page.locator('#tr-grade').press('Tab');
    await page.setInputFiles('#tr-application', { name: '转学申请表.pdf', mimeType: 'application/pdf', buffer: PDF });
    await page.locator('[data-scan-chosen]').waitFor();
    await web.expectAccessible(page, 'transfer');
    await page.getByRole('button', { name: '提交转入申请' }).click();
    const result = page.locator('[data-transfer-result]');
    await result.waitFor();
    for (const step of ['转出学校审核', '转出地教育行政部门审核', '转入地教育行政部门审核']) await expect(result.textContent()).resolves.toContain(step);
    expect(urls.join('\n')).not.toContain(idNumber);
    await web.expectAccessible(page, 'transfer-started');
    await result.getByRole('link', { name: '查看申请详情' }).click();
    await page.waitForURL(/\/console\/requests\/[0-9a-f-]{36}$/);
    story.transferId = idInUrl(page);
    await page.locator('.materials').getByText('转学申请表.pdf').waitFor();
    await web.expectAccessible(page, 'transfer-request');
    expect(cspViolations).toEqual([]);

    // The mother creates her account on her phone with the code the registrar's page gave.
    const phone = await web.phone();
    await phone.page.goto(`${web.base}/console/guardian/login`);
    await phone.page.getByRole('link', { name: '还没有账号？凭学校给的绑定码注册' }).click();
    await phone.page.waitForURL(/\/console\/guardian\/signup$/);
    await phone.page.fill('#binding-code', story.bindingCode);
    await phone.page.fill('#phone', GUARDIAN_PHONE);
    await phone.page.fill('#guardian-password', GUARDIAN_PASSWORD);
    await phone.page.fill('#guardian-confirm', `${GUARDIAN_PASSWORD}!`);
    await phone.page.getByRole('button', { name: '注册家长账号' }).click();
    await phone.page.getByText('两次输入的密码不一致').waitFor();
    await web.expectAccessible(phone.page, 'guardian-signup');
    await phone.page.fill('#guardian-confirm', GUARDIAN_PASSWORD);
    await phone.page.getByRole('button', { name: '注册家长账号' }).click();
    await phone.page.waitForURL(/\/console\/guardian$/);
    const request = phone.page.locator(`[data-child="${story.studentId}"] [data-request="${story.transferId}"]`);
    await request.waitFor();
    await expect(request.locator('[data-status]').textContent()).resolves.toBe('办理中');
    await expect(request.textContent()).resolves.toContain('转出学校审核');
    await web.expectAccessible(phone.page, 'guardian-transfer-open');
    expect(phone.cspViolations).toEqual([]);
  });

  it('3. the sending school confirms, then both authorities approve, each from its inbox', async () => {
    for (const [who, shot, step] of [
      [a.school, 'inbox-sending-school', '转出学校审核'],
      [a.county, 'inbox-sending-county', '转出地教育行政部门审核'],
      [b.county, 'inbox-receiving-county', '转入地教育行政部门审核'],
    ] as const) {
      const { page, cspViolations } = await web.tab();
      await web.signIn(page, who);
      await page.getByRole('link', { name: '待办审批' }).click();
      await page.waitForURL(/\/console\/inbox$/);
      const row = page.locator('.inbox tbody tr').filter({ has: page.locator('[data-kind=student_transfer]') });
      await row.waitFor();
      await expect(row.count()).resolves.toBe(1);
      await expect(row.textContent()).resolves.toContain(step);
      await web.expectAccessible(page, shot);
      await row.getByRole('button', { name: '同意', exact: true }).click();
      await dialog(page).waitFor();
      await dialog(page).getByRole('button', { name: '确定' }).click();
      await page.getByText('已办理').waitFor();
      await row.waitFor({ state: 'detached' });
      expect(cspViolations).toEqual([]);
    }
    const receiving = await asApi(b.school);
    const transfer = (await t.http.get(`/requests/${story.transferId}`).set('Authorization', receiving).expect(200)).body;
    expect(transfer.status).toBe('approved');
    expect(transfer.steps.map((s: { status: string }) => s.status)).toEqual(['approved', 'approved', 'approved']);
    const moved = (await t.http.get(`/students/${story.studentId}`).set('Authorization', receiving).expect(200)).body;
    expect(moved.schoolCode).toBe('3320102001');
    // The sending school no longer sees the record in its roster.
    await t.http.get(`/students/${story.studentId}`).set('Authorization', await asApi(a.school)).expect(404);
  });

  it("4. the school proposes the class's leavers; the county signs them and revokes one certificate", async () => {
    const school = await web.tab();
    let page = school.page;
    await web.signIn(page, a.school);
    await page.getByRole('link', { name: '毕业名单' }).click();
    await page.fill('#leaving-date', CLASS_LEAVING_DATE);
    await page.getByRole('button', { name: '列出学生' }).click();
    await page.locator('.leavers input.tick').nth(2).waitFor();
    await expect(page.locator('.leavers input.tick:checked').count()).resolves.toBe(3);
    await web.expectAccessible(page, 'leavers');
    await page.getByRole('button', { name: '提交审核（3 人）' }).click();
    await page.waitForURL(/\/console\/leaver-lists\/[0-9a-f-]{36}$/);
    const listId = idInUrl(page);
    await page.locator('[data-list-state=proposed]').waitFor();
    await web.expectAccessible(page, 'leaver-list-proposed');
    expect(school.cspViolations).toEqual([]);

    const office = await web.tab();
    page = office.page;
    await web.signIn(page, a.county);
    await page.getByRole('link', { name: '证书签发' }).click();
    await page.waitForURL(/\/console\/leaver-lists$/);
    await page.locator(`.lists a[href$="${listId}"]`).click();
    await page.waitForURL(new RegExp(`/console/leaver-lists/${listId}$`));
    await page.getByRole('button', { name: '同意并签发' }).click();
    await dialog(page).waitFor();
    await web.expectAccessible(page, 'leaver-list-approve');
    await dialog(page).getByRole('button', { name: '确定' }).click();
    await page.locator('[data-list-state=issued]').waitFor({ timeout: 30_000 });
    await expect(page.locator('[data-progress]').textContent()).resolves.toContain('已签发 3 / 3');
    await web.expectAccessible(page, 'leaver-list-signed');

    await page.locator('.items tbody tr').first().locator('a[data-certificate]').click();
    await page.waitForURL(/\/console\/certificates\/[0-9a-f-]{36}$/);
    story.certificateId = idInUrl(page);
    await expect(page.locator('[data-certificate-status]').textContent()).resolves.toBe('有效');
    await web.expectAccessible(page, 'certificate');
    await page.getByRole('button', { name: '撤销证书' }).click();
    await dialog(page).waitFor();
    await page.fill('#status-reason', REVOCATION_REASON);
    await web.expectAccessible(page, 'certificate-revoke');
    await dialog(page).getByRole('button', { name: '撤销证书' }).click();
    await page.locator('[data-status=revoked]').waitFor();
    await dialog(page).waitFor({ state: 'hidden' });
    await web.expectAccessible(page, 'certificate-revoked');

    // What anyone who scans the QR code sees, and what a verifier that knows nothing of us is told.
    await page.goto(`${web.base}/verify/${story.certificateId}`);
    await page.getByText('证书已撤销').first().waitFor();
    await web.expectAccessible(page, 'verify-revoked');
    expect(office.cspViolations).toEqual([]);

    const county = await asApi(a.county);
    const signed = (await t.http.get(`/leaver-lists/${listId}`).set('Authorization', county).expect(200)).body;
    expect(signed).toMatchObject({ state: 'issued', total: 3 });
    expect(signed.items.map((i: { studentId: string }) => i.studentId).sort()).toEqual([...leavers].sort());
    const certificate = (await t.http.get(`/certificates/${story.certificateId}`).set('Authorization', county).expect(200)).body;
    expect(certificate).toMatchObject({ status: 'revoked', statusReason: REVOCATION_REASON });
    const verified = (await t.http.post('/credentials/verify').send({ verifiableCredential: certificate.verifiableCredential }).expect(422)).body;
    expect(verified).toMatchObject({ verified: false, status: 'revoked' });
  });

  it('5. the guardian follows the transfer to its end on a 360 px phone', async () => {
    const { page, cspViolations } = await web.phone();
    await web.guardianSignIn(page, GUARDIAN_PHONE, GUARDIAN_PASSWORD);
    const request = page.locator(`[data-child="${story.studentId}"] [data-request="${story.transferId}"]`);
    await request.waitFor();
    await expect(request.locator('[data-status]').textContent()).resolves.toBe('已批准');
    const text = (await request.textContent())!;
    expect(text).toContain('转学');
    expect(text.match(/已同意/g)).toHaveLength(3);
    const card = (await page.locator(`[data-child="${story.studentId}"]`).textContent())!;
    expect(card).not.toContain(idNumber);
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);
    await web.expectAccessible(page, 'guardian-transfer-approved');

    // The child's record: at the new school, the ID number masked, the move in its history.
    await page.locator(`[data-child="${story.studentId}"]`).getByRole('link', { name: '学籍档案' }).click();
    await page.waitForURL(new RegExp(`/console/guardian/children/${story.studentId}$`));
    const masked = (await page.locator('[data-id-masked]').textContent())!;
    expect(masked).toMatch(/^330\*+\w$/);
    expect(masked.endsWith(idNumber[17])).toBe(true);
    const record = (await page.locator('main').textContent())!;
    expect(record).not.toContain(idNumber);
    expect(record).toContain(story.studentNumber);
    expect(await page.locator('.periods li').count()).toBeGreaterThanOrEqual(2);
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);
    await web.expectAccessible(page, 'guardian-record');
    expect(cspViolations).toEqual([]);
  });
});
