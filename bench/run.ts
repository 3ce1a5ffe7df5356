/**
 * `npm run bench [case ids…]`: runs the cases, prints a table, writes bench/results/latest.json.
 * Settings: BENCH_ROUNDS (default 5), BENCH_ROUND_MS (1000), BENCH_WARMUP_MS (1000).
 * Each service case runs in a process of its own (this script, `--service-case <id> <file>`):
 * a freshly started service, as a deployment runs one, not a process that has run the other
 * cases before (their live heap, caches and compiled code made the service's own measures move:
 * issuance's GC threads took 40–45 µs per certificate after the in-process cases, 12–16 alone).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildCases } from './cases.js';
import { runCase, type CaseResult, type Settings } from './harness.js';
import { SERVICE_CASES, runServiceCase } from './service-cases.js';
import { ED25519_SIGNING_LIBRARY } from '../src/identity/domain/ed25519-keys.js';

const settings: Settings = {
  rounds: Math.max(3, Number(process.env.BENCH_ROUNDS ?? 5)),
  roundMs: Number(process.env.BENCH_ROUND_MS ?? 1000),
  warmupMs: Number(process.env.BENCH_WARMUP_MS ?? 1000),
};
// Compiled to dist-bench/bench/run.js; results go to the source tree's bench/results/.
const resultsDir = fileURLToPath(new URL('../../bench/results/', import.meta.url));

const rate = (n: number) => Math.round(n).toLocaleString('en-US').padStart(12);
const ratio = (n: number) => (n >= 0.1 ? n.toFixed(3) : n.toPrecision(3)).padStart(9);
const spread = (values: number[]) => {
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  return `±${(((hi - lo) / 2 / ((hi + lo) / 2)) * 100).toFixed(1)}%`.padStart(8);
};

function printCase(result: CaseResult): void {
  console.log(`\n[${result.id}] ${result.title}`);
  console.log(`  ${'series'.padEnd(58)} ${'ops/s'.padStart(12)} ${'spread'.padStart(8)} ${'ratio'.padStart(9)}`);
  const { baseline } = result;
  console.log(`  ${('baseline: ' + baseline.label).padEnd(58)} ${rate(baseline.opsPerSec)} ${spread(baseline.roundRates)} ${'1'.padStart(9)}`);
  for (const subject of result.subjects) {
    const inverse = subject.ratio < 1 ? `  (1 : ${(1 / subject.ratio).toFixed(1)})` : '';
    console.log(`  ${subject.label.padEnd(58)} ${rate(subject.opsPerSec)} ${spread(subject.roundRates)} ${ratio(subject.ratio)}${inverse}`);
  }
  console.log(`  ratio = ${result.ratioMeaning}`);
}

const SERVICE_CASE_CHILD = '--service-case';

/** A service case in a process of its own, with this process's Node options; its output goes through. */
async function inOwnProcess(id: string): Promise<unknown> {
  const out = join(os.tmpdir(), `xueji-bench-${process.pid}-${id}.json`);
  try {
    await new Promise<void>((resolve, reject) => {
      const child = spawn(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), SERVICE_CASE_CHILD, id, out], { stdio: 'inherit' });
      child.on('error', reject);
      child.on('exit', (code, signal) => (code === 0 ? resolve() : reject(new Error(`service case ${id} ended with ${signal ?? `exit code ${code}`}`))));
    });
    return JSON.parse(readFileSync(out, 'utf8'));
  } finally {
    rmSync(out, { force: true });
  }
}

async function main(): Promise<void> {
  if (process.argv[2] === SERVICE_CASE_CHILD) {
    const [id, out] = process.argv.slice(3);
    writeFileSync(out, JSON.stringify(await runServiceCase(id, settings)));
    return;
  }
  const only = process.argv.slice(2);
  const wanted = (id: string) => only.length === 0 || only.includes(id);
  const cases = (await buildCases()).filter((c) => wanted(c.id));
  const serviceCases = SERVICE_CASES.filter(wanted);
  if (cases.length === 0 && serviceCases.length === 0) throw new Error(`no case matches ${only.join(', ')}`);

  const cpus = os.cpus();
  const machine = {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model ?? 'unknown',
    node: process.version,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    totalMemoryGiB: Math.round(os.totalmem() / 2 ** 30),
    loadAverageAtStart: os.loadavg().map((n) => Number(n.toFixed(2))),
    exposedGc: typeof (globalThis as { gc?: unknown }).gc === 'function',
    // The service's Ed25519 signatures; the baseline always signs with node:crypto.
    ed25519SigningLibrary: ED25519_SIGNING_LIBRARY,
  };
  console.log(`Node ${machine.node}, ${machine.cpus} × ${machine.cpuModel}, load ${machine.loadAverageAtStart.join(' ')}; the service signs with ${machine.ed25519SigningLibrary}`);
  console.log(`${settings.rounds} interleaved rounds of ${settings.roundMs} ms after ${settings.warmupMs} ms warm-up; medians shown`);

  const results: CaseResult[] = [];
  for (const c of cases) {
    const result = await runCase(c, settings);
    printCase(result);
    results.push(result);
  }

  const service: Record<string, unknown> = {};
  for (const id of serviceCases) {
    service[id] = await inOwnProcess(id);
  }

  const loadAverageAtEnd = os.loadavg().map((n) => Number(n.toFixed(2)));
  mkdirSync(resultsDir, { recursive: true });
  const file = `${resultsDir}latest.json`;
  const thisRun = { date: new Date().toISOString(), machine: { ...machine, loadAverageAtEnd }, settings };
  // A run of some cases only replaces those cases' results and keeps the rest of the previous
  // file, whose date, machine and settings stay those of the full run; `partialRun` has this one's.
  const previous = only.length > 0 && existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown> & { cases?: CaseResult[] }) : null;
  const ran = [...results.map((r) => r.id), ...serviceCases];
  const report = previous
    ? { ...previous, partialRun: { ...thisRun, ran }, ...service, cases: [...(previous.cases ?? []).filter((c) => !ran.includes(c.id)), ...results] }
    : { ...thisRun, ...service, cases: results };
  writeFileSync(file, JSON.stringify(report, null, 2) + '\n');
  console.log(`\nwrote ${file}`);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
