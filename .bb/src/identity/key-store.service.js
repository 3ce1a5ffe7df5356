var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
var __param = (this && this.__param) || function (paramIndex, decorator) {
    return function (target, key) { decorator(target, key, paramIndex); }
};
import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ConflictError, NotFoundError } from '../common/errors/domain-error.js';
import { APP_CONFIG } from '../config/config.js';
import { isUniqueViolation } from '../database/unique-violation.js';
import { algorithmSupport, KEY_ALGORITHMS } from './domain/key-algorithms.js';
import { openSecret, sealedMasterKeyId, sealingKey, sealSecret } from './domain/secret-box.js';
import { IssuerKeyEntity } from './issuer-key.entity.js';
/**
 * How long a process trusts what it last read as an organisation's active key. Rotation and
 * revocation drop this process's signers at once; other instances notice within this time (and a
 * revoked key's signer then refuses to sign even for callers still holding it).
 */
export const ACTIVE_KEY_RECHECK_MS = 5_000;
const SEAL_PURPOSE = 'xueji/issuer-key-seal/v1';
/**
 * Issuer keys, several algorithms per organisation, one active per algorithm (a partial unique
 * index), private halves sealed at rest under the master key and bound to their row. Signers are
 * kept in memory by key id once opened (unsealing and importing costs more than a signature) and
 * never outlive a rotation: the active key id is re-read at most every ACTIVE_KEY_RECHECK_MS.
 */
