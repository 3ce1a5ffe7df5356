import { createHmac, createSecretKey, type KeyObject } from 'node:crypto';
import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ValidationError } from '../common/errors/domain-error.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { deriveSubkey, openSecret, sealedMasterKeyId, sealingKey, sealSecret, sealSecrets, type SealingKey } from '../identity/domain/secret-box.js';
import { parseIdDocument, type IdDocumentType } from './domain/identity-documents.js';
import { IdNumberSealingThread } from './id-number-sealing-thread.js';

const DIGEST_PURPOSE = 'xueji/id-number-digest/v1';
const SEAL_PURPOSE = 'xueji/id-number-seal/v1';
const RESEAL_PAGE = 500;

/**
 * ID numbers are kept two ways, neither in clear: a keyed digest (HMAC-SHA256) that the unique
 * index uses to refuse a second record for the same person, and a sealed copy (AES-256-GCM)
 * for the rare reader who needs the number itself. Both keys derive from the master key.
 */
@Injectable()
export class IdNumberVault implements OnApplicationShutdown {
  private readonly logger = new Logger('IdNumberVault');
  /** A KeyObject, made once: Node 24 spends ~9 µs per HMAC checking what a Buffer key is. */
  private readonly digestKey: KeyObject;
  private readonly sealKey: SealingKey;
  private readonly sealingThread: IdNumberSealingThread;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.digestKey = createSecretKey(deriveSubkey(config.masterKey, DIGEST_PURPOSE));
    this.sealKey = sealingKey(config.masterKey, SEAL_PURPOSE);
    this.sealingThread = new IdNumberSealingThread(this.sealKey);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.sealingThread.close();
  }

  digest(documentType: string, normalised: string): string {
    return createHmac('sha256', this.digestKey).update(`${documentType}:${normalised}`).digest('hex');
  }

  /**
   * The digest of the identity document a request names, read as at enrolment; a 400 naming the
   * `idNumber` field (INVALID_ID_NUMBER) when it is not a valid number of its type. For the
   * routes that find a record by its document (progression, transfer, search).
   */
  digestOfRequested(document: { idDocumentType: IdDocumentType; idNumber: string; nationality?: string }, today: string): string {
    const parsed = parseIdDocument(document.idDocumentType, document.idNumber, today, document.nationality);
    if (!parsed.ok) throw ValidationError.field('idNumber', parsed.message, 'INVALID_ID_NUMBER');
    return this.digest(document.idDocumentType, parsed.value.normalised);
  }

  seal(digest: string, normalised: string): Buffer {
    return sealSecret(this.sealKey, normalised, `id-number:${digest}`);
  }

  /** Many numbers at once (an import): the same seal, IVs drawn in one call. */
  sealMany(items: ReadonlyArray<{ digest: string; normalised: string }>): Buffer[] {
    return sealSecrets(this.sealKey, items.map((i) => ({ plaintext: i.normalised, associatedData: `id-number:${i.digest}` })));
  }

  /**
   * sealMany on a thread of its own, as hex (what COPY and the embedded store's INSERT take): for
   * an import, whose main thread has rows to check meanwhile. Should the thread fail, the numbers
   * are sealed here instead.
   */
  async sealManyAside(items: ReadonlyArray<{ digest: string; normalised: string }>): Promise<string[]> {
    try {
      return await this.sealingThread.seal(items);
    } catch (error) {
      this.logger.warn({ msg: 'the sealing thread failed; sealing on the main thread', error: (error as Error).name });
      return this.sealMany(items).map((sealed) => sealed.toString('hex'));
    }
  }

  open(digest: string, sealed: Buffer): string {
    return openSecret(this.sealKey, sealed, `id-number:${digest}`).toString('utf8');
  }

  /**
   * Master-key replacement (npm run reseal), in the caller's transaction: every ID number sealed
   * under another master key is opened (current or previous key), re-sealed under the current
   * one, and its digest recomputed with the current digest key, so that the unique index keeps
   * finding the same person (第九条). Rows already under the current key are left alone.
   */
  async resealIn(em: EntityManager, previousMasterKey: Buffer | null): Promise<{ total: number; resealed: number }> {
    const openKeys = previousMasterKey ? [this.sealKey, sealingKey(previousMasterKey, SEAL_PURPOSE)] : [this.sealKey];
    let after = '00000000-0000-0000-0000-000000000000';
    let total = 0;
    let resealed = 0;
    for (;;) {
      const rows: Array<{ id: string; id_document_type: string; id_number_digest: string; id_number_sealed: Buffer }> = await em.query(
        `SELECT id, id_document_type, id_number_digest, id_number_sealed FROM students WHERE id > $1 ORDER BY id LIMIT ${RESEAL_PAGE} FOR UPDATE`,
        [after],
      );
      for (const row of rows) {
        if (sealedMasterKeyId(row.id_number_sealed) === this.sealKey.masterKeyId) continue;
        const normalised = openSecret(openKeys, row.id_number_sealed, `id-number:${row.id_number_digest.trim()}`).toString('utf8');
        const digest = this.digest(row.id_document_type, normalised);
        await em.query(`UPDATE students SET id_number_digest = $2, id_number_sealed = $3 WHERE id = $1`, [row.id, digest, this.seal(digest, normalised)]);
        resealed++;
      }
      total += rows.length;
      if (rows.length < RESEAL_PAGE) break;
      after = rows[rows.length - 1].id;
    }
    const documents = await this.resealDocumentsIn(em, openKeys);
    return { total: total + documents.total, resealed: resealed + documents.resealed };
  }

  /** The record's former and proposed identity documents (student_identity_documents), sealed and digested alike. */
  private async resealDocumentsIn(em: EntityManager, openKeys: SealingKey[]): Promise<{ total: number; resealed: number }> {
    const rows: Array<{ id: string; document_type: string; number_digest: string; number_sealed: Buffer }> = await em.query(
      `SELECT id, document_type, number_digest, number_sealed FROM student_identity_documents ORDER BY id FOR UPDATE`,
    );
    let resealed = 0;
    for (const row of rows) {
      if (sealedMasterKeyId(row.number_sealed) === this.sealKey.masterKeyId) continue;
      const normalised = openSecret(openKeys, row.number_sealed, `id-number:${row.number_digest.trim()}`).toString('utf8');
      const digest = this.digest(row.document_type, normalised);
      await em.query(`UPDATE student_identity_documents SET number_digest = $2, number_sealed = $3 WHERE id = $1`, [row.id, digest, this.seal(digest, normalised)]);
      resealed++;
    }
    return { total: rows.length, resealed };
  }
}
