import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PASSWORD } from './test-app.js';

/** The built service, as `npm start` runs it (`npm test` builds first). */
export const MAIN = join(new URL('../../', import.meta.url).pathname, 'dist/src/main.js');

export function assertBuilt(): void {
  if (!existsSync(MAIN)) throw new Error('dist/ is missing: run `npm run build` first (npm test does)');
}

/** Starts the built service as a process of its own and waits until /health answers (30 s at most). */
export async function startService(env: NodeJS.ProcessEnv, base: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, [MAIN], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`the service exited with ${child.exitCode}`);
    if (await fetch(`${base}/health`).then((r) => r.ok, () => false)) return child;
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error('the service did not become healthy in 30 s');
}

/** Stops the process with `signal` and waits until it has exited. */
export async function stopService(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill(signal);
  await exited;
}

/** A bearer token for a seeded account (PASSWORD), over HTTP. */
export async function loginAs(base: string, username: string): Promise<string> {
  const res = await fetch(`${base}/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  return `Bearer ${((await res.json()) as { accessToken: string }).accessToken}`;
}

/** Polls `url` (GET, as `auth`) every 10 ms until `done` accepts its JSON body. */
export async function pollUntil<T>(url: string, auth: string, done: (body: T) => boolean, timeoutMs = 60_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const body = (await (await fetch(url, { headers: { Authorization: auth } })).json()) as T;
    if (done(body)) return body;
    if (Date.now() > until) throw new Error(`timed out at ${JSON.stringify(body)}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
