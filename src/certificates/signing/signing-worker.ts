/**
 * A signing thread: builds and signs certificates for the main thread, which meanwhile streams
 * the previous ones to the store and runs the other chunk's statements. It holds no state but
 * its templates; the key comes with each request (a KeyObject is cloned, not exported).
 */
import type { KeyObject } from 'node:crypto';
import { parentPort, workerData } from 'node:worker_threads';
import { serviceContexts } from '../../identity/contexts/service-contexts.js';
import { createDocumentLoader } from '../../identity/domain/document-loader.js';
import { ed25519SignerOf } from '../../identity/domain/ed25519-keys.js';
import type { CertificateFacts } from '../domain/certificate-credential.js';
import { createTemplateIssuer } from '../domain/fast-rdfc/template-issuer.js';
import { signCertificateTexts } from './certificate-signing.js';

export interface SigningThreadData {
  publicUrl: string;
  conformance: boolean;
}

export interface SignRequest {
  seq: number;
  signerId: string;
  key: KeyObject;
  facts: CertificateFacts[];
  now: number;
}

/** A failure travels as its error's name only: a builder's message may quote a field of the record. */
export type SignReply = { seq: number; json: string[] } | { seq: number; error: { name: string } };

const { publicUrl, conformance } = workerData as SigningThreadData;
const issuer = createTemplateIssuer({ documentLoader: createDocumentLoader({ contexts: serviceContexts(publicUrl, conformance) }) });
const port = parentPort!;

// One request at a time, in arrival order: replies come back in the order they were asked.
let queue: Promise<void> = Promise.resolve();
port.on('message', (request: SignRequest) => {
  queue = queue.then(() => answer(request));
});

async function answer(request: SignRequest): Promise<void> {
  let reply: SignReply;
  try {
    const json = await signCertificateTexts(issuer, ed25519SignerOf(request.signerId, request.key), {
      facts: request.facts,
      publicUrl,
      now: new Date(request.now),
    });
    reply = { seq: request.seq, json };
  } catch (error) {
    reply = { seq: request.seq, error: { name: (error as Error)?.name ?? 'Error' } };
  }
  port.postMessage(reply);
}
