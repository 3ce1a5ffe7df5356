import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describeInBrowser } from '../support/browser.js';
import { addDays, enrolStudent, today } from '../support/change-requests.js';
import { loadCurrentYears } from '../support/calendar.js';
import { ConsoleBrowser, idInUrl } from '../support/console-browser.js';
import { login, residentId, seedTree, startTestApp, type TestApp } from '../support/test-app.js';

const GUARDIAN_PASSWORD = 'Guardian-Pass-2026';
const PDF = Buffer.from('%PDF-1.4\n% a signed application, scanned\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0xff, 0xd9]);
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** Starting and following requests through the console (docs/console/requests.md). */
describeInBrowser('the console: starting and following requests', () => {
  let t: TestApp;
  let web: ConsoleBrowser;
  let a: Record<'province' | 'city' | 'county' | 'school', string>;
  let b: Record<'province' | 'city' | 'county' | 'school', string>;
  let suspended: string;
  let leaving: { id: string; studentNumber: string; idNumber: string };
  let child: string;

  beforeAll(async () => {
    t = await startTestApp();
    web = await ConsoleBrowser.open(t, 'requests');
    // Two schools in two counties (Hangzhou 330106, Nanjing 320102): the second receives a transfer.
    a = await seedTree(t, { province: '330000', city: '330100', county: '330106', school: '3330106001' }, 'rqa');
    b = await seedTree(t, { province: '320000', city: '320100', county: '320102', school: '3320102001' }, 'rqb');
    await loadCurrentYears(t);
    const registrar = await login(t, a.school);
    suspended = await enrolStudent(t, registrar, '311');
    const leavingId = await enrolStudent(t, registrar, '313');
    const record = (await t.http.get(`/students/${leavingId}`).set('Authorization', registrar).expect(200)).body;
    leaving = { id: leavingId, studentNumber: record.studentNumber, idNumber: residentId('330106', '2013-03-01', '313') };
    // A father bound to a third student (binding codes are not this area's pages).
    child = await enrolStudent(t, registrar, '315');
    const code = (await t.http.post(`/students/${child}/guardian-codes`).set('Authorization', registrar).send({ relation: 'father' }).expect(201)).body.code;
    await t.http.post('/guardian/accounts').send({ code, phone: '13900139000', password: GUARDIAN_PASSWORD }).expect(201);
  });
  afterAll(async () => {
    await web?.close();
    await t?.close();
  });

  it('a registrar starts a suspension with its signed application, is told a too-long one is wrong, and sees the request with its step, due date and material', async () => {
    const { page, cspViolations } = await web.tab();
    await web.signIn(page, a.school);
    await page.goto(`${web.base}/console/students/${suspended}`);
    await page.getByRole('button', { name: '发起学籍变动申请' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    await expect(dialog.textContent()).resolves.toContain('休学期一般不超过一年');
    const from = addDays(today(), -2);
    await page.fill('#rq-from', from);
    await page.fill('#rq-until', addDays(from, 400));
    await page.fill('#rq-applicationDate', addDays(from, -3));
    await page.setInputFiles('#rq-applicationSha256', { name: '休学申请书.pdf', mimeType: 'application/pdf', buffer: PDF });
    await dialog.locator('[data-scan-chosen]').waitFor();
    await web.expectAccessible(page, 'start-dialog');

    // The service's 400 names `until`: the console puts its message under that input.
    await dialog.getByRole('button', { name: '提交申请' }).click();
    await dialog.getByText('请按提示修改标红的项目').waitFor();
    const untilItem = dialog.locator('.el-form-item').filter({ has: page.locator('#rq-until') });
    await expect(untilItem.locator('.el-form-item__error').textContent()).resolves.toContain('at most one year');
    await web.expectAccessible(page, 'start-dialog-error');

    await page.fill('#rq-until', addDays(from, 120));
    await dialog.getByRole('button', { name: '提交申请' }).click();
    await page.waitForURL(/\/console\/requests\/[0-9a-f-]{36}$/);
    const requestId = idInUrl(page);
    await page.locator('.materials').getByText('休学申请书.pdf').waitFor();
    await expect(page.locator('[data-kind]').textContent()).resolves.toBe('休学');
    await expect(page.locator('[data-status]').textContent()).resolves.toBe('办理中');
    const steps = (await page.locator('.request-steps').textContent())!;
    expect(steps).toContain('主管教育行政部门审核');
    expect(steps).toContain('330106');
    expect(steps).toContain('办理中');
    expect((await page.locator('[data-due]').first().textContent())!.trim()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await web.expectAccessible(page, 'request');

    // Through the API: the body carried the scan's digest, and the same file is the request's material.
    const county = await login(t, a.county);
    const request = (await t.http.get(`/requests/${requestId}`).set('Authorization', county).expect(200)).body;
    expect(request).toMatchObject({ kind: 'student_suspension', subjectId: suspended, status: 'open' });
    expect(request.steps[0].dueDate).toBeTruthy();
    const materials = (await t.http.get(`/requests/${requestId}/materials`).set('Authorization', county).expect(200)).body.items;
    expect(materials).toEqual([expect.objectContaining({ fileName: '休学申请书.pdf', mediaType: 'application/pdf', sha256: sha256(PDF) })]);
    expect(JSON.stringify(request.details)).toContain(sha256(PDF));

    // The list shows it; its link opens the request page.
    await page.getByRole('link', { name: '申请事项' }).click();
    await page.locator(`[data-request="${requestId}"]`).waitFor();
    await web.expectAccessible(page, 'list');
    expect(cspViolations).toEqual([]);
  });

  it('an authority follows the request from the list and downloads its material', async () => {
    const { page, cspViolations } = await web.tab();
    await web.signIn(page, a.county);
    await page.getByRole('link', { name: '申请事项' }).click();
    await page.locator('.el-select').filter({ has: page.locator('#rq-status-filter') }).click();
    await page.getByRole('option', { name: '办理中' }).click();
    const link = page.locator('.requests [data-request]').first();
    await link.waitFor();
    await link.click();
    await page.waitForURL(/\/console\/requests\/[0-9a-f-]{36}$/);
    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: '下载 休学申请书.pdf' }).click();
    const file = await download;
    expect(readFileSync((await file.path())!)).toEqual(PDF);
    await web.expectAccessible(page, 'request-authority');
    expect(cspViolations).toEqual([]);
  });

  it("a school in another county starts a transfer in (a wrong pair found nothing) and sees both authorities' steps", async () => {
    const { page, cspViolations } = await web.tab();
    await web.signIn(page, b.school);
    await page.getByRole('link', { name: '转入申请' }).click();
    await page.waitForURL(/\/console\/transfers\/new$/);
    await page.fill('#tr-number', leaving.studentNumber);
    await page.fill('#tr-id-number', residentId('330106', '2013-03-01', '315'));
    await page.fill('#tr-grade', '8');
    await page.locator('#tr-grade').press('Tab');
    await page.setInputFiles('#tr-application', { name: 'transfer.pdf', mimeType: 'application/pdf', buffer: PDF });
    await page.locator('[data-scan-chosen]').waitFor();
    await web.expectAccessible(page, 'transfer');
    await page.getByRole('button', { name: '提交转入申请' }).click();
    await page.getByText('没有找到学籍号与证件号码都相符的学生').waitFor();

    await page.fill('#tr-id-number', leaving.idNumber);
    await page.getByRole('button', { name: '提交转入申请' }).click();
    const result = page.locator('[data-transfer-result]');
    await result.waitFor();
    const text = (await result.textContent())!;
    for (const step of ['转出学校审核', '转出地教育行政部门审核', '转入地教育行政部门审核']) expect(text).toContain(step);
    expect(text).toContain('3330106001');
    expect(text).toContain('320102');
    expect((await result.locator('[data-due]').first().textContent())!.trim()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    // The ID number went in the body only: not in the page any more, never in a URL.
    expect(await page.inputValue('#tr-id-number')).toBe('');
    expect(page.url()).not.toContain(leaving.idNumber);
    await web.expectAccessible(page, 'transfer-started');

    await result.getByRole('link', { name: '查看申请详情' }).click();
    await page.waitForURL(/\/console\/requests\/[0-9a-f-]{36}$/);
    await page.locator('.materials').getByText('transfer.pdf').waitFor();
    const transferId = idInUrl(page);
    const sending = await login(t, a.school);
    const seen = (await t.http.get(`/requests/${transferId}`).set('Authorization', sending).expect(200)).body;
    expect(seen).toMatchObject({ kind: 'student_transfer', subjectId: leaving.id, status: 'open' });
    expect(seen.steps.map((s: { name: string }) => s.name)).toEqual(['sending_school', 'sending_authority', 'receiving_authority']);
    expect(cspViolations).toEqual([]);
  });

  it('a guardian on a 360 px phone asks for a correction and sees it listed as theirs', async () => {
    const { page, cspViolations } = await web.phone();
    await web.guardianSignIn(page, '13900139000', GUARDIAN_PASSWORD);
    const card = page.locator(`[data-child="${child}"]`);
    await card.getByRole('link', { name: '提出申请' }).click();
    await page.waitForURL(/\/console\/guardian\/children\/[0-9a-f-]{36}\/requests\/new$/);

    // Nothing to correct yet: the form says so before anything is sent.
    await page.getByRole('button', { name: '提交申请' }).click();
    await page.getByText('至少填写一项需要更正的信息').waitFor();
    await page.fill('#rq-fields-name', '测试同学');
    await page.setInputFiles('#rq-evidenceSha256', { name: 'hukou.jpg', mimeType: 'image/jpeg', buffer: JPEG });
    await page.locator('[data-scan-chosen]').waitFor();
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);
    await web.expectAccessible(page, 'guardian-ask');
    await page.getByRole('button', { name: '提交申请' }).click();

    await page.waitForURL(/\/console\/guardian$/);
    const asked = card.locator('.request').filter({ hasText: '学籍信息更正' });
    await asked.waitFor();
    await expect(asked.textContent()).resolves.toContain('由您提出');
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);
    await web.expectAccessible(page, 'guardian-listed');

    const registrar = await login(t, a.school);
    const open = (await t.http.get('/requests?kind=student_correction').set('Authorization', registrar).expect(200)).body.items;
    expect(open).toEqual([expect.objectContaining({ subjectId: child, status: 'open' })]);
    expect(JSON.stringify(open[0].details)).toContain(sha256(JPEG));
    expect(open[0].steps.map((s: { name: string }) => s.name)).toEqual(['school_confirmation', 'supervising_authority']);
    expect(cspViolations).toEqual([]);
  });
});
