import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { rowsOf } from '../../database/rows.js';
import { openSecret, sealedMasterKeyId, sealingKey, sealSecret, type SealingKey } from '../../identity/domain/secret-box.js';

const SEAL_PURPOSE = 'xueji/totp-seal/v1';
const associatedData = (accountId: string) => `totp:${accountId}`;

/** TOTP secrets at rest: sealed under the master key, bound to their account's row. */
@Injectable()
export class TotpSecrets {
  private readonly sealing: SealingKey;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.sealing = sealingKey(config.masterKey, SEAL_PURPOSE);
  }

  seal(accountId: string, secret: Buffer): Buffer {
    return sealSecret(this.sealing, secret, associatedData(accountId));
  }

  open(accountId: string, sealed: Buffer): Buffer {
    return openSecret(this.sealing, Buffer.from(sealed), associatedData(accountId));
  }

  /** Re-seals every TOTP secret under the current master key, inside the caller's transaction (npm run reseal). */
  async resealIn(em: EntityManager, previousMasterKey: Buffer | null): Promise<{ total: number; resealed: number }> {
    const keys = previousMasterKey ? [this.sealing, sealingKey(previousMasterKey, SEAL_PURPOSE)] : [this.sealing];
    const rows = rowsOf<{ id: string; totp_secret_sealed: Buffer }>(
      await em.query(`SELECT id, totp_secret_sealed FROM accounts WHERE totp_secret_sealed IS NOT NULL ORDER BY id FOR UPDATE`),
    );
    let resealed = 0;
    for (const row of rows) {
      if (sealedMasterKeyId(Buffer.from(row.totp_secret_sealed)) === this.sealing.masterKeyId) continue;
      const secret = openSecret(keys, Buffer.from(row.totp_secret_sealed), associatedData(row.id));
      await em.query(`UPDATE accounts SET totp_secret_sealed = $2 WHERE id = $1`, [row.id, this.seal(row.id, secret)]);
      resealed++;
    }
    return { total: rows.length, resealed };
  }
}
