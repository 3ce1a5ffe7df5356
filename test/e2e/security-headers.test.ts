import { startTestApp, type TestApp } from '../support/test-app.js';

/** Security headers on pages and API answers alike (security issue). */
describe('security headers', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('send a CSP without inline or foreign script, forbid framing and sniffing, and no referrer', async () => {
    for (const path of ['/verify/6a1f0c4e-2b7d-4c1a-9e3f-0d5b8a7c6e21', '/docs', '/health', '/trust-list']) {
      const res = await t.http.get(path);
      const csp = String(res.headers['content-security-policy']);
      expect(csp).toContain("frame-ancestors 'none'");
      // Scripts: only our own files, or none at all (the verification page's own, stricter policy).
      const directives = new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values]));
      const scripts = directives.get('script-src') ?? directives.get('default-src');
      expect([["'self'"], ["'none'"]]).toContainEqual(scripts);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['strict-transport-security']).toBeUndefined(); // http here
    }
  });

  it('keeps the API browser working: its start-up script is a file, not inline', async () => {
    const page = await t.http.get('/docs').expect(200);
    expect(page.text).not.toMatch(/<script>[^<]/);
    const init = await t.http.get('/docs/assets/init.js').expect(200);
    expect(init.text).toContain('SwaggerUIBundle');
  });

  it('adds HSTS when the service is public over https', async () => {
    const secure = await startTestApp({ PUBLIC_URL: 'https://xueji.example.cn' });
    try {
      const res = await secure.http.get('/health');
      expect(res.headers['strict-transport-security']).toMatch(/max-age=31536000/);
    } finally {
      await secure.close();
    }
  });
});
