import { graduate, issueCertificate } from '../support/flows.js';
import { login, residentId, seedTree, startTestApp, type TestApp } from '../support/test-app.js';

/** The public pages and the print routes over HTTP: what a browser-less client gets. */
describe('verification pages and printing over HTTP', () => {
  let t: TestApp;
  let county: string;
  let certificate: { id: string; certificateNumber: string; verifiableCredential: Record<string, unknown> };

  beforeAll(async () => {
    t = await startTestApp();
    const users = await seedTree(t, { province: '330000', city: '330100', county: '330106', school: '3330106001' }, 'vp');
    county = await login(t, users.county);
    const studentId = await graduate(t, await login(t, users.school), county, residentId('330106', '2012-03-15', '071'), '吴小梅');
    certificate = (await issueCertificate(t, county, studentId)) as typeof certificate;
  });
  afterAll(() => t.close());

  it('serves the page behind the QR code with a no-script policy, in the reader’s language', async () => {
    const zh = await t.http.get(`/verify/${certificate.id.toUpperCase()}`).expect(200);
    expect(zh.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(zh.headers['content-security-policy']).toMatch(/^default-src 'none'; style-src 'sha256-/);
    expect(zh.headers['content-language']).toBe('zh-CN');
    expect(zh.text).toContain('证书有效 Valid certificate');
    expect(zh.text).toContain('吴*梅');
    expect(zh.text).not.toContain('吴小梅');
    const en = await t.http.get(`/verify/${certificate.id}`).set('Accept-Language', 'en-GB,en;q=0.9').expect(200);
    expect(en.text).toContain('<h1 id="verdict">Valid certificate</h1>');
    const forced = await t.http.get(`/verify/${certificate.id}?lang=zh`).set('Accept-Language', 'en').expect(200);
    expect(forced.headers['content-language']).toBe('zh-CN');
  });

  it.each(['not-a-uuid', '00000000-0000-4000-8000-000000000000'])('answers 404 with a page for %s', async (id) => {
    const res = await t.http.get(`/verify/${id}`).expect(404);
    expect(res.text).toContain('<section class="verdict notfound"');
  });

  it('checks a posted credential with no login, as multipart form data', async () => {
    const res = await t.http.post('/verify?lang=en').field('credential', JSON.stringify(certificate.verifiableCredential)).expect(200);
    expect(res.text).toContain('<section class="verdict valid"');
    expect(res.text).toContain('name="credential" value="{&quot;@context&quot;');
    const file = await t.http.post('/verify').attach('file', Buffer.from(JSON.stringify({ verifiableCredential: certificate.verifiableCredential })), 'c.json').expect(200);
    expect(file.text).toContain('<section class="verdict valid"');
  });

  it.each([
    ['an empty form', (r: ReturnType<TestApp['http']['post']>) => r.field('credential', ''), 400, '请粘贴证书内容或选择文件。'],
    ['JSON instead of a form', (r: ReturnType<TestApp['http']['post']>) => r.send({ credential: '{}' }), 415, '请通过本页的表单提交。'],
    ['a text over 64 KB', (r: ReturnType<TestApp['http']['post']>) => r.field('credential', ' '.repeat(65 * 1024)), 413, '内容过大（最大 64 KB）。'],
    ['a file over 64 KB', (r: ReturnType<TestApp['http']['post']>) => r.attach('file', Buffer.alloc(65 * 1024, 0x20), 'big.json'), 413, '内容过大（最大 64 KB）。'],
    ['a second file', (r: ReturnType<TestApp['http']['post']>) => r.attach('file', Buffer.from('{}'), 'a.json').attach('file', Buffer.from('{}'), 'b.json'), 400, '请通过本页的表单提交。'],
  ])('answers %s with the form again, saying what was wrong', async (_, send, status, words) => {
    const res = await send(t.http.post('/verify')).expect(status);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.text).toContain(`<p class="problem" role="alert">${words}</p>`);
  });

  it('serves the PDF with the certificate number, never the name, as its file name', async () => {
    const res = await t.http.get(`/certificates/${certificate.id}/print.pdf`).set('Authorization', county).buffer(true).expect(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="${certificate.certificateNumber}.pdf"`);
    expect(res.headers['cache-control']).toBe('private, no-store');
    expect((res.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
    const html = await t.http.get(`/certificates/${certificate.id}/print.html`).set('Authorization', county).expect(200);
    expect(html.text).toContain('吴小梅');
    expect(html.text).not.toMatch(/<script/i);
  });
});
