import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../support/net.js';

const ROOT = new URL('../../', import.meta.url).pathname;
const MAIN = join(ROOT, 'dist/src/main.js');
const SETUP = join(ROOT, 'dist/src/setup.js');

/**
 * The built service as `npm start` runs it: a separate process on the embedded store. It boots
 * on an empty folder, refuses bad configuration by name, and a kill -9 loses nothing committed.
 * `npm test` builds first; run `npm run build` before running this file alone.
 */
describe('the service as a process', () => {
  let dataDir: string;
  let server: ChildProcess | undefined;

  beforeAll(() => {
    if (!existsSync(MAIN)) throw new Error('dist/ is missing: run `npm run build` first (npm test does)');
    dataDir = mkdtempSync(join(tmpdir(), 'xueji-process-'));
  });
  afterEach(() => server?.kill('SIGKILL'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('stops at boot with exit code 2 and names each bad variable', () => {
    const run = spawnSync('node', [MAIN], { env: { ...process.env, DATABASE_URL: 'mysql://x', PORT: 'abc' }, encoding: 'utf8' });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('DATABASE_URL');
    expect(run.stderr).toContain('PORT');
  });

  it('keeps a committed enrolment through kill -9 on the embedded store', async () => {
    const env = { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', XUEJI_MASTER_KEY: '', LOG_LEVEL: 'warn' };
    const setup = spawnSync('node', [SETUP, '--demo'], { env, encoding: 'utf8' });
    expect(setup.status).toBe(0);
    expect(setup.stdout).toContain('xihu.school');

    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const serverEnv = { ...env, PORT: String(port), PUBLIC_URL: base };
    server = await start(serverEnv, base);
    const token = await loginAs(base, 'xihu.school');
    const enrolled = await fetch(`${base}/students`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: token },
      body: JSON.stringify({ idNumber: '330106201203151230', name: '李华', enrolmentDate: '2018-09-01', educationStage: 'primary', grade: 1 }),
    });
    expect(enrolled.status).toBe(201);
    const { id } = (await enrolled.json()) as { id: string };
    server.kill('SIGKILL');
    await new Promise((resolve) => server!.once('exit', resolve));

    server = await start(serverEnv, base);
    const read = await fetch(`${base}/students/${id}`, { headers: { Authorization: await loginAs(base, 'xihu.school') } });
    expect(read.status).toBe(200);
    expect(((await read.json()) as { status: string }).status).toBe('enrolled');
  });
});

async function start(env: NodeJS.ProcessEnv, base: string): Promise<ChildProcess> {
  const child = spawn('node', [MAIN], { env, stdio: 'ignore' });
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) throw new Error(`the service exited with ${child.exitCode}`);
    const up = await fetch(`${base}/health`).then((r) => r.ok, () => false);
    if (up) return child;
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill('SIGKILL');
  throw new Error('the service did not become healthy in 20 s');
}

async function loginAs(base: string, username: string): Promise<string> {
  const res = await fetch(`${base}/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password: 'Xueji-Demo-2026' }),
  });
  return `Bearer ${((await res.json()) as { accessToken: string }).accessToken}`;
}
