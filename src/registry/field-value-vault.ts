import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { openSecret, sealingKey, sealSecret, type SealingKey } from '../identity/domain/secret-box.js';

/**
 * Personal values in the record's field history (a name before and after a correction) are kept
 * sealed (AES-256-GCM under a key derived from the master key), bound to their student and
 * field, so a value copied into another row no longer opens.
 */
@Injectable()
export class FieldValueVault {
  private readonly key: SealingKey;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.key = sealingKey(config.masterKey, 'xueji/record-field-seal/v1');
  }

  seal(studentId: string, field: string, value: string): Buffer {
    return sealSecret(this.key, value, `student-field:${studentId}:${field}`);
  }

  open(studentId: string, field: string, sealed: Buffer): string {
    return openSecret(this.key, sealed, `student-field:${studentId}:${field}`).toString('utf8');
  }
}
