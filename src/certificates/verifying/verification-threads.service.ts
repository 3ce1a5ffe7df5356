import type { Worker } from 'node:worker_threads';
import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { spawnWorker } from '../../common/workers/spawn-worker.js';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { DocumentLoaderService } from '../../identity/document-loader.service.js';
import type { DocumentLoader } from '../../identity/domain/document-loader.js';
import type { RecordedBefore } from '../domain/data-integrity.js';
import { VerificationBusyError, VerificationThreadLostError, VerificationTimeoutError } from './verification-errors.js';
import { loaderFaultOf, runJob, type FromThread, type JobResult, type ToThread, type VerificationJob } from './verification-jobs.js';
import type { VerificationThreadData } from './verification-worker.js';

interface Task {
  job: VerificationJob;
  loader: DocumentLoader;
  recordedBefore?: RecordedBefore;
  resolve(result: unknown): void;
  reject(error: unknown): void;
  /** A failure of the main thread's document store while serving this task: rethrown as is. */
  storeFailure?: unknown;
  seq?: number;
  timer?: NodeJS.Timeout;
}

interface Thread {
  worker: Worker;
  ready: boolean;
  task: Task | null;
}

/** A thread's heap: far above what a 1 MB, 2,000-value document needs, far below the machine's. */
const THREAD_HEAP_MB = 256;

/**
 * Runs the signature checks of verification (canonicalisation included) on a small pool of
 * worker threads, so that the main thread keeps answering other requests while a heavy document
 * is checked. One job per thread at a time; a job running past VERIFY_TIMEOUT_MS is abandoned
 * (422 VERIFICATION_TIMEOUT) and its thread terminated and replaced; at most VERIFY_QUEUE jobs
 * wait for a thread, beyond which callers get 503 VERIFICATION_BUSY with Retry-After. The threads
 * ask this one for what their bundled contexts do not hold (DID documents from the database, the
 * register's proof records). VERIFY_THREADS=0 runs the very same jobs here, without time limit.
 */
