import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { install } from '../../src/platform/setup/install.js';
import { freePort } from '../support/net.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** The README's walkthrough, run verbatim with bash and curl against a listening service. */
describe('README walkthrough', () => {
  let t: TestApp;
  let base: string;
  let workdir: string;

  beforeAll(async () => {
    const port = await freePort();
    base = `http://localhost:${port}`;
    t = await startTestApp({ PUBLIC_URL: base });
    await install(t.app, true);
    await t.app.listen(port, '127.0.0.1');
    workdir = mkdtempSync(join(tmpdir(), 'xueji-readme-'));
  });
  afterAll(async () => {
    await t.close();
    rmSync(workdir, { recursive: true, force: true });
  });

  it('runs every command and prints what the README promises', async () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const script = /```bash\n([\s\S]*?)```/.exec(readme)![1];
    expect(script).toContain('XJ=http://localhost:3000');
    const repository = fileURLToPath(new URL('../..', import.meta.url));
    const runnable = script.replace('XJ=http://localhost:3000', `XJ=${base}`).replace('XUEJI=$PWD', `XUEJI=${repository}`);
    const { stdout } = await promisify(execFile)('bash', ['-euo', 'pipefail', '-c', runnable], { cwd: workdir });
    // A new account: no password, activated by its holder, who may not enrol before filing.
    expect(stdout).toMatch(/pending_activation\n204\nREGISTRAR_NOT_FILED\n/);
    expect(stdout).toContain('"field":"idNumber"');
    expect(stdout).toMatch(/"studentNumber":"S332018\d{9}[\dX]"/);
    expect(stdout).toContain('409');
    expect(stdout).toContain('graduation_proposed');
    expect(stdout).toContain('graduated');
    expect(stdout).toContain('eddsa-rdfc-2022');
    expect(stdout).toContain('"verified":true');
    expect(stdout).toContain('422');
    expect(stdout).toContain('证书有效 Valid certificate');
    expect(stdout).toContain(`did:web:localhost%3A${new URL(base).port}:issuers:330106`);
    expect(readFileSync(join(workdir, 'qr.png')).subarray(1, 4).toString()).toBe('PNG');
    expect(readFileSync(join(workdir, 'qr.svg'), 'utf8')).toContain('<svg');
    // The identity credential: an offer, both formats in the wallet, a verified disclosure of two claims.
    expect(stdout).toMatch(/openid-credential-offer:\/\/\?credential_offer_uri=/);
    expect(stdout).toContain('dc+sd-jwt ldp_vc');
    expect(stdout).toMatch(/age_over_14: true/);
    expect(stdout).toMatch(/city: \{ code: '330100'/);
    expect(stdout).not.toMatch(/birthdate|student_number/);
  });
});
