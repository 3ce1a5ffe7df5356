import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { ConflictError, NotFoundError } from '../common/errors/domain-error.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { isUniqueViolation } from '../database/unique-violation.js';
import { algorithmSupport, KEY_ALGORITHMS, type IssuerSigner, type KeyAlgorithm, type SignerOf } from './domain/key-algorithms.js';
import { openSecret, sealedMasterKeyId, sealingKey, sealSecret, type SealingKey } from './domain/secret-box.js';
import { IssuerKeyEntity, type IssuerKeyStatus } from './issuer-key.entity.js';

export interface IssuerKeyRecord {
  id: string;
  algorithm: KeyAlgorithm;
  fragment: string;
  publicKeyMultibase: string;
  status: IssuerKeyStatus;
  createdAt: Date;
  retiredAt: Date | null;
  compromisedAt: Date | null;
  revokedAt: Date | null;
  statusReason: string | null;
}

/**
 * How long a process trusts what it last read as an organisation's active key. Rotation and
 * revocation drop this process's signers at once; other instances notice within this time (and a
 * revoked key's signer then refuses to sign even for callers still holding it).
 */
export const ACTIVE_KEY_RECHECK_MS = 5_000;

const SEAL_PURPOSE = 'xueji/issuer-key-seal/v1';

interface OpenedSigner {
  signer: Promise<IssuerSigner>;
  /** Set when this process learns the key was revoked: the signer then refuses. */
  state: { revoked: boolean };
}

/**
 * Issuer keys, several algorithms per organisation, one active per algorithm (a partial unique
 * index), private halves sealed at rest under the master key and bound to their row. Signers are
 * kept in memory by key id once opened (unsealing and importing costs more than a signature) and
 * never outlive a rotation: the active key id is re-read at most every ACTIVE_KEY_RECHECK_MS.
 */
