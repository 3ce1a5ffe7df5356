/**
 * `verify-flood` (service): N clients flood POST /credentials/verify with the heaviest credential
 * the request limits accept, while /health is probed and a real login is timed — against the
 * same probes and login on the idle service, interleaved round by round. What it shows: whether
 * verification work stays off the main thread (VERIFY_THREADS), so that the service keeps
 * answering everyone else while anyone makes it verify as hard as they can.
 */
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { DidService } from '../src/identity/did.service.js';
import { PASSWORD, seedTree } from '../test/support/test-app.js';
import { assertWithinVerifyLimits, heavyCredential } from '../test/support/heavy-credential.js';
import type { BenchService } from './service.js';
import { median } from './harness.js';

const run = promisify(execFile);
const autocannonBin = fileURLToPath(new URL('../../node_modules/.bin/autocannon', import.meta.url));

export interface VerifyFloodResult {
  clients: number;
  verifyThreads: number;
  bodyBytes: number;
  /** /health latency, ms, all probes of the phase pooled. */
  healthIdleMs: { p50: number; p99: number; samples: number };
  healthFloodMs: { p50: number; p99: number; samples: number };
  healthP99RatioToIdle: number;
  loginIdleMs: number;
  loginFloodMs: number;
  loginRatioToIdle: number;
  loginsSucceeded: boolean;
  flood: { verifiedPerSec: number; statuses: Record<string, number>; latencyMs: { p50: number; p99: number } };
  targetMet: boolean;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))];
}

/** Sequential /health probes, one every 5 ms, until `stop` settles (at least `minMs`). */
async function probeHealth(baseUrl: string, minMs: number, stop?: Promise<unknown>): Promise<number[]> {
  let stopped = stop === undefined;
  void stop?.finally(() => (stopped = true));
  const started = performance.now();
  const latencies: number[] = [];
  while (performance.now() - started < minMs || !stopped) {
    const t0 = performance.now();
    const res = await fetch(`${baseUrl}/health`);
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`/health answered ${res.status}`);
    latencies.push(performance.now() - t0);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return latencies;
}

async function timeLogin(baseUrl: string, username: string): Promise<{ ms: number; ok: boolean; token?: string }> {
  const t0 = performance.now();
  const res = await fetch(`${baseUrl}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: PASSWORD }) });
  const body = (await res.json()) as { accessToken?: string };
  return { ms: performance.now() - t0, ok: res.status === 200 && typeof body.accessToken === 'string', token: body.accessToken };
}

export async function benchVerifyFlood(service: BenchService, rounds: number, floodMs: number): Promise<VerifyFloodResult> {
  const { baseUrl } = service;
  const users = await seedTree({ app: service.app } as never, { province: '330000', city: '330100', county: '330106', school: '3330106001' }, 'flood');
  const county = await timeLogin(baseUrl, users.county);
  if (!county.ok) throw new Error('bench precondition failed: the county logs in');
  const did = service.app.get(DidService).didForCode('330106');
  const issued = await fetch(`${baseUrl}/credentials/issue`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${county.token}` },
    body: JSON.stringify({ credential: heavyCredential(did) }),
  });
  if (issued.status !== 201) throw new Error(`bench precondition failed: issuing the heavy credential answered ${issued.status}`);
  const body = { verifiableCredential: ((await issued.json()) as { verifiableCredential: unknown }).verifiableCredential };
  assertWithinVerifyLimits(body);
  const check = await fetch(`${baseUrl}/credentials/verify`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (check.status !== 200 || ((await check.json()) as { verified?: boolean }).verified !== true) {
    throw new Error(`bench precondition failed: the heavy credential verifies (answered ${check.status})`);
  }
  const bodyFile = join(tmpdir(), `xueji-bench-flood-${process.pid}.json`);
  writeFileSync(bodyFile, JSON.stringify(body));
  const clients = Number(process.env.BENCH_FLOOD_CLIENTS ?? 8);

  const idleHealth: number[] = [];
  const floodHealth: number[] = [];
  const idleLogins: number[] = [];
  const floodLogins: number[] = [];
  let loginsSucceeded = true;
  const floods: Array<{ rps: number; statuses: Record<string, number>; p50: number; p99: number }> = [];
  for (let round = 0; round < rounds; round++) {
    idleHealth.push(...(await probeHealth(baseUrl, Math.max(1000, floodMs / 2))));
    const idleLogin = await timeLogin(baseUrl, users.school);
    idleLogins.push(idleLogin.ms);

    const flood = run(autocannonBin, [
      '-c', String(clients), '-d', String(Math.max(1, Math.round(floodMs / 1000))), '-m', 'POST', '-t', '30',
      '-H', 'content-type=application/json', '-i', bodyFile, '-j', `${baseUrl}/credentials/verify`,
    ], { maxBuffer: 16 * 1024 * 1024 });
    await new Promise((resolve) => setTimeout(resolve, 500)); // the flood is under way
    const floodLogin = await timeLogin(baseUrl, users.school);
    floodLogins.push(floodLogin.ms);
    loginsSucceeded &&= idleLogin.ok && floodLogin.ok;
    floodHealth.push(...(await probeHealth(baseUrl, 0, flood)));
    const result = JSON.parse((await flood).stdout) as { '1xx': number; '2xx': number; '3xx': number; '4xx': number; '5xx': number; non2xx: number; duration: number; errors: number; timeouts: number; latency: { p50: number; p99: number }; statusCodeStats?: Record<string, { count: number }> };
    const statuses = Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([code, s]) => [code, s.count]));
    if (result.errors || result.timeouts) statuses.clientErrors = result.errors + result.timeouts;
    floods.push({ rps: result['2xx'] / result.duration, statuses, p50: result.latency.p50, p99: result.latency.p99 });
  }
  const sortedIdle = idleHealth.sort((a, b) => a - b);
  const sortedFlood = floodHealth.sort((a, b) => a - b);
  const statuses: Record<string, number> = {};
  for (const f of floods) for (const [code, n] of Object.entries(f.statuses)) statuses[code] = (statuses[code] ?? 0) + n;
  const round1 = (n: number) => Math.round(n * 10) / 10;
  const healthFloodMs = { p50: round1(percentile(sortedFlood, 50)), p99: round1(percentile(sortedFlood, 99)), samples: sortedFlood.length };
  const loginIdleMs = round1(median(idleLogins));
  const loginFloodMs = round1(median(floodLogins));
  return {
    clients,
    verifyThreads: service.config.verifyThreads,
    bodyBytes: Buffer.byteLength(JSON.stringify(body)),
    healthIdleMs: { p50: round1(percentile(sortedIdle, 50)), p99: round1(percentile(sortedIdle, 99)), samples: sortedIdle.length },
    healthFloodMs,
    healthP99RatioToIdle: round1(percentile(sortedFlood, 99) / percentile(sortedIdle, 99)),
    loginIdleMs,
    loginFloodMs,
    loginRatioToIdle: round1(loginFloodMs / loginIdleMs),
    loginsSucceeded,
    flood: { verifiedPerSec: round1(median(floods.map((f) => f.rps))), statuses, latencyMs: { p50: median(floods.map((f) => f.p50)), p99: median(floods.map((f) => f.p99)) } },
    targetMet: healthFloodMs.p99 < 100 && loginsSucceeded,
  };
}
