var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { rowsOf } from '../../database/rows.js';
import { canonicalJson } from '../canonical-json.js';
import { ConflictError, UnprocessableError } from '../errors/domain-error.js';
/** A pending key older than this belongs to a request that died; a retry may take it over. */
const ABANDONED_AFTER_SECONDS = 60;
/** How long a stored answer is replayed. Answers hold personal data: they are not kept longer. */
const KEPT_FOR_HOURS = 24;
/**
 * Idempotency keys (draft-ietf-httpapi-idempotency-key-header): the first request with a key
 * runs; a retry with the same key and body gets the stored answer instead of running again.
 * Keys belong to the account that sent them.
 */
let IdempotencyService = class IdempotencyService {
    constructor(dataSource) {
        this.dataSource = dataSource;
    }
    static requestHash(method, route, body) {
        return createHash('sha256').update(`${method} ${route}\n${canonicalJson(body ?? null)}`).digest('hex');
    }
    async claim(accountId, key, requestHash) {
        // Each account's expired keys go when it next uses one: no job needed, nothing kept for long.
        await this.dataSource.query(`DELETE FROM idempotency_keys WHERE account_id = $1 AND created_at < now() - make_interval(hours => $2)`, [accountId, KEPT_FOR_HOURS]);
        const inserted = await this.dataSource.query(`INSERT INTO idempotency_keys (account_id, key, request_hash, state) VALUES ($1, $2, $3, 'pending')
       ON CONFLICT (account_id, key) DO NOTHING RETURNING key`, [accountId, key, requestHash]);
        if (inserted.length === 1)
            return { kind: 'proceed' };
        const [row] = await this.dataSource.query(`SELECT request_hash, state, response_status, response_body,
              created_at < now() - make_interval(secs => $3) AS abandoned
         FROM idempotency_keys WHERE account_id = $1 AND key = $2`, [accountId, key, ABANDONED_AFTER_SECONDS]);
        if (!row)
            return this.claim(accountId, key, requestHash); // released meanwhile: try again
        if (row.request_hash !== requestHash) {
            throw new UnprocessableError('IDEMPOTENCY_KEY_REUSED', 'this Idempotency-Key was used for a different request');
        }
        if (row.state === 'done')
            return { kind: 'replay', status: row.response_status, body: row.response_body };
        if (row.abandoned && (await this.takeOver(accountId, key)))
            return { kind: 'proceed' };
        throw new ConflictError('IDEMPOTENCY_KEY_IN_PROGRESS', 'a request with this Idempotency-Key is still being processed; retry later');
    }
    async complete(accountId, key, status, body) {
        await this.dataSource.query(`UPDATE idempotency_keys SET state = 'done', response_status = $3, response_body = $4::jsonb
        WHERE account_id = $1 AND key = $2`, [accountId, key, status, JSON.stringify(body ?? null)]);
    }
    /** A failed request leaves nothing behind: the same key may be used again. */
    async release(accountId, key) {
        await this.dataSource.query(`DELETE FROM idempotency_keys WHERE account_id = $1 AND key = $2 AND state = 'pending'`, [
            accountId,
            key,
        ]);
    }
    async takeOver(accountId, key) {
        const rows = rowsOf(await this.dataSource.query(`UPDATE idempotency_keys SET created_at = now()
        WHERE account_id = $1 AND key = $2 AND state = 'pending' AND created_at < now() - make_interval(secs => $3)
        RETURNING key`, [accountId, key, ABANDONED_AFTER_SECONDS]));
        return rows.length === 1;
    }
};
IdempotencyService = __decorate([
    Injectable(),
    __metadata("design:paramtypes", [DataSource])
], IdempotencyService);
export { IdempotencyService };
//# sourceMappingURL=idempotency.service.js.map