@Injectable()
export class KeyStoreService {
  private readonly logger = new Logger('KeyStore');
  private readonly sealing: SealingKey;
  private readonly signers = new Map<string, OpenedSigner>();
  private readonly activeKeys = new Map<string, { keyId: string; readAt: number }>();

  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.sealing = sealingKey(config.masterKey, SEAL_PURPOSE);
  }

  /**
   * A signer for the organisation's active key of `algorithm`, generated on first use (safe to
   * race); `methodId` turns the key's fragment into its full verification method id. Inside a
   * transaction pass its `em`: the embedded store has one session, so nothing may read outside it.
   */
  async signerFor<A extends KeyAlgorithm>(
    organisationId: string,
    algorithm: A,
    methodId: (fragment: string) => string,
    em: EntityManager = this.dataSource.manager,
  ): Promise<SignerOf<A>> {
    const slot = `${organisationId}|${algorithm}`;
    const known = this.activeKeys.get(slot);
    const cached = known && Date.now() - known.readAt < ACTIVE_KEY_RECHECK_MS ? this.signers.get(known.keyId) : undefined;
    if (cached) return (await cached.signer) as SignerOf<A>;
    const row = await this.activeRow(em, organisationId, algorithm);
    if (known && known.keyId !== row.id) await this.noticeReplaced(known.keyId);
    this.activeKeys.set(slot, { keyId: row.id, readAt: Date.now() });
    return (await this.opened(row, methodId).signer) as SignerOf<A>;
  }

  /** Both keys of a signing organisation, inside the caller's transaction when `em` is given. */
  async ensureSigningKeys(organisationId: string, em: EntityManager = this.dataSource.manager): Promise<IssuerKeyRecord[]> {
    const rows = [];
    for (const algorithm of KEY_ALGORITHMS) rows.push(await this.activeRow(em, organisationId, algorithm));
    return rows.map(record);
  }

  /** Every key the organisation ever had (active, retired, revoked), oldest first. */
  async keysOf(organisationId: string, em: EntityManager = this.dataSource.manager): Promise<IssuerKeyRecord[]> {
    const rows = await em.getRepository(IssuerKeyEntity).find({ where: { organisationId }, order: { createdAt: 'ASC', algorithm: 'ASC', id: 'ASC' } });
    return rows.map(record);
  }

  /** Retires the active key of `algorithm` and makes a new one, inside the caller's transaction. */
  async rotateIn(em: EntityManager, organisationId: string, algorithm: KeyAlgorithm, reason: string, now: Date) {
    const current = await em.getRepository(IssuerKeyEntity).findOne({
      where: { organisationId, algorithm, status: 'active' },
      lock: { mode: 'pessimistic_write' },
    });
    if (!current) throw new ConflictError('ISSUER_KEY_CHANGED', 'the active key changed meanwhile (another rotation?); read the keys again');
    await em.update(IssuerKeyEntity, { id: current.id }, { status: 'retired', retiredAt: now, statusReason: reason });
    const created = await this.insertKey(em, organisationId, algorithm);
    return { retired: record({ ...current, status: 'retired', retiredAt: now, statusReason: reason }), active: record(created) };
  }

  /**
   * Revokes a key compromised at `compromisedAt`; an active key is replaced in the same
   * transaction, so the organisation can go on signing.
   */
  async revokeIn(em: EntityManager, organisationId: string, keyId: string, compromisedAt: Date, reason: string, now: Date) {
    const key = await em.getRepository(IssuerKeyEntity).findOne({ where: { id: keyId, organisationId }, lock: { mode: 'pessimistic_write' } });
    if (!key) throw new NotFoundError('Issuer key');
    if (key.status === 'revoked') {
      throw new ConflictError('ISSUER_KEY_ALREADY_REVOKED', `the key was already revoked, compromised at ${key.compromisedAt!.toISOString()}`);
    }
    const change = { status: 'revoked' as const, retiredAt: key.retiredAt ?? now, compromisedAt, revokedAt: now, statusReason: reason };
    await em.update(IssuerKeyEntity, { id: key.id }, change);
    const replacement = key.status === 'active' ? record(await this.insertKey(em, organisationId, key.algorithm)) : null;
    return { revoked: record({ ...key, ...change }), replacement };
  }

  /** The active key's signer read through the caller's transaction (not cached): for work inside it. */
  async openActiveIn<A extends KeyAlgorithm>(em: EntityManager, organisationId: string, algorithm: A, methodId: (fragment: string) => string): Promise<SignerOf<A>> {
    const row = await this.activeRow(em, organisationId, algorithm);
    return this.unseal(row, methodId) as SignerOf<A>;
  }

  /**
   * After a rotation or revocation commits: this process stops using the key at once, and a
   * revoked key's signer refuses even callers that opened it before.
   */
  keyChanged(keyId: string, change: { revoked: boolean }): void {
    const opened = this.signers.get(keyId);
    if (opened && change.revoked) opened.state.revoked = true;
    this.signers.delete(keyId);
    for (const [slot, active] of this.activeKeys) if (active.keyId === keyId) this.activeKeys.delete(slot);
  }

  /**
   * Re-seals every issuer key under the current master key, opening each under the current or
   * the previous one; inside the caller's transaction. Keys already under the current key stay.
   */
  async resealIn(em: EntityManager, previousMasterKey: Buffer | null): Promise<{ total: number; resealed: number }> {
    const keys = previousMasterKey ? [this.sealing, sealingKey(previousMasterKey, SEAL_PURPOSE)] : [this.sealing];
    const rows = await em.getRepository(IssuerKeyEntity).find({ order: { id: 'ASC' }, lock: { mode: 'pessimistic_write' } });
    let resealed = 0;
    for (const row of rows) {
      if (sealedMasterKeyId(row.secretSealed) === this.sealing.masterKeyId) continue;
      const associated = associatedData(row.organisationId, row.fragment);
      const secret = openSecret(keys, row.secretSealed, associated);
      await em.update(IssuerKeyEntity, { id: row.id }, { secretSealed: sealSecret(this.sealing, secret, associated) });
      resealed++;
    }
    return { total: rows.length, resealed };
  }

  private opened(row: IssuerKeyEntity, methodId: (fragment: string) => string): OpenedSigner {
    let entry = this.signers.get(row.id);
    if (!entry) {
      const state = { revoked: false };
      const signer = Promise.resolve().then(() => guarded(this.unseal(row, methodId), state));
      entry = { signer, state };
      this.signers.set(row.id, entry);
      signer.catch(() => this.signers.delete(row.id));
    }
    return entry;
  }

  private unseal(row: IssuerKeyEntity, methodId: (fragment: string) => string): IssuerSigner {
    const secret = openSecret(this.sealing, row.secretSealed, associatedData(row.organisationId, row.fragment)).toString('utf8');
    return algorithmSupport(row.algorithm).createSigner({ id: methodId(row.fragment), secretKeyMultibase: secret });
  }

  /** Another instance rotated or revoked the key this process last knew as active. */
  private async noticeReplaced(keyId: string): Promise<void> {
    const row = await this.dataSource.getRepository(IssuerKeyEntity).findOneBy({ id: keyId });
    this.keyChanged(keyId, { revoked: row?.status === 'revoked' });
  }

  private async activeRow(em: EntityManager, organisationId: string, algorithm: KeyAlgorithm): Promise<IssuerKeyEntity> {
    const active = { organisationId, algorithm, status: 'active' as const };
    const existing = await em.getRepository(IssuerKeyEntity).findOneBy(active);
    if (existing) return existing;
    try {
      return await this.insertKey(em, organisationId, algorithm);
    } catch (error) {
      // Another request generated one first; the partial unique index kept just one: use it.
      // (Inside a transaction the error has ended it, and the caller's retry finds the key.)
      if (!em.queryRunner?.isTransactionActive && isUniqueViolation(error, 'issuer_keys_one_active')) {
        return em.getRepository(IssuerKeyEntity).findOneByOrFail(active);
      }
      throw error;
    }
  }

  private async insertKey(em: EntityManager, organisationId: string, algorithm: KeyAlgorithm): Promise<IssuerKeyEntity> {
    const pair = algorithmSupport(algorithm).generate();
    const fragment = pair.publicKeyMultibase;
    const created = await em.getRepository(IssuerKeyEntity).save({
      organisationId,
      algorithm,
      status: 'active' as const,
      fragment,
      publicKeyMultibase: pair.publicKeyMultibase,
      secretSealed: sealSecret(this.sealing, pair.secretKeyMultibase, associatedData(organisationId, fragment)),
      retiredAt: null,
      compromisedAt: null,
      revokedAt: null,
      statusReason: null,
    });
    this.logger.log({ msg: 'issuer key generated', organisationId, algorithm, keyId: created.id });
    return created;
  }
}

