import type { Page } from 'playwright-core';
import { describeInBrowser } from '../support/browser.js';
import { enrolStudent } from '../support/change-requests.js';
import { CLASS_LEAVING_DATE, enrolClass } from '../support/classes.js';
import { ConsoleBrowser, until, idInUrl } from '../support/console-browser.js';
import { login, seedTree, startTestApp, type TestApp } from '../support/test-app.js';

const REVOCATION_REASON = '证书信息与学籍档案不符，依法撤销';

/**
 * Leavers and certificates in the console (第十九条), through its pages only: the school proposes
 * its leavers, the county approves and watches the job sign them, opens one certificate and
 * revokes it; the certificate page and the public verification page say so.
 */
describeInBrowser('the console: leaver lists and certificates', () => {
  let t: TestApp;
  let web: ConsoleBrowser;
  let users: Record<'province' | 'city' | 'county' | 'school', string>;
  let county: string;
  let leavers: string[];
  let youngStudent: string;
  let racedList: string;

  beforeAll(async () => {
    t = await startTestApp();
    web = await ConsoleBrowser.open(t, 'certificates');
    users = await seedTree(t, { province: '330000', city: '330100', county: '330106', school: '3330106001' }, 'cc');
    const registrar = await login(t, users.school);
    county = await login(t, users.county);
    // A primary class that entered in 2018 (its stage ended 2024-06-01), records made when it entered;
    // and a pupil whose stage has not ended by the class's leaving date.
    const pupils = await enrolClass(t, registrar, 4);
    leavers = pupils.slice(0, 3);
    youngStudent = await enrolStudent(t, registrar, '451', 'primary');
    // Another list, already proposed, which two people at the county decide at once.
    const other = await t.http.post('/leaver-lists').set('Authorization', registrar).send({ leavingDate: CLASS_LEAVING_DATE, items: [{ studentId: pupils[3] }] }).expect(201);
    racedList = other.body.id;
  });
  afterAll(async () => {
    await web?.close();
    await t?.close();
  });

  const dialog = (page: Page) => page.getByRole('dialog');

  it('the registrar proposes the class; the county approves it, watches the signing, and revokes one certificate', async () => {
    // The school: its enrolled primary pupils listed, those whose stage has ended ticked.
    const school = await web.tab();
    let page = school.page;
    await web.signIn(page, users.school);
    await page.getByRole('link', { name: '毕业名单' }).click();
    await page.waitForURL(/\/console\/leavers$/);
    await page.getByText('暂无名单').waitFor();
    await page.fill('#leaving-date', CLASS_LEAVING_DATE);
    await page.getByRole('button', { name: '列出学生' }).click();
    const ticks = page.locator('.leavers input.tick');
    await ticks.nth(3).waitFor();
    await expect(ticks.count()).resolves.toBe(4);
    await expect(page.locator('.leavers input.tick:checked').count()).resolves.toBe(3);
    const youngRow = page.locator('.leavers tbody tr').filter({ hasText: '测试学生' });
    await expect(youngRow.textContent()).resolves.toContain('学段未结束');
    await expect(youngRow.locator('input.tick').isChecked()).resolves.toBe(false);
    await web.expectAccessible(page, 'leavers');

    await page.getByRole('button', { name: '提交审核（3 人）' }).click();
    await page.waitForURL(/\/console\/leaver-lists\/[0-9a-f-]{36}$/);
    const listId = idInUrl(page);
    await page.locator('[data-list-state=proposed]').waitFor();
    const proposed = (await page.locator('.items').textContent())!;
    for (const name of ['学生0', '学生1', '学生2']) expect(proposed).toContain(name);
    expect(proposed).not.toContain('测试学生');
    await web.expectAccessible(page, 'list-proposed');
    // Not the school's to approve: no review buttons.
    await expect(page.getByRole('button', { name: '同意并签发' }).count()).resolves.toBe(0);
    const listed = await t.http.get(`/leaver-lists/${listId}`).set('Authorization', county).expect(200);
    expect(listed.body).toMatchObject({ state: 'proposed', total: 3 });
    expect(listed.body.items.map((i: { studentId: string }) => i.studentId).sort()).toEqual([...leavers].sort());
    expect((await t.http.get(`/students/${youngStudent}`).set('Authorization', county).expect(200)).body.status).toBe('enrolled');
    expect(school.cspViolations).toEqual([]);

    // The county: its lists, the school's list reviewed and approved, the job's progress watched.
    const office = await web.tab();
    page = office.page;
    await web.signIn(page, users.county);
    await page.getByRole('link', { name: '证书签发' }).click();
    await page.waitForURL(/\/console\/leaver-lists$/);
    await page.locator('.lists [data-state=proposed]').nth(1).waitFor();
    await web.expectAccessible(page, 'lists');
    await page.goto(`${web.base}/console/leaver-lists/${listId}`);
    await page.getByRole('button', { name: '同意并签发' }).click();
    await dialog(page).waitFor();
    await expect(dialog(page).textContent()).resolves.toContain('3 名学生');
    await web.expectAccessible(page, 'approve-dialog');
    await dialog(page).getByRole('button', { name: '确定' }).click();
    await page.locator('[data-list-state=issued]').waitFor({ timeout: 30_000 });
    await expect(page.locator('[data-progress]').textContent()).resolves.toContain('已签发 3 / 3');
    await expect(page.locator('.items a[data-certificate]').count()).resolves.toBe(3);
    await web.expectAccessible(page, 'list-signed');

    // A colleague approves the other list while this page is about to refuse it: the page says so.
    await page.goto(`${web.base}/console/leaver-lists/${racedList}`);
    await page.getByRole('button', { name: '不同意' }).click();
    await dialog(page).waitFor();
    await dialog(page).getByRole('button', { name: '确定' }).click();
    await dialog(page).getByText('请填写理由').waitFor();
    await web.expectAccessible(page, 'refuse-dialog');
    await page.fill('#list-reason', '名单缺少毕业考核材料');
    await t.http.post(`/leaver-lists/${racedList}/approval`).set('Authorization', county).expect(200);
    await dialog(page).getByRole('button', { name: '确定' }).click();
    await page.getByText('他人已先行办理').waitFor();
    await page.locator('[data-list-state=issuing], [data-list-state=issued]').first().waitFor();
    expect((await t.http.get(`/leaver-lists/${racedList}`).set('Authorization', county).expect(200)).body.refusalReason).toBeNull();

    // Another certificate suspended, then reinstated, each with a reason.
    await page.goto(`${web.base}/console/leaver-lists/${listId}`);
    await page.locator('.items tbody tr').nth(1).locator('a[data-certificate]').click();
    await page.locator('[data-status=valid]').waitFor();
    await page.getByRole('button', { name: '暂停证书' }).click();
    await page.fill('#status-reason', '核查学籍材料期间暂停');
    await dialog(page).getByRole('button', { name: '暂停证书' }).click();
    await page.locator('[data-status=suspended]').waitFor();
    await dialog(page).waitFor({ state: 'hidden' });
    await expect(page.locator('section.status').getByRole('button').allTextContents()).resolves.toEqual(['恢复证书', '撤销证书']);
    await web.expectAccessible(page, 'certificate-suspended');
    await page.getByRole('button', { name: '恢复证书' }).click();
    await page.fill('#status-reason', '材料核实无误');
    await dialog(page).getByRole('button', { name: '恢复证书' }).click();
    await page.locator('[data-status=valid]').waitFor();

    // One certificate, as its issuer sees it; then revoked with a reason.
    await page.goto(`${web.base}/console/leaver-lists/${listId}`);
    const first = page.locator('.items tbody tr').first();
    await first.locator('a[data-certificate]').click();
    await page.waitForURL(/\/console\/certificates\/[0-9a-f-]{36}$/);
    const certificateId = idInUrl(page);
    await page.locator('[data-certificate-status]').waitFor();
    await expect(page.locator('[data-certificate-status]').textContent()).resolves.toBe('有效');
    const facts = (await page.locator('main').textContent())!;
    expect(facts).toContain('毕业证书');
    expect(facts).toContain('学生0');
    expect(facts).toContain('2018-09-01 – 2024-07-01');
    // The QR image (GET /certificates/{id}/qr.svg) loads and decodes to a picture.
    await until(page, `(() => { const img = document.querySelector('.qr img'); return Boolean(img && img.complete && img.naturalWidth > 0); })()`);
    await expect(page.locator('a[data-verify]').getAttribute('href')).resolves.toBe(`/verify/${certificateId}`);
    await web.expectAccessible(page, 'certificate');

    await expect(page.locator('section.status').getByRole('button').allTextContents()).resolves.toEqual(['暂停证书', '撤销证书']);
    await page.getByRole('button', { name: '撤销证书' }).click();
    await dialog(page).waitFor();
    await web.expectAccessible(page, 'revoke-dialog');
    await page.fill('#status-reason', REVOCATION_REASON);
    await dialog(page).getByRole('button', { name: '撤销证书' }).click();
    await page.locator('[data-status=revoked]').waitFor();
    await expect(page.locator('[data-certificate-status]').textContent()).resolves.toBe('已撤销');
    await expect(page.locator('[data-status-reason]').textContent()).resolves.toContain(REVOCATION_REASON);
    await dialog(page).waitFor({ state: 'hidden' });
    // Revocation is final: nothing left to suspend, reinstate or revoke.
    await expect(page.locator('section.status').getByRole('button').count()).resolves.toBe(0);
    await web.expectAccessible(page, 'certificate-revoked');
    const cert = await t.http.get(`/certificates/${certificateId}`).set('Authorization', county).expect(200);
    expect(cert.body).toMatchObject({ status: 'revoked', statusReason: REVOCATION_REASON });
    const verified = await t.http.post('/credentials/verify').send({ verifiableCredential: cert.body.verifiableCredential });
    expect(verified.body).toMatchObject({ verified: false, status: 'revoked' });

    // The record lists the certificate, revoked, with a link to it.
    await page.goto(`${web.base}/console/students/${cert.body.studentId}`);
    const row = page.locator('.student-certificates tbody tr').first();
    await row.locator('[data-status=revoked]').waitFor();
    await expect(row.getByRole('link').getAttribute('href')).resolves.toBe(`/console/certificates/${certificateId}`);
    await web.expectAccessible(page, 'student');
    expect(office.cspViolations).toEqual([]);

    // What the holder's verifier sees behind the QR code: revoked.
    await page.goto(`${web.base}/verify/${certificateId}`);
    await page.getByText('证书已撤销').first().waitFor();
    await web.expectAccessible(page, 'verify-revoked');
  });
});
