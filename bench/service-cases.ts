/**
 * The service-level cases the certificates issue asks for, each written to latest.json under
 * its own key: `verifyHttp.ratioToInProcess`, `issuance.ratioToRawSign` and `verify-flood`
 * (/health p99 and login time under a verification flood, as ratios to the idle service),
 * `import.ratioToCopy` (the import job against a bare COPY) and
 * `search` (p50/p99 of the common searches on 1,000,000 students, PostgreSQL only).
 */
import type { Settings } from './harness.js';
import { describeSplit } from './cpu-split.js';
import { benchImport } from './import.js';
import { benchIssuance } from './issuance.js';
import { benchSearch } from './search.js';
import { benchVerifyHttp, startBenchService } from './service.js';
import { benchVerifyFlood } from './verify-flood.js';

export const SERVICE_CASES = ['issuance', 'verifyHttp', 'verify-flood', 'import', 'search'] as const;

export async function runServiceCase(id: string, settings: Settings): Promise<unknown> {
  const service = await startBenchService();
  try {
    if (id === 'verifyHttp') {
      const r = await benchVerifyHttp(service, settings.rounds, Math.max(2000, settings.roundMs * 2));
      console.log(`\n[verifyHttp] POST /credentials/verify over HTTP (${r.connections} connections, ${service.store}) vs in-process verify`);
      console.log(`  in process ${Math.round(r.inProcessPerSec)}/s, HTTP ${Math.round(r.httpRequestsPerSec)}/s, ratio ${r.ratioToInProcess.toFixed(3)}, p50 ${r.latencyMs.p50} ms, p99 ${r.latencyMs.p99} ms, non-2xx ${r.non2xx}`);
      return { store: service.store, ...r };
    }
    if (id === 'issuance') {
      const r = await benchIssuance(service, settings.rounds, Number(process.env.BENCH_CLASS_SIZE ?? 5000));
      console.log(`\n[issuance] a class of ${r.classSize} on the batch path (${service.store}) vs raw node:crypto Ed25519 sign, 1 KB`);
      console.log(`  ${Math.round(r.certificatesPerSec)} certificates/s, raw ${Math.round(r.rawSignsPerSec)}/s, ratio ${r.ratioToRawSign.toFixed(3)} (rounds ${r.roundRatios.map((x) => x.toFixed(3)).join(' ')})`);
      console.log(`  ${describeSplit(r.cpuPerCertificateUs, 'certificate')}${r.coresBusy === null ? '' : `; ${r.coresBusy} cores busy`}`);
      return { store: service.store, ...r };
    }
    if (id === 'verify-flood') {
      const r = await benchVerifyFlood(service, settings.rounds, Math.max(4000, settings.roundMs * 4));
      console.log(`\n[verify-flood] ${r.clients} clients flood POST /credentials/verify with the heaviest accepted credential (${Math.round(r.bodyBytes / 1024)} KB, ${r.verifyThreads} verification thread(s), ${service.store})`);
      console.log(`  /health idle p50 ${r.healthIdleMs.p50} ms p99 ${r.healthIdleMs.p99} ms; flood p50 ${r.healthFloodMs.p50} ms p99 ${r.healthFloodMs.p99} ms (${r.healthFloodMs.samples} probes), p99 ratio ${r.healthP99RatioToIdle}`);
      console.log(`  login idle ${r.loginIdleMs} ms, during the flood ${r.loginFloodMs} ms (ratio ${r.loginRatioToIdle}, ${r.loginsSucceeded ? 'all succeeded' : 'A LOGIN FAILED'})`);
      console.log(`  flood: ${r.flood.verifiedPerSec} verified/s, statuses ${JSON.stringify(r.flood.statuses)}, p50 ${r.flood.latencyMs.p50} ms p99 ${r.flood.latencyMs.p99} ms; target (/health p99 < 100 ms, login ok) ${r.targetMet ? 'met' : 'NOT met'}`);
      return { store: service.store, date: new Date().toISOString(), ...r };
    }
    if (id === 'import') {
      const r = await benchImport(service, Math.min(settings.rounds, 3), Number(process.env.BENCH_IMPORT_ROWS ?? 50_000));
      console.log(`\n[import] a ${r.rows}-row CSV through the import job (${service.store}) vs a bare ${r.baseline} of the same rows into an equivalent table`);
      console.log(`  ${Math.round(r.studentsPerSec)} students/s, bare ${Math.round(r.copyRowsPerSec)} rows/s, ratio ${r.ratioToCopy.toFixed(3)} (rounds ${r.roundRatios.map((x) => x.toFixed(3)).join(' ')}); target ≥ ${r.target} ${r.targetMet ? 'met' : 'NOT met'}`);
      console.log(`  bare ${r.baseline} of the students and their history periods ${Math.round(r.copyWithPeriodsRowsPerSec)} rows/s: the store alone caps the ratio at ${r.storeCeiling.toFixed(3)}; import ÷ that ${r.ratioToCopyWithPeriods.toFixed(3)}`);
      console.log(`  ${describeSplit(r.cpuPerStudentUs, 'student')}${r.coresBusy === null ? '' : `; ${r.coresBusy} cores busy`}`);
      return { store: service.store, date: new Date().toISOString(), ...r };
    }
    if (id === 'search') {
      const r = await benchSearch(service, settings.rounds, Number(process.env.BENCH_SEARCH_STUDENTS ?? 1_000_000));
      if ('skipped' in r) {
        console.log(`\n[search] skipped: ${r.skipped}`);
        return { store: service.store, ...r };
      }
      console.log(`\n[search] ${r.requests} listings and searches over HTTP, one at a time, on ${r.students.toLocaleString('en-US')} students (${service.store}; seeded in ${r.seedSeconds} s), pages of ${r.pageSize}`);
      for (const [name, s] of Object.entries(r.bySearch)) console.log(`  ${name.padEnd(40)} p50 ${s.p50Ms} ms  p99 ${s.p99Ms} ms  (${s.rows} rows)`);
      console.log(`  all: p50 ${r.p50Ms} ms, p99 ${r.p99Ms} ms; target (p99 < 20 ms) ${r.targetMet ? 'met' : 'NOT met'}`);
      console.log(`  GET /health between them: p50 ${r.healthMs.p50} ms, p99 ${r.healthMs.p99} ms (search p99 ÷ health p99 = ${r.p99RatioToHealth})`);
      return { store: service.store, date: new Date().toISOString(), ...r };
    }
    throw new Error(`unknown service case ${id}`);
  } finally {
    await service.close();
  }
}
