import { renderCertificateHtml } from './certificate-html.js';
import { samplePrintable as certificate } from '../../../test/support/certificate-fixtures.js';


/** What a reader sees: the page with its markup taken out and entities read back. */
function visibleText(html: string): string {
  const body = html.slice(html.indexOf('<body>'));
  return body
    .replace(/<svg[\s\S]*?<\/svg>/g, '')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

describe('renderCertificateHtml', () => {
  it('words a graduation certificate as a Chinese certificate does', async () => {
    const text = visibleText(await renderCertificateHtml(certificate()));
    expect(text).toContain('毕业证书');
    expect(text).toContain('学生 李华，性别女，2012年3月15日生，于2018年9月至2024年7月在 西湖小学 小学 学习，修业期满，成绩合格，准予毕业。');
    expect(text).toContain('Graduation Certificate');
  });

  it.each([
    ['completion', '结业证书', '学习，修业期满，准予结业。', 'Certificate of Completion'],
    ['incompletion', '肄业证书', '学习，因故中途离校，修业未满，准予肄业。', 'Certificate of Incomplete Study'],
  ] as const)('words the %s certificate for what it certifies', async (kind, title, outcome, english) => {
    const text = visibleText(await renderCertificateHtml(certificate({ kind })));
    expect(text).toContain(title);
    expect(text).toContain(outcome);
    expect(text).toContain(english);
    expect(text).not.toContain('准予毕业');
  });

  it('names the stage of schooling', async () => {
    expect(visibleText(await renderCertificateHtml(certificate({ stage: 'junior' })))).toContain('在 西湖小学 初级中学 学习');
    expect(visibleText(await renderCertificateHtml(certificate({ stage: 'senior' })))).toContain('在 西湖小学 高级中学 学习');
  });

  it('shows the number, issuer, date, QR code and how to verify', async () => {
    const html = await renderCertificateHtml(certificate());
    const text = visibleText(html);
    expect(text).toContain('330106-2026-000042');
    expect(text).toContain('杭州市西湖区教育局');
    expect(text).toContain('did:web:xueji.example:issuers:330106');
    expect(text).toContain('2024年7月5日');
    expect(text).toContain('扫描二维码或访问 https://xueji.example/v/330106-2026-000042 核验');
    expect(text).toContain('Scan the QR code or visit https://xueji.example/v/330106-2026-000042 to verify');
    expect(html).toMatch(/<svg [^>]*viewBox="0 0 \d+ \d+"[\s\S]*<path[^>]* d="M[^"]+"/);
  });

  it('is an A4 page with no script and nothing loaded from elsewhere', async () => {
    const html = await renderCertificateHtml(certificate({ status: 'revoked' }));
    expect(html).toContain('@page { size: A4');
    expect(html.toLowerCase()).not.toContain('<script');
    expect(html).not.toMatch(/\son[a-z]+\s*=/i);
    expect(html).not.toMatch(/javascript:/i);
    expect(html).not.toMatch(/\s(src|href)\s*=/i);
    expect(html).not.toMatch(/url\(|@import|<link|<iframe|<object|<embed|<img/i);
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"`);
  });

  it('escapes every value, so a name or school cannot add markup', async () => {
    const html = await renderCertificateHtml(
      certificate({
        certificateNumber: '"><b>1</b>',
        holder: { name: `<script>alert("x")</script>O'Neil & 李`, gender: 'male', birthDate: '2012-03-15' },
        school: { name: '<img src=x onerror=alert(1)>学校' },
        issuer: { name: 'A & B <教育局>', did: 'did:web:x"y' },
      }),
    );
    expect(html.toLowerCase()).not.toContain('<script');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<b>1</b>');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;O&#39;Neil &amp; 李');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;学校');
    expect(html).toContain('A &amp; B &lt;教育局&gt;');
    expect(html).toContain('did:web:x&quot;y');
    expect(visibleText(html)).toContain(`学生 <script>alert("x")</script>O'Neil & 李，性别男`);
  });

  it('prints a revoked certificate under a clear REVOKED banner', async () => {
    const text = visibleText(await renderCertificateHtml(certificate({ status: 'revoked' })));
    expect(text).toContain('已撤销 REVOKED');
    expect(text).toContain('本证书已被撤销，不再有效。');
  });

  it('prints a suspended certificate under a SUSPENDED banner, and a valid one under none', async () => {
    expect(visibleText(await renderCertificateHtml(certificate({ status: 'suspended' })))).toContain('已暂停 SUSPENDED');
    const valid = await renderCertificateHtml(certificate());
    expect(valid).not.toMatch(/REVOKED|SUSPENDED|已撤销|已暂停/);
  });

  it('refuses a model that is not a printable certificate', async () => {
    await expect(renderCertificateHtml(certificate({ studyFrom: '2024-09-01', studyTo: '2018-07-01' }))).rejects.toMatchObject({
      code: 'CERTIFICATE_NOT_PRINTABLE',
      errors: [{ field: 'studyTo', message: 'must not be before studyFrom' }],
    });
  });
});
