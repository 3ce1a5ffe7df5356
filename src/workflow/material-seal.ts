import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { openSecret, sealedMasterKeyId, sealingKey, sealSecret, type SealingKey } from '../identity/domain/secret-box.js';

const SEAL_PURPOSE = 'xueji/request-material-seal/v1';
const RESEAL_PAGE = 50;

/**
 * A request's materials are sealed at rest under the master key (AES-256-GCM, the row id as
 * associated data, so a sealed file copied into another row no longer opens) — a scanned death
 * certificate or passport is as personal as an ID number. `npm run reseal` re-seals them.
 */
@Injectable()
export class MaterialSeal {
  private readonly key: SealingKey;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.key = sealingKey(config.masterKey, SEAL_PURPOSE);
  }

  seal(materialId: string, content: Buffer): Buffer {
    return sealSecret(this.key, content, `request-material:${materialId}`);
  }

  open(materialId: string, sealed: Buffer): Buffer {
    return openSecret(this.key, sealed, `request-material:${materialId}`);
  }

  /** Master-key replacement, in the caller's (the owner's) transaction: every material under another key, sealed again. */
  async resealIn(em: EntityManager, previousMasterKey: Buffer | null): Promise<{ total: number; resealed: number }> {
    const keys = previousMasterKey ? [this.key, sealingKey(previousMasterKey, SEAL_PURPOSE)] : [this.key];
    let after = '00000000-0000-0000-0000-000000000000';
    let total = 0;
    let resealed = 0;
    for (;;) {
      const rows: Array<{ id: string; content_sealed: Buffer | Uint8Array }> = await em.query(
        `SELECT id, content_sealed FROM request_materials WHERE id > $1 ORDER BY id LIMIT ${RESEAL_PAGE} FOR UPDATE`,
        [after],
      );
      for (const row of rows) {
        const sealed = Buffer.from(row.content_sealed);
        if (sealedMasterKeyId(sealed) === this.key.masterKeyId) continue;
        const content = openSecret(keys, sealed, `request-material:${row.id}`);
        await em.query(`UPDATE request_materials SET content_sealed = $2 WHERE id = $1`, [row.id, this.seal(row.id, content)]);
        resealed++;
      }
      total += rows.length;
      if (rows.length < RESEAL_PAGE) return { total, resealed };
      after = rows[rows.length - 1].id;
    }
  }
}
