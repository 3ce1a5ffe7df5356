import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { graduate, issueCertificate } from '../support/flows.js';
import { login, residentId, seedTree, startTestApp, type TestApp } from '../support/test-app.js';

const CHROMIUM = '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

// Browser tests need Debian's chromium (`apt-get install -y chromium`, see README); without it they are skipped loudly.
const describeInBrowser = existsSync(CHROMIUM) ? describe : describe.skip;
if (!existsSync(CHROMIUM)) console.warn(`verification page browser tests skipped: ${CHROMIUM} is not installed`);

/** What a person who scans the QR code sees, in a real browser. */
describeInBrowser('the public verification page in a browser', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let certificateId: string;

  beforeAll(async () => {
    t = await startTestApp();
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as { port: number }).port}`;
    const users = await seedTree(t, { province: '330000', city: '330100', county: '330106', school: '3330106001' }, 'br');
    const county = await login(t, users.county);
    const studentId = await graduate(t, await login(t, users.school), county, residentId('330106', '2012-03-15', '064'), '赵小燕');
    certificateId = (await issueCertificate(t, county, studentId)).id;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('shows a valid certificate, each check passed, and the masked name only', async () => {
    const page = await browser.newPage();
    const response = await page.goto(`${base}/verify/${certificateId}`);
    expect(response?.status()).toBe(200);
    await expect(page.locator('.verdict.ok').textContent()).resolves.toContain('证书有效');
    const rows = await page.locator('tbody tr').allTextContents();
    expect(rows.length).toBeGreaterThanOrEqual(4);
    expect(rows.every((r) => r.startsWith('✔'))).toBe(true);
    const body = await page.locator('body').textContent();
    expect(body).toContain('赵*燕');
    expect(body).not.toContain('赵小燕');
    expect(body).toContain('330106');
    await page.close();
  });

  it('says plainly when no such certificate exists', async () => {
    const page = await browser.newPage();
    const response = await page.goto(`${base}/verify/00000000-0000-4000-8000-000000000000`);
    expect(response?.status()).toBe(404);
    await expect(page.locator('.verdict.bad').textContent()).resolves.toContain('证书无效');
    await page.close();
  });
});
