/**
 * `search.p50Ms` / `search.p99Ms`: the common listings and searches of the register over HTTP
 * (the whole request path: token check, subtree scope, the keyset query, the ID numbers opened
 * and masked, JSON) on a province of 1,000,000 students (`BENCH_SEARCH_STUDENTS`) on PostgreSQL,
 * one request at a time from a client process of its own, as a province, a county and a school
 * see it. Target: p99 < 20 ms.
 */
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import pg from 'pg';
import { IdNumberVault } from '../src/registry/id-number-vault.js';
import { gc } from './harness.js';
import type { ClientPlan } from './search-client.js';
import { placeOf, seedOrganisations, seedStudents, type SeededSchool } from './search-seed.js';
import { seedCounty, type BenchService } from './service.js';
import { PASSWORD } from '../test/support/test-app.js';

const run = promisify(execFile);

/**
 * Untimed passes over the searches before the timed ones. The seed's collection leaves the heap
 * at its smallest: V8 then grows its young generation (from ~1 MB towards --max-semi-space-size)
 * and its old-space limit over the first seconds of requests, with a scavenge every few requests
 * and an incremental mark-compact about every second meanwhile (seen with --trace-gc: without a
 * warm-up, the whole timed phase fell inside that). A service in use runs past it.
 */
const SEARCH_WARMUP_MS = Number(process.env.BENCH_SEARCH_WARMUP_MS ?? 10_000);
const clientScript = fileURLToPath(new URL('./search-client.js', import.meta.url));

interface Search {
  name: string;
  as: 'province' | 'county' | 'school';
  method: 'GET' | 'POST';
  path: string;
  body?: unknown;
}

export interface SearchResult {
  students: number;
  seedSeconds: number;
  pageSize: number;
  requests: number;
  p50Ms: number;
  p99Ms: number;
  targetMet: boolean;
  /** GET /health timed between the searches: the floor of a request on this machine at this moment. */
  healthMs: { p50: number; p99: number };
  p99RatioToHealth: number;
  bySearch: Record<string, { p50Ms: number; p99Ms: number; rows: number }>;
}

function percentile(sorted: number[], p: number): number {
  return Number(sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)].toFixed(2));
}

/** The bench tree's accounts (seedTree makes one per level), logged in. */
async function tokens(service: BenchService) {
  const { t } = await seedCounty(service);
  const token = async (username: string) => `Bearer ${(await t.http.post('/auth/login').send({ username, password: PASSWORD }).expect(200)).body.accessToken}`;
  return { province: await token('bench.province'), county: await token('bench.county'), school: await token('bench.school') };
}

