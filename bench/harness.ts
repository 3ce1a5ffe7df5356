/**
 * A small, dependency-free timing harness. Every case has a baseline and one or more subjects;
 * rounds are interleaved (baseline, subjects, baseline, …) so a slow stretch of a noisy machine
 * hits all series alike, and each ratio is the median of per-round ratios.
 */

export interface Series {
  label: string;
  /** One call; may be async. Its result is kept so the work cannot be optimised away. */
  run: () => unknown;
  /** Operations one call performs (e.g. a pass over 1,000 inputs), so rates stay per operation. */
  opsPerCall?: number;
}

export interface BenchCase {
  id: string;
  title: string;
  /** What subject ÷ baseline means, in one sentence. */
  ratioMeaning: string;
  baseline: Series;
  subjects: Series[];
}

export interface Settings {
  rounds: number;
  roundMs: number;
  warmupMs: number;
}

export interface SeriesResult {
  label: string;
  opsPerSec: number;
  roundRates: number[];
}

export interface SubjectResult extends SeriesResult {
  ratio: number;
  roundRatios: number[];
}

export interface CaseResult {
  id: string;
  title: string;
  ratioMeaning: string;
  baseline: SeriesResult;
  subjects: SubjectResult[];
}

let blackhole: unknown;
/** V8's collector on demand (`--expose-gc`, which `npm run bench` passes). */
export const gc = (globalThis as { gc?: () => void }).gc;

interface Prepared {
  series: Series;
  isAsync: boolean;
  batch: number;
}

/** Runs for `ms` with batches of `batch` calls; returns operations per second. */
async function timed(p: Prepared, ms: number): Promise<number> {
  const { series, isAsync, batch } = p;
  let calls = 0;
  let elapsed = 0;
  const start = performance.now();
  do {
    for (let i = 0; i < batch; i++) blackhole = isAsync ? await series.run() : series.run();
    calls += batch;
    elapsed = performance.now() - start;
  } while (elapsed < ms);
  return (calls * (series.opsPerCall ?? 1)) / (elapsed / 1000);
}

/** Warm-up: lets the JIT settle and sizes batches to ~5 ms so reading the clock costs nothing. */
async function prepare(series: Series, warmupMs: number): Promise<Prepared> {
  const first = series.run();
  const isAsync = typeof (first as { then?: unknown } | null)?.then === 'function';
  if (isAsync) await first;
  const probe: Prepared = { series, isAsync, batch: 1 };
  const callsPerSec = (await timed(probe, warmupMs)) / (series.opsPerCall ?? 1);
  return { series, isAsync, batch: Math.max(1, Math.floor(callsPerSec * 0.005)) };
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export async function runCase(bench: BenchCase, settings: Settings): Promise<CaseResult> {
  const all = [bench.baseline, ...bench.subjects];
  const prepared: Prepared[] = [];
  for (const series of all) prepared.push(await prepare(series, settings.warmupMs));

  const rates: number[][] = all.map(() => []);
  for (let round = 0; round < settings.rounds; round++) {
    for (let i = 0; i < prepared.length; i++) {
      gc?.();
      rates[i].push(await timed(prepared[i], settings.roundMs));
    }
  }
  const [baselineRates, ...subjectRates] = rates;
  return {
    id: bench.id,
    title: bench.title,
    ratioMeaning: bench.ratioMeaning,
    baseline: { label: bench.baseline.label, opsPerSec: median(baselineRates), roundRates: baselineRates },
    subjects: bench.subjects.map((subject, i) => {
      const roundRatios = subjectRates[i].map((rate, round) => rate / baselineRates[round]);
      return {
        label: subject.label,
        opsPerSec: median(subjectRates[i]),
        roundRates: subjectRates[i],
        ratio: median(roundRatios),
        roundRatios,
      };
    }),
  };
}

