import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { isUniqueViolation } from '../database/unique-violation.js';
import { createEd25519Signer, generateEd25519KeyPair, type Ed25519Signer } from './domain/ed25519-keys.js';
import { deriveSubkey, openSecret, sealSecret } from './domain/secret-box.js';
import { IssuerKeyEntity } from './issuer-key.entity.js';

export interface PublicKeyRecord {
  fragment: string;
  algorithm: 'Ed25519' | 'P-256';
  publicKeyMultibase: string;
  status: 'active' | 'retired' | 'revoked';
}

/**
 * Issuer keys, several algorithms per organisation, private halves sealed at rest under a key
 * derived from the master key and bound to their row. Signers are kept in memory once opened:
 * unsealing and importing a key costs more than a signature.
 */
@Injectable()
export class KeyStoreService {
  private readonly logger = new Logger('KeyStore');
  private readonly sealKey: Buffer;
  private readonly signers = new Map<string, Promise<Ed25519Signer>>();

  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.sealKey = deriveSubkey(config.masterKey, 'xueji/issuer-key-seal/v1');
  }

  /** The organisation's active Ed25519 key, generated on first use. Safe to race. */
  async ensureEd25519Key(organisationId: string): Promise<PublicKeyRecord> {
    return this.publicRecord(await this.activeEd25519Row(organisationId));
  }

  /** Public keys an organisation's DID document lists: active and retired, never revoked ones. */
  async publicKeys(organisationId: string): Promise<PublicKeyRecord[]> {
    const rows = await this.dataSource
      .getRepository(IssuerKeyEntity)
      .createQueryBuilder('k')
      .where('k.organisation_id = :organisationId', { organisationId })
      .andWhere(`k.status IN ('active', 'retired')`)
      .orderBy('k.created_at', 'ASC')
      .getMany();
    return rows.map((r) => this.publicRecord(r));
  }

  /** A signer for the organisation's active Ed25519 key; `methodId` turns the fragment into its full id. */
  async ed25519Signer(organisationId: string, methodId: (fragment: string) => string): Promise<Ed25519Signer> {
    let entry = this.signers.get(organisationId);
    if (!entry) {
      entry = this.openSigner(organisationId, methodId);
      this.signers.set(organisationId, entry);
      entry.catch(() => this.signers.delete(organisationId));
    }
    return entry;
  }

  private async openSigner(organisationId: string, methodId: (fragment: string) => string): Promise<Ed25519Signer> {
    const row = await this.activeEd25519Row(organisationId);
    const secret = openSecret(this.sealKey, row.secretSealed, associatedData(organisationId, row.fragment)).toString('utf8');
    return createEd25519Signer({ id: methodId(row.fragment), secretKeyMultibase: secret });
  }

  private async activeEd25519Row(organisationId: string): Promise<IssuerKeyEntity> {
    const repo = this.dataSource.getRepository(IssuerKeyEntity);
    const active = { organisationId, algorithm: 'Ed25519' as const, status: 'active' as const };
    const existing = await repo.findOneBy(active);
    if (existing) return existing;
    const pair = generateEd25519KeyPair();
    const fragment = pair.publicKeyMultibase;
    try {
      const created = await repo.save({
        ...active,
        fragment,
        publicKeyMultibase: pair.publicKeyMultibase,
        secretSealed: sealSecret(this.sealKey, pair.secretKeyMultibase, associatedData(organisationId, fragment)),
      });
      this.logger.log({ msg: 'issuer key generated', organisationId, algorithm: 'Ed25519' });
      return created;
    } catch (error) {
      // Another request generated one first; the partial unique index kept just one: use it.
      if (isUniqueViolation(error, 'issuer_keys_one_active')) return repo.findOneByOrFail(active);
      throw error;
    }
  }

  private publicRecord(row: IssuerKeyEntity): PublicKeyRecord {
    return { fragment: row.fragment, algorithm: row.algorithm, publicKeyMultibase: row.publicKeyMultibase, status: row.status };
  }
}

function associatedData(organisationId: string, fragment: string): string {
  return `issuer-key:${organisationId}:${fragment}`;
}
