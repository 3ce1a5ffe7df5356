import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { CONSOLE_CSP, consoleDir } from '../../src/common/http/console-static.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** The built console (npm run console:build, part of npm test and npm start) as the service serves it. */
describe('the console as static files at /console/', () => {
  let t: TestApp;
  const dir = consoleDir();

  beforeAll(async () => {
    if (!existsSync(join(dir, 'index.html'))) throw new Error(`${dir} has no build: run npm run console:build (npm test does)`);
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  it('serves index.html for the console and its pages, never cached, under a CSP of its own files only', async () => {
    for (const path of ['/console/', '/console/students', '/console/inbox']) {
      const res = await t.http.get(path).expect(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.headers['content-security-policy']).toBe(CONSOLE_CSP);
      expect(res.text).toContain('<div id="app">');
    }
    expect(CONSOLE_CSP).not.toMatch(/unsafe-inline|unsafe-eval|https?:/);
    await t.http.get('/console').expect(301).expect('Location', '/console/');
    // The access log names the route's pattern (a regular expression here), never the path.
    await new Promise((resolve) => setImmediate(resolve));
    const logged = t.logs.filter((l) => l.includes('"msg":"request"') && l.includes('"status":200') && l.includes('/.*/'));
    expect(logged.length).toBeGreaterThanOrEqual(3);
    expect(t.logs.some((l) => l.includes('"msg":"request"') && l.includes('/console/students'))).toBe(false);
  });

  it('caches the hashed assets for a year as immutable, and answers 404 (not the page) for a missing one', async () => {
    const script = readdirSync(join(dir, 'assets')).find((f) => f.endsWith('.js'))!;
    const res = await t.http.get(`/console/assets/${script}`).expect(200);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.headers['content-type']).toMatch(/javascript/);
    await t.http.get('/console/assets/missing-0000.js').expect(404);
  });
});
