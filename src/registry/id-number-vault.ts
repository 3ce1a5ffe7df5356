import { createHmac } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { deriveSubkey, openSecret, sealSecret } from '../identity/domain/secret-box.js';

/**
 * ID numbers are kept two ways, neither in clear: a keyed digest (HMAC-SHA256) that the unique
 * index uses to refuse a second record for the same person, and a sealed copy (AES-256-GCM)
 * for the rare reader who needs the number itself.
 */
@Injectable()
export class IdNumberVault {
  private readonly digestKey: Buffer;
  private readonly sealKey: Buffer;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.digestKey = deriveSubkey(config.masterKey, 'xueji/id-number-digest/v1');
    this.sealKey = deriveSubkey(config.masterKey, 'xueji/id-number-seal/v1');
  }

  digest(documentType: string, normalised: string): string {
    return createHmac('sha256', this.digestKey).update(`${documentType}:${normalised}`).digest('hex');
  }

  seal(digest: string, normalised: string): Buffer {
    return sealSecret(this.sealKey, normalised, `id-number:${digest}`);
  }

  open(digest: string, sealed: Buffer): string {
    return openSecret(this.sealKey, sealed, `id-number:${digest}`).toString('utf8');
  }
}