/** A signer that refuses once its key is known revoked: a compromised key signs nothing more here. */
function guarded(signer: IssuerSigner, state: { revoked: boolean }): IssuerSigner {
  const refuseIfRevoked = () => {
    if (state.revoked) throw new ConflictError('ISSUER_KEY_REVOKED', 'the issuer key was revoked while this request was running; send it again');
  };
  const signSync = (data: Uint8Array) => {
    refuseIfRevoked();
    return signer.signSync(data);
  };
  const sign = async (options: { data: Uint8Array }) => {
    refuseIfRevoked();
    return signer.sign(options);
  };
  return { ...signer, signSync, sign } as IssuerSigner;
}

function record(row: IssuerKeyEntity): IssuerKeyRecord {
  return {
    id: row.id,
    algorithm: row.algorithm,
    fragment: row.fragment,
    publicKeyMultibase: row.publicKeyMultibase,
    status: row.status,
    createdAt: row.createdAt,
    retiredAt: row.retiredAt ?? null,
    compromisedAt: row.compromisedAt ?? null,
    revokedAt: row.revokedAt ?? null,
    statusReason: row.statusReason ?? null,
  };
}

function associatedData(organisationId: string, fragment: string): string {
  return `issuer-key:${organisationId}:${fragment}`;
}
