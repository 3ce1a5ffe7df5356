/**
 * A verification thread: runs one verification job at a time (runJob, the same code the main
 * thread runs with VERIFY_THREADS=0). Contexts are bundled here; anything else the document
 * loader needs (DID documents, which live in the database) and the register's "was this proof
 * recorded before the key's compromise?" are asked of the main thread over the parent port.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { RemoteDocument } from '@digitalbazaar/vc';
import { serviceContexts } from '../../identity/contexts/service-contexts.js';
import { createDocumentLoader, type DocumentLoader } from '../../identity/domain/document-loader.js';
import type { RecordedBefore } from '../domain/data-integrity.js';
import { loaderErrorOf, runJob, type FromThread, type ToThread } from './verification-jobs.js';

export interface VerificationThreadData {
  publicUrl: string;
  conformance: boolean;
}

const { publicUrl, conformance } = workerData as VerificationThreadData;
const bundled = createDocumentLoader({ contexts: serviceContexts(publicUrl, conformance) });
const port = parentPort!;
const send = (message: FromThread) => port.postMessage(message);

/** Answers awaited from the main thread, by call number. */
const awaiting = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
let calls = 0;

function ask<T>(message: FromThread & { call: number }): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    awaiting.set(message.call, { resolve: resolve as (value: unknown) => void, reject });
    send(message);
  });
}

function loaderFor(seq: number): DocumentLoader {
  return async (url) => {
    try {
      return await bundled(url);
    } catch {
      return ask<RemoteDocument>({ type: 'load', seq, call: ++calls, url });
    }
  };
}

function recordsFor(seq: number): RecordedBefore {
  return (proof, revokedAt) => ask<boolean>({ type: 'recordedBefore', seq, call: ++calls, proof, revokedAt: revokedAt.getTime() });
}

port.on('message', (message: ToThread) => {
  if (message.type === 'job') {
    const { seq, job, withRecords } = message;
    runJob(job, loaderFor(seq), withRecords ? recordsFor(seq) : undefined).then(
      (result) => send({ type: 'done', seq, result }),
      (error: unknown) => send({ type: 'failed', seq, name: (error as Error)?.name ?? 'Error' }),
    );
    return;
  }
  const waiting = awaiting.get(message.call);
  awaiting.delete(message.call);
  if (!waiting) return;
  if (message.type === 'recorded') {
    if (message.failed) waiting.reject(Object.assign(new Error('the proof records could not be read'), { name: 'ProofRecordsFailure' }));
    else waiting.resolve(message.recorded);
  }
  else if (message.fault) waiting.reject(loaderErrorOf(message.fault));
  else waiting.resolve(message.document);
});

send({ type: 'ready' });
