/**
 * A thread that seals ID numbers for an import (IdNumberSealingThread): the same seal as
 * IdNumberVault.sealMany, answered as hex, so that the main thread goes on checking rows while
 * the ID numbers of the rows already checked are sealed. It holds the sealing key only.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { sealSecrets, type SealingKey } from '../identity/domain/secret-box.js';

export interface SealingThreadData {
  masterKeyId: string;
  key: Uint8Array;
}

export interface SealRequest {
  seq: number;
  items: Array<{ digest: string; normalised: string }>;
}

/** A failure travels as its error's name only. */
export type SealReply = { seq: number; hex: string[] } | { seq: number; error: { name: string } };

const data = workerData as SealingThreadData;
const key: SealingKey = { masterKeyId: data.masterKeyId, key: Buffer.from(data.key) };
const port = parentPort!;

port.on('message', ({ seq, items }: SealRequest) => {
  try {
    const sealed = sealSecrets(key, items.map((i) => ({ plaintext: i.normalised, associatedData: `id-number:${i.digest}` })));
    port.postMessage({ seq, hex: sealed.map((s) => s.toString('hex')) } satisfies SealReply);
  } catch (error) {
    port.postMessage({ seq, error: { name: (error as Error).name ?? 'Error' } } satisfies SealReply);
  }
});
