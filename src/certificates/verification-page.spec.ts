import { renderVerificationPage, type PageModel } from './verification-page.js';

const base: PageModel = {
  verified: true,
  status: 'valid',
  checks: [
    { check: 'proof', ok: true },
    { check: 'status', ok: true, detail: 'the register records this certificate as valid' },
  ],
  subject: { certificateNumber: '330106-2026-000001', name: '王小明', school: '示范小学', educationStage: 'primary', graduationDate: '2024-07-01' },
  issuer: { id: 'did:web:xueji.test:issuers:330106', name: '西湖区教育局' },
  checkedAt: '2026-11-29T00:00:00.000Z',
};

describe('verification page', () => {
  it('leads with the verdict and masks the name', () => {
    const html = renderVerificationPage(base);
    expect(html).toContain('证书有效 Valid certificate');
    expect(html).toContain('王*明');
    expect(html).not.toContain('王小明');
    expect(html).toContain('小学 primary');
  });

  it('says a revoked certificate is not valid, and why', () => {
    const html = renderVerificationPage({
      ...base,
      verified: false,
      status: 'revoked',
      checks: [{ check: 'status', ok: false, detail: 'the register records this certificate as revoked' }],
    });
    expect(html).toContain('证书无效 Not valid (revoked)');
    expect(html).toContain('✘');
  });

  it('escapes every value taken from the credential', () => {
    const html = renderVerificationPage({
      ...base,
      subject: { ...base.subject, school: '<script>alert(1)</script>', certificateNumber: '"><img src=x onerror=alert(1)>' },
      issuer: { id: 'did:x', name: "O'Brien & <b>" },
    });
    expect(html).not.toMatch(/<script>alert|<img src=x|<b>/);
    expect(html).toContain('&lt;script&gt;');
    expect(html).toContain('O&#39;Brien &amp; &lt;b&gt;');
  });

  it('explains an unknown certificate without details', () => {
    const html = renderVerificationPage({ ...base, verified: false, status: null, checks: [], subject: null, issuer: null });
    expect(html).toContain('No certificate with this number is known');
  });
});
