import type { Worker } from 'node:worker_threads';
import { spawnWorker } from '../common/workers/spawn-worker.js';
import type { SealingKey } from '../identity/domain/secret-box.js';
import type { SealReply, SealRequest, SealingThreadData } from './id-number-sealing-worker.js';

/**
 * One worker thread that seals ID numbers (AES-256-GCM, ~5 µs a number) beside the main thread:
 * an import checks rows on the main thread while the server stores the rows before them, and
 * sealing was a quarter of that thread's work. Started on first use; requests answered in order.
 * The thread is unreferenced, so it never keeps the process alive, and closed with the vault.
 */
export class IdNumberSealingThread {
  private worker: Worker | null = null;
  private seq = 0;
  private readonly pending = new Map<number, { resolve(hex: string[]): void; reject(error: Error): void }>();

  constructor(private readonly key: SealingKey) {}

  /** `items`: digests of 64 hex characters, numbers without line breaks (normalised ID numbers are). */
  seal(items: ReadonlyArray<{ digest: string; normalised: string }>): Promise<string[]> {
    if (items.length === 0) return Promise.resolve([]);
    const worker = (this.worker ??= this.start());
    const seq = ++this.seq;
    // Joined, not concatenated: a string built by `+=` is a rope, which postMessage serialised
    // about ten times slower than a flat one in a microbenchmark (a thousand digests); the import
    // bench's ratio did not move beyond its noise.
    const digests: string[] = [];
    const numbers: string[] = [];
    for (const item of items) {
      if (item.digest.length !== 64 || item.normalised.includes('\n')) throw new RangeError('a digest is 64 hex characters; a number has no line break');
      digests.push(item.digest);
      numbers.push(item.normalised);
    }
    return new Promise((resolve, reject) => {
      this.pending.set(seq, { resolve, reject });
      worker.postMessage({ seq, digests: digests.join(''), numbers: numbers.join('\n') } satisfies SealRequest);
    });
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    await worker?.terminate();
  }

  private start(): Worker {
    const data: SealingThreadData = { masterKeyId: this.key.masterKeyId, key: this.key.key };
    const worker = spawnWorker(new URL('./id-number-sealing-worker.js', import.meta.url), data);
    worker.unref();
    worker.on('message', (reply: SealReply) => {
      const waiting = this.pending.get(reply.seq);
      this.pending.delete(reply.seq);
      if ('error' in reply) waiting?.reject(Object.assign(new Error('the sealing thread could not seal'), { name: reply.error.name }));
      else waiting?.resolve(reply.hex.split('\n'));
    });
    const lost = (error: Error) => {
      if (this.worker === worker) this.worker = null;
      for (const waiting of this.pending.values()) waiting.reject(error);
      this.pending.clear();
    };
    worker.on('error', lost);
    worker.on('exit', (code) => lost(new Error(`the sealing thread stopped (exit code ${code})`)));
    return worker;
  }
}
