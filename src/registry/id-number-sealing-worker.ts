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

/**
 * The numbers to seal, packed as two strings (a structured clone of a thousand small objects
 * cost the main thread more than half of what sealing them here saves it): the digests, 64 hex
 * characters each, one after the other, and the normalised numbers joined by newlines.
 */
export interface SealRequest {
  seq: number;
  digests: string;
  numbers: string;
}

/** The sealed values as hex, joined by newlines; a failure travels as its error's name only. */
export type SealReply = { seq: number; hex: string } | { seq: number; error: { name: string } };

const data = workerData as SealingThreadData;
const key: SealingKey = { masterKeyId: data.masterKeyId, key: Buffer.from(data.key) };
const port = parentPort!;

port.on('message', ({ seq, digests, numbers }: SealRequest) => {
  try {
    const values = numbers.split('\n').map((plaintext, i) => ({ plaintext, associatedData: `id-number:${digests.slice(i * 64, (i + 1) * 64)}` }));
    if (digests.length !== values.length * 64) throw new RangeError('one digest per number');
    port.postMessage({ seq, hex: sealSecrets(key, values).map((s) => s.toString('hex')).join('\n') } satisfies SealReply);
  } catch (error) {
    port.postMessage({ seq, error: { name: (error as Error).name ?? 'Error' } } satisfies SealReply);
  }
});