let KeyStoreService = class KeyStoreService {
    constructor(dataSource, config) {
        this.dataSource = dataSource;
        this.logger = new Logger('KeyStore');
        this.signers = new Map();
        this.activeKeys = new Map();
        this.sealing = sealingKey(config.masterKey, SEAL_PURPOSE);
    }
    /**
     * A signer for the organisation's active key of `algorithm`, generated on first use (safe to
     * race); `methodId` turns the key's fragment into its full verification method id.
     */
    async signerFor(organisationId, algorithm, methodId) {
        const slot = `${organisationId}|${algorithm}`;
        const known = this.activeKeys.get(slot);
        const cached = known && Date.now() - known.readAt < ACTIVE_KEY_RECHECK_MS ? this.signers.get(known.keyId) : undefined;
        if (cached)
            return (await cached.signer);
        const row = await this.activeRow(this.dataSource.manager, organisationId, algorithm);
        if (known && known.keyId !== row.id)
            await this.noticeReplaced(known.keyId);
        this.activeKeys.set(slot, { keyId: row.id, readAt: Date.now() });
        return (await this.opened(row, methodId).signer);
    }
    /** Both keys of a signing organisation, inside the caller's transaction when `em` is given. */
    async ensureSigningKeys(organisationId, em = this.dataSource.manager) {
        const rows = [];
        for (const algorithm of KEY_ALGORITHMS)
            rows.push(await this.activeRow(em, organisationId, algorithm));
        return rows.map(record);
    }
    /** Every key the organisation ever had (active, retired, revoked), oldest first. */
    async keysOf(organisationId, em = this.dataSource.manager) {
        const rows = await em.getRepository(IssuerKeyEntity).find({ where: { organisationId }, order: { createdAt: 'ASC', algorithm: 'ASC', id: 'ASC' } });
        return rows.map(record);
    }
    /** Retires the active key of `algorithm` and makes a new one, inside the caller's transaction. */
    async rotateIn(em, organisationId, algorithm, reason, now) {
        const current = await em.getRepository(IssuerKeyEntity).findOne({
            where: { organisationId, algorithm, status: 'active' },
            lock: { mode: 'pessimistic_write' },
        });
        if (!current)
            throw new ConflictError('ISSUER_KEY_CHANGED', 'the active key changed meanwhile (another rotation?); read the keys again');
        await em.update(IssuerKeyEntity, { id: current.id }, { status: 'retired', retiredAt: now, statusReason: reason });
        const created = await this.insertKey(em, organisationId, algorithm);
        return { retired: record({ ...current, status: 'retired', retiredAt: now, statusReason: reason }), active: record(created) };
    }
    /**
     * Revokes a key compromised at `compromisedAt`; an active key is replaced in the same
     * transaction, so the organisation can go on signing.
     */
    async revokeIn(em, organisationId, keyId, compromisedAt, reason, now) {
        const key = await em.getRepository(IssuerKeyEntity).findOne({ where: { id: keyId, organisationId }, lock: { mode: 'pessimistic_write' } });
        if (!key)
            throw new NotFoundError('Issuer key');
        if (key.status === 'revoked') {
            throw new ConflictError('ISSUER_KEY_ALREADY_REVOKED', `the key was already revoked, compromised at ${key.compromisedAt.toISOString()}`);
        }
        const change = { status: 'revoked', retiredAt: key.retiredAt ?? now, compromisedAt, revokedAt: now, statusReason: reason };
        await em.update(IssuerKeyEntity, { id: key.id }, change);
        const replacement = key.status === 'active' ? record(await this.insertKey(em, organisationId, key.algorithm)) : null;
        return { revoked: record({ ...key, ...change }), replacement };
    }
    /** The active key's signer read through the caller's transaction (not cached): for work inside it. */
    async openActiveIn(em, organisationId, algorithm, methodId) {
        const row = await this.activeRow(em, organisationId, algorithm);
        return this.unseal(row, methodId);
    }
    /**
     * After a rotation or revocation commits: this process stops using the key at once, and a
     * revoked key's signer refuses even callers that opened it before.
     */
    keyChanged(keyId, change) {
        const opened = this.signers.get(keyId);
        if (opened && change.revoked)
            opened.state.revoked = true;
        this.signers.delete(keyId);
        for (const [slot, active] of this.activeKeys)
            if (active.keyId === keyId)
                this.activeKeys.delete(slot);
    }
    /**
     * Re-seals every issuer key under the current master key, opening each under the current or
     * the previous one; inside the caller's transaction. Keys already under the current key stay.
     */
    async resealIn(em, previousMasterKey) {
        const keys = previousMasterKey ? [this.sealing, sealingKey(previousMasterKey, SEAL_PURPOSE)] : [this.sealing];
        const rows = await em.getRepository(IssuerKeyEntity).find({ order: { id: 'ASC' }, lock: { mode: 'pessimistic_write' } });
        let resealed = 0;
        for (const row of rows) {
            if (sealedMasterKeyId(row.secretSealed) === this.sealing.masterKeyId)
                continue;
            const associated = associatedData(row.organisationId, row.fragment);
            const secret = openSecret(keys, row.secretSealed, associated);
            await em.update(IssuerKeyEntity, { id: row.id }, { secretSealed: sealSecret(this.sealing, secret, associated) });
            resealed++;
        }
        return { total: rows.length, resealed };
    }
    opened(row, methodId) {
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
    unseal(row, methodId) {
        const secret = openSecret(this.sealing, row.secretSealed, associatedData(row.organisationId, row.fragment)).toString('utf8');
        return algorithmSupport(row.algorithm).createSigner({ id: methodId(row.fragment), secretKeyMultibase: secret });
    }
    /** Another instance rotated or revoked the key this process last knew as active. */
    async noticeReplaced(keyId) {
        const row = await this.dataSource.getRepository(IssuerKeyEntity).findOneBy({ id: keyId });
        this.keyChanged(keyId, { revoked: row?.status === 'revoked' });
    }
    async activeRow(em, organisationId, algorithm) {
        const active = { organisationId, algorithm, status: 'active' };
        const existing = await em.getRepository(IssuerKeyEntity).findOneBy(active);
        if (existing)
            return existing;
        try {
            return await this.insertKey(em, organisationId, algorithm);
        }
        catch (error) {
            // Another request generated one first; the partial unique index kept just one: use it.
            // (Inside a transaction the error has ended it, and the caller's retry finds the key.)
            if (!em.queryRunner?.isTransactionActive && isUniqueViolation(error, 'issuer_keys_one_active')) {
                return em.getRepository(IssuerKeyEntity).findOneByOrFail(active);
            }
            throw error;
        }
    }
    async insertKey(em, organisationId, algorithm) {
        const pair = algorithmSupport(algorithm).generate();
        const fragment = pair.publicKeyMultibase;
        const created = await em.getRepository(IssuerKeyEntity).save({
            organisationId,
            algorithm,
            status: 'active',
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
};
KeyStoreService = __decorate([
    Injectable(),
    __param(1, Inject(APP_CONFIG)),
    __metadata("design:paramtypes", [DataSource, Object])
], KeyStoreService);
export { KeyStoreService };
/** A signer that refuses once its key is known revoked: a compromised key signs nothing more here. */
function guarded(signer, state) {
    const refuseIfRevoked = () => {
        if (state.revoked)
            throw new ConflictError('ISSUER_KEY_REVOKED', 'the issuer key was revoked while this request was running; send it again');
    };
    const signSync = (data) => {
        refuseIfRevoked();
        return signer.signSync(data);
    };
    const sign = async (options) => {
        refuseIfRevoked();
        return signer.sign(options);
    };
    return { ...signer, signSync, sign };
}
function record(row) {
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
function associatedData(organisationId, fragment) {
    return `issuer-key:${organisationId}:${fragment}`;
}
//# sourceMappingURL=key-store.service.js.map