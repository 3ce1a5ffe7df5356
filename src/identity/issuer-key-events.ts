import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { IssuerSigner, KeyAlgorithm } from './domain/key-algorithms.js';

/** A key was revoked after a compromise; listeners run inside the revoking transaction. */
export interface IssuerKeyRevokedEvent {
  issuerDid: string;
  issuerName: string;
  algorithm: KeyAlgorithm;
  /** The revoked key's verification method id. */
  revokedMethodId: string;
  compromisedAt: Date;
  /** The organisation's active key of the same algorithm (the replacement), opened in the transaction. */
  signer: IssuerSigner;
  now: Date;
}

export type IssuerKeyRevokedListener = (em: EntityManager, event: IssuerKeyRevokedEvent) => Promise<void>;

/**
 * What other modules must redo when a key is revoked, e.g. re-sign the status lists that key
 * signed (certificates): a list signed by a revoked key would leave every status "unknown".
 * Identity does not know those documents; their owners subscribe here.
 */
@Injectable()
export class IssuerKeyEvents {
  private readonly revokedListeners: IssuerKeyRevokedListener[] = [];

  onRevoked(listener: IssuerKeyRevokedListener): void {
    this.revokedListeners.push(listener);
  }

  async revoked(em: EntityManager, event: IssuerKeyRevokedEvent): Promise<void> {
    for (const listener of this.revokedListeners) await listener(em, event);
  }
}
