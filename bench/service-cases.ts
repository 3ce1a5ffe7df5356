/**
 * The service-level cases the certificates issue asks for, each written to latest.json under
 * its own key: `verifyHttp.ratioToInProcess` and `issuance.ratioToRawSign`.
 */
import type { Settings } from './harness.js';
import { benchIssuance } from './issuance.js';
import { benchVerifyHttp, startBenchService } from './service.js';

export const SERVICE_CASES = ['issuance', 'verifyHttp'] as const;

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
      return { store: service.store, ...r };
    }
    throw new Error(`unknown service case ${id}`);
  } finally {
    await service.close();
  }
}
