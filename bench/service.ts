/**
 * Service-level benchmarks: the whole service on a real store (PostgreSQL when DATABASE_URL
 * is set, else in-memory PGlite), measured against baselines taken in the same run.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { DataSource } from 'typeorm';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { INestApplication } from '@nestjs/common';
import pg from 'pg';
import request from 'supertest';
import { createApp } from '../src/app.js';
import { VerificationService } from '../src/certificates/verification.service.js';
import { parseConfig, type AppConfig } from '../src/config/config.js';
import { graduate, issueCertificate } from '../test/support/flows.js';
import { freePort } from '../test/support/net.js';
import { residentId, seedTree, PASSWORD, type TestApp } from '../test/support/test-app.js';
import { median } from './harness.js';

const run = promisify(execFile);
const autocannonBin = fileURLToPath(new URL('../../node_modules/.bin/autocannon', import.meta.url));

export interface BenchService {
  app: INestApplication;
  config: AppConfig;
  baseUrl: string;
  store: 'postgresql' | 'pglite';
  close(): Promise<void>;
}

/** The service listening on a loopback port, on a database of its own. */
export async function startBenchService(): Promise<BenchService> {
  const server = process.env.DATABASE_URL || null;
  let databaseUrl: string | null = null;
  let drop = async () => {};
  if (server) {
    const name = `xueji_bench_${randomBytes(5).toString('hex')}`;
    await admin(server, `CREATE DATABASE ${name}`);
    const u = new URL(server);
    u.pathname = `/${name}`;
    databaseUrl = u.toString();
    // BENCH_KEEP_DATABASE=1 leaves it for EXPLAIN (drop it yourself afterwards).
    drop = process.env.BENCH_KEEP_DATABASE ? async () => console.log(`kept database ${name}`) : () => admin(server, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const config = parseConfig({
    DATA_DIR: ':memory:',
    // The benchmarks flood on purpose; they measure the work, not the limits.
    RATE_LIMITS: 'off',
    XUEJI_MASTER_KEY: randomBytes(32).toString('base64'),
    PUBLIC_URL: baseUrl,
    PORT: String(port),
    LOG_LEVEL: 'silent',
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    // To compare: VERIFY_THREADS=0 npm run bench -- verify-flood verifies on the main thread.
    ...(process.env.VERIFY_THREADS ? { VERIFY_THREADS: process.env.VERIFY_THREADS } : {}),
  });
  const app = await createApp(config);
  await app.listen(port, '127.0.0.1');
  return {
    app,
    config,
    baseUrl,
    store: databaseUrl ? 'postgresql' : 'pglite',
    async close() {
      await app.close();
      await drop();
    },
  };
}

async function admin(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Seeds a county with a school and accounts; returns logged-in tokens. */
export async function seedCounty(service: BenchService) {
  const t = { app: service.app, http: request(service.app.getHttpServer()), dataSource: service.app.get(DataSource) } as unknown as TestApp;
  const users = await seedTree(t, { province: '330000', city: '330100', county: '330106', school: '3330106001' }, 'bench');
  const token = async (username: string) => {
    const res = await t.http.post('/auth/login').send({ username, password: PASSWORD }).expect(200);
    return `Bearer ${res.body.accessToken}`;
  };
  return { t, registrar: await token(users.school), county: await token(users.county) };
}

export interface VerifyHttpResult {
  connections: number;
  httpRequestsPerSec: number;
  inProcessPerSec: number;
  ratioToInProcess: number;
  roundRatios: number[];
  latencyMs: { p50: number; p99: number };
  non2xx: number;
}

/**
 * POST /credentials/verify over HTTP under concurrent load (autocannon in a separate process,
 * so the client does not share the server's event loop), against in-process
 * VerificationService.verify of the same certificate, interleaved round by round.
 */
export async function benchVerifyHttp(service: BenchService, rounds: number, roundMs: number): Promise<VerifyHttpResult> {
  const { t, registrar, county } = await seedCounty(service);
  const studentId = await graduate(t, registrar, county, residentId('330106', '2012-03-15', '901'));
  const { verifiableCredential } = await issueCertificate(t, county, studentId);
  const verification = service.app.get(VerificationService);
  const check = await verification.verify(verifiableCredential);
  if (!check.verified) throw new Error('bench precondition failed: the certificate verifies in process');

  const bodyFile = join(tmpdir(), `xueji-bench-verify-${process.pid}.json`);
  writeFileSync(bodyFile, JSON.stringify({ verifiableCredential }));
  const connections = 16;
  const inProcess: number[] = [];
  const http: Array<{ rps: number; p50: number; p99: number; non2xx: number }> = [];
  for (let round = 0; round < rounds; round++) {
    let n = 0;
    const start = performance.now();
    while (performance.now() - start < roundMs) {
      await verification.verify(verifiableCredential);
      n++;
    }
    inProcess.push(n / ((performance.now() - start) / 1000));
    const { stdout } = await run(autocannonBin, [
      '-c', String(connections), '-d', String(Math.max(1, Math.round(roundMs / 1000))), '-m', 'POST',
      '-H', 'content-type=application/json', '-i', bodyFile, '-j', `${service.baseUrl}/credentials/verify`,
    ], { maxBuffer: 16 * 1024 * 1024 });
    const result = JSON.parse(stdout) as { requests: { average: number }; latency: { p50: number; p99: number }; non2xx: number; '2xx': number; duration: number };
    http.push({ rps: result['2xx'] / result.duration, p50: result.latency.p50, p99: result.latency.p99, non2xx: result.non2xx });
  }
  const roundRatios = http.map((h, i) => h.rps / inProcess[i]);
  return {
    connections,
    httpRequestsPerSec: median(http.map((h) => h.rps)),
    inProcessPerSec: median(inProcess),
    ratioToInProcess: median(roundRatios),
    roundRatios,
    latencyMs: { p50: median(http.map((h) => h.p50)), p99: median(http.map((h) => h.p99)) },
    non2xx: http.reduce((n, h) => n + h.non2xx, 0),
  };
}
