import type { Worker } from 'node:worker_threads';
import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { spawnWorker } from '../../common/workers/spawn-worker.js';
import type { Ed25519Signer } from '../../identity/domain/ed25519-keys.js';
import { CredentialSignerService } from '../credential-signer.service.js';
import type { CertificateFacts } from '../domain/certificate-credential.js';
import { certificatesOfBytes, signCertificates, type SignedCertificate } from './certificate-signing.js';
import type { SignReply, SignRequest, SigningThreadData } from './signing-worker.js';

/** Certificates per request to a thread: small enough that storing starts early, large enough to amortise a message. */
const PER_REQUEST = 32;
/** Fewer certificates than this are signed on the calling thread (a single certificate, a correction). */
const MIN_FOR_THREADS = 2 * PER_REQUEST;

interface Pending {
  resolve(signed: SignedCertificate[]): void;
  reject(error: Error): void;
}

/**
 * Builds and signs batches of certificates on worker threads, so that the main thread streams
 * rows to the store, runs the other chunk's statements and answers requests meanwhile; on a
 * 2-core machine one thread signs while the database works on the other core. Small batches,
 * keys that cannot leave their store and `SIGNING_THREADS=0` sign on the calling thread, with
 * the very same function. Threads start on first use and stop with the application.
 */
@Injectable()
export class SigningThreads implements OnApplicationShutdown {
  private readonly logger = new Logger('SigningThreads');
  private readonly workers: Array<{ worker: Worker; pending: Map<number, Pending> } | undefined>;
  private nextWorker = 0;
  private seq = 0;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly local: CredentialSignerService,
  ) {
    this.workers = new Array(config.signingThreads).fill(undefined);
  }

  /**
   * The certificates of `facts`, signed by `signer` at `now`, as consecutive slices in order:
   * each slice settles as soon as it is signed, so the caller stores one while the next is signed.
   */
  sign(facts: CertificateFacts[], signer: Ed25519Signer, now: Date): Array<Promise<SignedCertificate[]>> {
    const batch = { publicUrl: this.config.publicUrl, now };
    if (this.workers.length === 0 || !signer.key || facts.length < MIN_FOR_THREADS) {
      return [signCertificates(this.local.templates, signer, { ...batch, facts })];
    }
    const slices: Array<Promise<SignedCertificate[]>> = [];
    for (let from = 0; from < facts.length; from += PER_REQUEST) {
      const request: SignRequest = { seq: ++this.seq, signerId: signer.id, key: signer.key, facts: facts.slice(from, from + PER_REQUEST), now: now.getTime() };
      slices.push(this.send(request));
    }
    return slices;
  }

  async onApplicationShutdown(): Promise<void> {
    const running = this.workers.filter((w) => w !== undefined);
    this.workers.fill(undefined);
    await Promise.all(running.map((w) => w.worker.terminate()));
  }

  private send(request: SignRequest): Promise<SignedCertificate[]> {
    const index = this.nextWorker++ % this.workers.length;
    const thread = (this.workers[index] ??= this.start(index));
    return new Promise<SignedCertificate[]>((resolve, reject) => {
      thread.pending.set(request.seq, { resolve, reject });
      thread.worker.postMessage(request);
    });
  }

  private start(index: number) {
    const data: SigningThreadData = { publicUrl: this.config.publicUrl, conformance: this.config.conformanceIssuerSeed !== null };
    const worker = spawnWorker(new URL('./signing-worker.js', import.meta.url), data);
    const pending = new Map<number, Pending>();
    const thread = { worker, pending };
    worker.unref();
    worker.on('message', (reply: SignReply) => {
      const waiting = pending.get(reply.seq);
      pending.delete(reply.seq);
      if (!waiting) return;
      if ('utf8' in reply) waiting.resolve(certificatesOfBytes(reply));
      else waiting.reject(Object.assign(new Error('a signing thread could not build or sign a certificate'), { name: reply.error.name }));
    });
    // A thread that dies fails what it held (the chunk rolls back and is retried) and is replaced on next use.
    const fail = (error: Error) => {
      if (this.workers[index] === thread) this.workers[index] = undefined;
      for (const waiting of pending.values()) waiting.reject(error);
      pending.clear();
    };
    worker.on('error', (error) => {
      this.logger.error({ msg: 'signing thread failed', error: error.name });
      fail(error);
    });
    worker.on('exit', (code) => fail(new Error(`signing thread exited with code ${code}`)));
    return thread;
  }
}
