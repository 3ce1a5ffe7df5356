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
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ConflictError, NotFoundError } from '../../common/errors/domain-error.js';
import { APP_CONFIG } from '../../config/config.js';
import { rowsOf } from '../../database/rows.js';
import { DocumentLoaderService } from '../../identity/document-loader.service.js';
import { IssuerKeyEvents } from '../../identity/issuer-key-events.js';
import { issueCredential } from '../domain/data-integrity.js';
import { drawIndices, parseStatusListUrl, STATUS_LIST_CAPACITY, STATUS_LIST_SIZE, statusChangeProblem, statusEntries, statusListCredential, statusListUrl, } from './domain/status-list.js';
/**
 * The issuers' Bitstring Status Lists. Indices are allocated inside the caller's transaction
 * (the one that stores the credential), so a rolled-back issuance leaves no orphan entry and a
 * committed one always has its entry. A status change updates the entry and re-signs the list
 * credential in the same transaction; readers always get a signed, current list.
 */
let StatusListService = class StatusListService {
    constructor(dataSource, loader, config, keyEvents) {
        this.dataSource = dataSource;
        this.loader = loader;
        this.config = config;
        this.keyEvents = keyEvents;
    }
    onModuleInit() {
        this.keyEvents.onRevoked((em, event) => this.resignAfterRevocation(em, event));
    }
    /**
     * Two entries (revocation, suspension) per credential id, in order. The issuer comes in
     * opened: inside a transaction nothing may read outside it (the embedded store has one session).
     */
    async allocate(em, issuer, credentialIds, now = new Date()) {
        const out = [];
        let pending = credentialIds;
        while (pending.length > 0) {
            const list = await this.openList(em, issuer, now);
            const take = pending.slice(0, list.capacity - list.allocated);
            const indices = await this.insertEntries(em, list, take);
            await em.query(`UPDATE status_lists SET allocated = allocated + $2 WHERE id = $1`, [list.id, take.length]);
            out.push(...indices.map((index) => statusEntries(this.config.publicUrl, list.seq, index)));
            pending = pending.slice(take.length);
        }
        return out;
    }
    /**
     * Sets or clears one status bit of a credential and re-signs that list. Answers the entry's
     * state before the change; refuses transitions the rules forbid (revocation is final).
     */
    async change(em, issuer, change, now = new Date()) {
        const [entry] = await em.query(`SELECT e.list_id, e.idx, e.revoked, e.suspended FROM status_entries e
        WHERE e.issuer_did = $1 AND e.credential_id = $2 FOR UPDATE`, [issuer.id, change.credentialId]);
        if (!entry)
            throw new NotFoundError('Credential status');
        const before = { revoked: entry.revoked, suspended: entry.suspended };
        const problem = statusChangeProblem(change.purpose, before, change.value);
        if (problem)
            throw new ConflictError('STATUS_UNCHANGED', problem);
        const column = change.purpose === 'revocation' ? 'revoked' : 'suspended';
        await em.query(`UPDATE status_entries SET ${column} = $3, updated_at = $4 WHERE list_id = $1 AND idx = $2`, [
            entry.list_id,
            entry.idx,
            change.value,
            now,
        ]);
        const [list] = await em.query(`SELECT id, seq, issuer_did, size, capacity, allocated FROM status_lists WHERE id = $1 FOR UPDATE`, [entry.list_id]);
        await this.publish(em, issuer, list, change.purpose, now);
        return before;
    }
    /** The entry of a credential this service issued, or null. */
    async entryOf(issuerDid, credentialId) {
        const [row] = await this.dataSource.query(`SELECT revoked, suspended FROM status_entries WHERE issuer_did = $1 AND credential_id = $2`, [
            issuerDid,
            credentialId,
        ]);
        return row ? { revoked: row.revoked, suspended: row.suspended } : null;
    }
    /** The signed list credential served at its URL. */
    async published(listSeq, purpose) {
        const [row] = await this.dataSource.query(`SELECT ${purpose}_credential AS credential, ${purpose}_version AS version, seq, updated_at FROM status_lists WHERE seq = $1`, [listSeq]);
        if (!row?.credential)
            throw new NotFoundError('Status list');
        return { credential: row.credential, etag: `"sl-${row.seq}-${purpose}-${row.version}"`, updatedAt: new Date(row.updated_at) };
    }
    /** For document loaders: our own list URLs answer from the store, anything else is null. */
    async documentFor(url) {
        const parsed = parseStatusListUrl(this.config.publicUrl, url);
        if (!parsed)
            return null;
        return (await this.published(parsed.listSeq, parsed.purpose).catch(() => null))?.credential ?? null;
    }
    /**
     * A list signed by a revoked key would make every status on it unknown: the lists that key
     * signed are signed again with its replacement, in the revoking transaction.
     */
    async resignAfterRevocation(em, event) {
        if (event.algorithm !== 'Ed25519')
            return;
        const issuer = { id: event.issuerDid, name: event.issuerName, signer: event.signer };
        const lists = await em.query(`SELECT id, seq, issuer_did, size, capacity, allocated,
              revocation_credential->'proof'->>'verificationMethod' AS revocation_method,
              suspension_credential->'proof'->>'verificationMethod' AS suspension_method
         FROM status_lists WHERE issuer_did = $1 ORDER BY seq FOR UPDATE`, [event.issuerDid]);
        for (const list of lists) {
            if (list.revocation_method === event.revokedMethodId)
                await this.publish(em, issuer, list, 'revocation', event.now);
            if (list.suspension_method === event.revokedMethodId)
                await this.publish(em, issuer, list, 'suspension', event.now);
        }
    }
    async openList(em, issuer, now) {
        // The row lock orders concurrent allocators of one issuer; other issuers are not held up.
        const [open] = await em.query(`SELECT id, seq, issuer_did, size, capacity, allocated FROM status_lists
        WHERE issuer_did = $1 AND allocated < capacity ORDER BY seq LIMIT 1 FOR UPDATE`, [issuer.id]);
        if (open)
            return open;
        const [created] = rowsOf(await em.query(`INSERT INTO status_lists (issuer_did, size, capacity) VALUES ($1, $2, $3)
         RETURNING id, seq, issuer_did, size, capacity, allocated`, [issuer.id, STATUS_LIST_SIZE, STATUS_LIST_CAPACITY]));
        await this.publish(em, issuer, created, 'revocation', now);
        await this.publish(em, issuer, created, 'suspension', now);
        return created;
    }
    /** Random free indices; the primary key has the last word, so a lost race just draws again. */
    async insertEntries(em, list, credentialIds) {
        const indices = new Array(credentialIds.length);
        let todo = credentialIds.map((_, i) => i);
        const taken = new Set();
        while (todo.length > 0) {
            const drawn = drawIndices(todo.length, list.size, taken);
            const inserted = rowsOf(await em.query(`INSERT INTO status_entries (list_id, idx, issuer_did, credential_id)
           SELECT $1, t.idx, $2, t.credential_id FROM unnest($3::int[], $4::varchar[]) AS t(idx, credential_id)
           ON CONFLICT (list_id, idx) DO NOTHING RETURNING idx`, [list.id, list.issuer_did, drawn, todo.map((i) => credentialIds[i])]));
            const got = new Set(inserted.map((r) => Number(r.idx)));
            const retry = [];
            todo.forEach((position, k) => {
                taken.add(drawn[k]);
                if (got.has(drawn[k]))
                    indices[position] = drawn[k];
                else
                    retry.push(position);
            });
            todo = retry;
        }
        return indices;
    }
    async publish(em, issuer, list, purpose, now) {
        const column = purpose === 'revocation' ? 'revoked' : 'suspended';
        const flagged = await em.query(`SELECT idx FROM status_entries WHERE list_id = $1 AND ${column}`, [list.id]);
        const unsigned = await statusListCredential({
            url: statusListUrl(this.config.publicUrl, list.seq, purpose),
            issuer: { id: issuer.id, name: issuer.name },
            purpose,
            size: list.size,
            setIndices: flagged.map((r) => Number(r.idx)),
            now,
        });
        const signed = await issueCredential({ credential: unsigned, signer: issuer.signer, documentLoader: this.loader.load, now });
        await em.query(`UPDATE status_lists SET ${purpose}_credential = $2, ${purpose}_version = ${purpose}_version + 1, updated_at = $3 WHERE id = $1`, [list.id, JSON.stringify(signed), now]);
    }
};
StatusListService = __decorate([
    Injectable(),
    __param(2, Inject(APP_CONFIG)),
    __metadata("design:paramtypes", [DataSource,
        DocumentLoaderService, Object, IssuerKeyEvents])
], StatusListService);
export { StatusListService };
//# sourceMappingURL=status-list.service.js.map