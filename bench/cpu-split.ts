/**
 * Where a service case's CPU goes while it is timed: this process's threads by kind (the main
 * thread; worker threads — the signing and sealing threads; the runtime's helpers — V8's garbage
 * collection and libuv's pool) and the database server's processes (its backends on the bench's
 * database and its background writers), read from /proc before and after the timed work.
 *
 * A diagnostic beside the ratios, not a ratio: on a 2-core machine the parts add up to the two
 * cores, so it shows which part a case would have to shrink. Linux only; the database's part
 * only when the server runs on this machine (its processes are readable here), else null.
 * A server process that ends between two readings takes its time with it (the pool's and the
 * queue's connections stay open, so none does in these cases).
 */
import { readdirSync, readFileSync } from 'node:fs';
import type { DataSource } from 'typeorm';

/** CPU seconds (user + system) so far. */
export interface CpuReading {
  threads: Record<ThreadKind, number>;
  /** Server pid → its CPU seconds; null when they cannot be read here. */
  database: Map<number, number> | null;
}

export type ThreadKind = 'mainThread' | 'workerThreads' | 'runtimeHelpers';

/** CPU seconds spent between readings, by part. */
export type CpuSplit = Record<ThreadKind, number> & { database: number | null };

/** Linux's USER_HZ: /proc counts CPU time in hundredths of a second. */
const TICKS_PER_SECOND = 100;

export async function readCpu(dataSource: DataSource | null): Promise<CpuReading> {
  const threads: Record<ThreadKind, number> = { mainThread: 0, workerThreads: 0, runtimeHelpers: 0 };
  for (const tid of list('/proc/self/task')) {
    const seconds = cpuSeconds(`/proc/self/task/${tid}`);
    if (seconds === null) continue;
    threads[kindOf(read(`/proc/self/task/${tid}/comm`))] += seconds;
  }
  return { threads, database: dataSource ? await serverCpu(dataSource) : null };
}

export function cpuBetween(before: CpuReading, after: CpuReading): CpuSplit {
  const split = {} as CpuSplit;
  for (const kind of ['mainThread', 'workerThreads', 'runtimeHelpers'] as const) split[kind] = after.threads[kind] - before.threads[kind];
  if (!before.database || !after.database) split.database = null;
  else {
    let database = 0;
    for (const [pid, seconds] of after.database) database += seconds - (before.database.get(pid) ?? 0);
    split.database = database;
  }
  return split;
}

/** The sum of several splits (rounds). */
export function addSplits(splits: readonly CpuSplit[]): CpuSplit {
  const sum: CpuSplit = { mainThread: 0, workerThreads: 0, runtimeHelpers: 0, database: 0 };
  for (const s of splits) {
    sum.mainThread += s.mainThread;
    sum.workerThreads += s.workerThreads;
    sum.runtimeHelpers += s.runtimeHelpers;
    sum.database = sum.database === null || s.database === null ? null : sum.database + s.database;
  }
  return sum;
}

/** Microseconds of CPU per item, by part, and in all. */
export function perItemMicros(split: CpuSplit, items: number): CpuSplit & { total: number | null } {
  const us = (seconds: number) => Math.round((seconds / items) * 1e7) / 10;
  const database = split.database === null ? null : us(split.database);
  const threads = us(split.mainThread + split.workerThreads + split.runtimeHelpers);
  return {
    mainThread: us(split.mainThread),
    workerThreads: us(split.workerThreads),
    runtimeHelpers: us(split.runtimeHelpers),
    database,
    total: database === null ? null : Math.round((threads + database) * 10) / 10,
  };
}

/** CPU seconds of all parts ÷ wall seconds: how many cores the work kept busy (null without the database's part). */
export function coresBusy(split: CpuSplit, wallSeconds: number): number | null {
  if (split.database === null) return null;
  return Math.round(((split.mainThread + split.workerThreads + split.runtimeHelpers + split.database) / wallSeconds) * 100) / 100;
}

export function describeSplit(per: ReturnType<typeof perItemMicros>, item: string): string {
  const db = per.database === null ? 'database not readable here' : `database ${per.database}`;
  return `CPU µs per ${item}: main thread ${per.mainThread}, worker threads ${per.workerThreads}, runtime helpers ${per.runtimeHelpers}, ${db}${per.total === null ? '' : `; ${per.total} in all`}`;
}

/** The server's processes that work for this database: its backends and the background ones (no database). */
async function serverCpu(dataSource: DataSource): Promise<Map<number, number> | null> {
  const rows: Array<{ pid: number }> = await dataSource.query(`SELECT pid FROM pg_stat_activity WHERE datname = current_database() OR datname IS NULL`);
  const cpu = new Map<number, number>();
  for (const { pid } of rows) {
    if (read(`/proc/${pid}/comm`) !== 'postgres') return null; // not a server on this machine
    const seconds = cpuSeconds(`/proc/${pid}`);
    if (seconds !== null) cpu.set(pid, seconds);
  }
  return cpu;
}

function kindOf(comm: string | null): ThreadKind {
  if (comm === 'MainThread' || comm === 'node') return 'mainThread';
  if (comm === 'WorkerThread') return 'workerThreads';
  return 'runtimeHelpers';
}

/** utime + stime of /proc/…/stat (fields 14 and 15; the name in parentheses may hold spaces). */
function cpuSeconds(dir: string): number | null {
  const stat = read(`${dir}/stat`);
  if (stat === null) return null;
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

function read(path: string): string | null {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch {
    return null;
  }
}

function list(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