@Injectable()
export class VerificationThreads implements OnApplicationShutdown {
  private readonly logger = new Logger('VerificationThreads');
  private readonly threads: Array<Thread | undefined>;
  private readonly queue: Task[] = [];
  private seq = 0;
  private closed = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly loader: DocumentLoaderService,
  ) {
    this.threads = new Array(config.verifyThreads).fill(undefined);
  }

  /** Runs `job`, resolving documents with `loader` (default: the service's) on this thread. */
  run<J extends VerificationJob>(job: J, options: { loader?: DocumentLoader; recordedBefore?: RecordedBefore } = {}): Promise<JobResult<J>> {
    const loader = options.loader ?? this.loader.load;
    if (this.threads.length === 0) return runJob(job, loader, options.recordedBefore);
    if (this.closed) return Promise.reject(new VerificationThreadLostError());
    const idle = this.threads.some((t) => t === undefined || (t.ready && t.task === null));
    if (!idle && this.queue.length >= this.config.verifyQueue) {
      return Promise.reject(new VerificationBusyError(Math.ceil(this.config.verifyTimeoutMs / 1000)));
    }
    return new Promise((resolve, reject) => {
      this.queue.push({ job, loader, recordedBefore: options.recordedBefore, resolve: resolve as (r: unknown) => void, reject });
      this.pump();
    });
  }

  /** Jobs waiting for a thread, and threads at work: for tests and the benchmark. */
  get load(): { queued: number; running: number } {
    return { queued: this.queue.length, running: this.threads.filter((t) => t?.task).length };
  }

  async onApplicationShutdown(): Promise<void> {
    this.closed = true;
    for (const task of this.queue.splice(0)) task.reject(new VerificationThreadLostError());
    const running = this.threads.filter((t) => t !== undefined);
    this.threads.fill(undefined);
    await Promise.all(running.map((t) => t.worker.terminate()));
  }

  /** Hands waiting jobs to idle threads, starting threads as needed. */
  private pump(): void {
    for (let index = 0; index < this.threads.length && this.queue.length > 0; index++) {
      const thread = (this.threads[index] ??= this.start(index));
      if (thread.ready && thread.task === null) this.dispatch(thread, this.queue.shift()!);
    }
  }

  private dispatch(thread: Thread, task: Task): void {
    thread.task = task;
    task.seq = ++this.seq;
    // The clock starts when a thread takes the job: waiting in the queue is not the document's cost.
    task.timer = setTimeout(() => this.abandon(thread, task), this.config.verifyTimeoutMs);
    this.post(thread, { type: 'job', seq: task.seq, job: task.job, withRecords: task.recordedBefore !== undefined });
  }

  private abandon(thread: Thread, task: Task): void {
    if (thread.task !== task) return;
    this.logger.warn({ msg: 'verification abandoned at the time limit', limitMs: this.config.verifyTimeoutMs, kind: task.job.kind });
    this.retire(thread);
    task.reject(new VerificationTimeoutError(this.config.verifyTimeoutMs));
  }

  /** Stops a thread and frees its slot; the next job starts a fresh one. */
  private retire(thread: Thread): void {
    const index = this.threads.indexOf(thread);
    if (index !== -1) this.threads[index] = undefined;
    void thread.worker.terminate();
    queueMicrotask(() => this.pump());
  }

  private finish(thread: Thread, seq: number, settle: (task: Task) => void): void {
    const task = thread.task;
    if (!task || task.seq !== seq) return;
    clearTimeout(task.timer);
    thread.task = null;
    settle(task);
    this.pump();
  }

  private start(index: number): Thread {
    const data: VerificationThreadData = { publicUrl: this.config.publicUrl, conformance: this.config.conformanceIssuerSeed !== null };
    const worker = spawnWorker(new URL('./verification-worker.js', import.meta.url), data, { maxOldGenerationSizeMb: THREAD_HEAP_MB });
    const thread: Thread = { worker, ready: false, task: null };
    worker.unref();
    worker.on('message', (message: FromThread) => this.receive(thread, message));
    const lost = (why: string) => {
      if (this.threads[index] !== thread) return; // retired on purpose
      this.logger.error({ msg: 'verification thread lost', why });
      this.threads[index] = undefined;
      const task = thread.task;
      thread.task = null;
      if (task) {
        clearTimeout(task.timer);
        task.reject(new VerificationThreadLostError());
      }
      // A thread that dies before it is ready would die again: fail the waiting jobs rather than
      // restart in a loop; the next job tries a fresh thread.
      if (!thread.ready) for (const waiting of this.queue.splice(0)) waiting.reject(new VerificationThreadLostError());
      this.pump();
    };
    worker.on('error', (error) => lost(error.name));
    worker.on('exit', (code) => lost(`exit ${code}`));
    return thread;
  }

  private receive(thread: Thread, message: FromThread): void {
    if (message.type === 'ready') {
      thread.ready = true;
      this.pump();
      return;
    }
    const task = thread.task;
    if (message.type === 'done') return this.finish(thread, message.seq, (t) => t.resolve(message.result));
    if (message.type === 'failed') {
      return this.finish(thread, message.seq, (t) => t.reject(t.storeFailure ?? Object.assign(new Error('verification failed on its thread'), { name: message.name })));
    }
    if (!task || task.seq !== message.seq) return; // a late question of an abandoned job
    const { seq, call } = message;
    if (message.type === 'load') {
      task.loader(message.url).then(
        (document) => this.post(thread, { type: 'loaded', seq, call, document }),
        (error: unknown) => {
          const fault = loaderFaultOf(error);
          if (fault.name !== 'DocumentNotFoundError' && fault.name !== 'InvalidDidDocumentError') task.storeFailure ??= error;
          this.post(thread, { type: 'loaded', seq, call, fault });
        },
      );
    } else {
      // A time crosses as a number: a Date made by the message port may belong to another realm than the caller's.
      const recorded = task.recordedBefore ? task.recordedBefore(message.proof, new Date(message.revokedAt)) : Promise.resolve(false);
      recorded.then(
        (value) => this.post(thread, { type: 'recorded', seq, call, recorded: value }),
        (error: unknown) => {
          task.storeFailure ??= error;
          this.post(thread, { type: 'recorded', seq, call, recorded: false, failed: true });
        },
      );
    }
  }

  private post(thread: Thread, message: ToThread): void {
    if (this.threads.includes(thread)) thread.worker.postMessage(message);
  }
}
