import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { openSecret, sealedMasterKeyId, sealingKey, sealSecret, type SealingKey } from '../identity/domain/secret-box.js';

const PURPOSE = 'xueji/record-field-seal/v1';

/**
 * Personal values in the record's field history (a name before and after a correction) are kept
 * sealed (AES-256-GCM under a key derived from the master key), bound to their student and
 * field, so a value copied into another row no longer opens.
 */
@Injectable()
export class FieldValueVault {
  private readonly key: SealingKey;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.key = sealingKey(config.masterKey, PURPOSE);
  }

  seal(studentId: string, field: string, value: string): Buffer {
    return sealSecret(this.key, value, `student-field:${studentId}:${field}`);
  }

  open(studentId: string, field: string, sealed: Buffer): string {
    return openSecret(this.key, sealed, `student-field:${studentId}:${field}`).toString('utf8');
  }

  /** Master-key replacement (npm run reseal), in the caller's transaction: old and new values of the field history. */
  async resealIn(em: EntityManager, previousMasterKey: Buffer | null): Promise<{ total: number; resealed: number }> {
    const openKeys = previousMasterKey ? [this.key, sealingKey(previousMasterKey, PURPOSE)] : [this.key];
    const rows: Array<{ id: string; student_id: string; field: string; old_sealed: Buffer | null; new_sealed: Buffer | null }> = await em.query(
      `SELECT id, student_id, field, old_sealed, new_sealed FROM student_field_changes WHERE personal ORDER BY id FOR UPDATE`,
    );
    let resealed = 0;
    const again = (row: (typeof rows)[number], sealed: Buffer | null) =>
      sealed === null || sealedMasterKeyId(sealed) === this.key.masterKeyId
        ? sealed
        : this.seal(row.student_id, row.field, openSecret(openKeys, sealed, `student-field:${row.student_id}:${row.field}`).toString('utf8'));
    for (const row of rows) {
      const [oldSealed, newSealed] = [again(row, row.old_sealed), again(row, row.new_sealed)];
      if (oldSealed === row.old_sealed && newSealed === row.new_sealed) continue;
      await em.query(`UPDATE student_field_changes SET old_sealed = $2, new_sealed = $3 WHERE id = $1`, [row.id, oldSealed, newSealed]);
      resealed++;
    }
    return { total: rows.length, resealed };
  }
}