export async function benchSearch(service: BenchService, rounds: number, size: number): Promise<SearchResult | { skipped: string }> {
  if (service.store !== 'postgresql') return { skipped: 'PostgreSQL only: run with DATABASE_URL set (1,000,000 rows are not a test for the embedded store)' };
  const auth = await tokens(service);
  const client = new pg.Client({ connectionString: service.config.databaseUrl! });
  await client.connect();
  let seedSeconds: number;
  let schools: SeededSchool[];
  try {
    schools = await seedOrganisations(client);
    seedSeconds = await seedStudents(client, size, schools, service.app.get(IdNumberVault));
  } finally {
    await client.end();
  }
  // The seed ran in this process, the service's: its garbage (hundreds of MB) is collected now,
  // not by a compaction of 40–46 ms in the middle of the timed searches (seen with --trace-gc).
  gc?.();
  const pageSize = 50;
  // A person somewhere in the middle, and a class of a school of the bench county.
  const person = placeOf(Math.floor(size * 0.37), size, schools);
  const countySchools = schools.filter((s) => s.code.startsWith('3330106'));
  const inClass = placeOf(schools.indexOf(countySchools[1]) * Math.ceil(size / schools.length) + 100, size, schools);
  const call = async (s: Search) => {
    const res = await fetch(`${service.baseUrl}${s.path}`, {
      method: s.method,
      headers: { authorization: auth[s.as], ...(s.body ? { 'content-type': 'application/json' } : {}) },
      body: s.body ? JSON.stringify(s.body) : undefined,
    });
    const json = (await res.json()) as { items: unknown[]; next: string | null };
    if (res.status !== 200) throw new Error(`bench precondition failed: ${s.name} answered ${res.status}`);
    return json;
  };
  const first = await call({ name: 'first', as: 'province', method: 'GET', path: `/students?limit=${pageSize}` });
  const searches: Search[] = [
    { name: 'province, first page', as: 'province', method: 'GET', path: `/students?limit=${pageSize}` },
    { name: 'province, next page (cursor)', as: 'province', method: 'GET', path: `/students?limit=${pageSize}&after=${first.next}` },
    { name: 'province, grade 8 enrolled', as: 'province', method: 'GET', path: `/students?limit=${pageSize}&grade=8&status=enrolled` },
    { name: 'province, withdrawn (1%)', as: 'province', method: 'GET', path: `/students?limit=${pageSize}&status=withdrawn` },
    { name: 'province, student number exact', as: 'province', method: 'GET', path: `/students?studentNumber=${(first.items[7] as { studentNumber: string }).studentNumber}` },
    { name: 'province, student number prefix', as: 'province', method: 'GET', path: `/students?limit=${pageSize}&studentNumber=S33202600001` },
    { name: 'province, name prefix 张伟 (POST)', as: 'province', method: 'POST', path: '/students/search', body: { name: '张伟', limit: pageSize } },
    { name: 'province, ID number (POST, digest)', as: 'province', method: 'POST', path: '/students/search', body: { idNumber: person.idNumber } },
    { name: 'county, junior stage', as: 'county', method: 'GET', path: `/students?limit=${pageSize}&stage=junior` },
    { name: 'county, name prefix 李 (POST)', as: 'county', method: 'POST', path: '/students/search', body: { name: '李', limit: pageSize } },
    { name: 'county, school + grade + class', as: 'county', method: 'GET', path: `/students?limit=${pageSize}&schoolCode=${inClass.school.code}&grade=${inClass.grade}&className=${encodeURIComponent(inClass.className)}` },
    { name: 'school, own roster', as: 'school', method: 'GET', path: `/students?limit=${pageSize}` },
  ];
  const rows: Record<string, number> = {};
  for (const s of searches) rows[s.name] = (await call(s)).items.length; // warm-up, and the answers are not empty
  const empty = Object.entries(rows).filter(([, n]) => n === 0).map(([name]) => name);
  if (empty.length > 0) throw new Error(`bench precondition failed: no rows for ${empty.join(', ')}`);

  // Timed from a client process of its own, so its work does not share the service's event loop.
  const planFile = join(tmpdir(), `xueji-bench-search-${process.pid}.json`);
  const plan: ClientPlan = { baseUrl: service.baseUrl, perSearch: Math.max(20, rounds * 10), warmupMs: SEARCH_WARMUP_MS, searches: searches.map((s) => ({ ...s, authorization: auth[s.as] })) };
  writeFileSync(planFile, JSON.stringify(plan));
  const { stdout } = await run(process.execPath, [clientScript, planFile], { maxBuffer: 16 * 1024 * 1024 });
  const measured = JSON.parse(stdout) as { times: Record<string, number[]>; health: number[] };
  const times = new Map(Object.entries(measured.times));
  const health = measured.health.sort((a, b) => a - b);
  const all = [...times.values()].flat().sort((a, b) => a - b);
  const bySearch = Object.fromEntries(
    [...times].map(([name, ms]) => {
      const sorted = [...ms].sort((a, b) => a - b);
      return [name, { p50Ms: percentile(sorted, 50), p99Ms: percentile(sorted, 99), rows: rows[name] }];
    }),
  );
  const p99Ms = percentile(all, 99);
  const healthMs = { p50: percentile(health, 50), p99: percentile(health, 99) };
  return {
    students: size,
    seedSeconds: Number(seedSeconds.toFixed(1)),
    pageSize,
    requests: all.length,
    p50Ms: percentile(all, 50),
    p99Ms,
    targetMet: p99Ms < 20,
    healthMs,
    p99RatioToHealth: Number((p99Ms / healthMs.p99).toFixed(2)),
    bySearch,
  };
}
