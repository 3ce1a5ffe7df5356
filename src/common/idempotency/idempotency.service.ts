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

export type Claim = { kind: 'proceed' } | { kind: 'replay'; status: number; body: unknown };

/**
 * Idempotency keys (draft-ietf-httpapi-idempotency-key-header): the first request with a key
 * runs; a retry with the same key and body gets the stored answer instead of running again.
 * Keys belong to the account that sent them.
 */
@Injectable()
export class IdempotencyService {
  constructor(private readonly dataSource: DataSource) {}

  static requestHash(method: string, route: string, body: unknown): string {
    // An uploaded file (a raw body) by its bytes: the same file is the same request.
    if (Buffer.isBuffer(body)) return createHash('sha256').update(`${method} ${route}\n`).update(body).digest('hex');
    return createHash('sha256').update(`${method} ${route}\n${canonicalJson(body ?? null)}`).digest('hex');
  }

  async claim(accountId: string, key: string, requestHash: string): Promise<Claim> {
    // Expired keys of every account go whenever any key is used (by index): no job needed, and no
    // stored answer outlives its 24 hours because its own account stopped sending keys.
    await this.dataSource.query(`DELETE FROM idempotency_keys WHERE created_at < now() - make_interval(hours => $1)`, [KEPT_FOR_HOURS]);
    const inserted = await this.dataSource.query(
      `INSERT INTO idempotency_keys (account_id, key, request_hash, state) VALUES ($1, $2, $3, 'pending')
       ON CONFLICT (account_id, key) DO NOTHING RETURNING key`,
      [accountId, key, requestHash],
    );
    if (inserted.length === 1) return { kind: 'proceed' };
    const [row] = await this.dataSource.query(
      `SELECT request_hash, state, response_status, response_body,
              created_at < now() - make_interval(secs => $3) AS abandoned
         FROM idempotency_keys WHERE account_id = $1 AND key = $2`,
      [accountId, key, ABANDONED_AFTER_SECONDS],
    );
    if (!row) return this.claim(accountId, key, requestHash); // released meanwhile: try again
    if (row.request_hash !== requestHash) {
      throw new UnprocessableError('IDEMPOTENCY_KEY_REUSED', 'this Idempotency-Key was used for a different request');
    }
    if (row.state === 'done') return { kind: 'replay', status: row.response_status, body: row.response_body };
    if (row.abandoned && (await this.takeOver(accountId, key))) return { kind: 'proceed' };
    throw new ConflictError('IDEMPOTENCY_KEY_IN_PROGRESS', 'a request with this Idempotency-Key is still being processed; retry later');
  }

  async complete(accountId: string, key: string, status: number, body: unknown): Promise<void> {
    await this.dataSource.query(
      `UPDATE idempotency_keys SET state = 'done', response_status = $3, response_body = $4::jsonb
        WHERE account_id = $1 AND key = $2`,
      [accountId, key, status, JSON.stringify(body ?? null)],
    );
  }

  /** A failed request leaves nothing behind: the same key may be used again. */
  async release(accountId: string, key: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM idempotency_keys WHERE account_id = $1 AND key = $2 AND state = 'pending'`, [
      accountId,
      key,
    ]);
  }

  private async takeOver(accountId: string, key: string): Promise<boolean> {
    const rows = rowsOf(
      await this.dataSource.query(
      `UPDATE idempotency_keys SET created_at = now()
        WHERE account_id = $1 AND key = $2 AND state = 'pending' AND created_at < now() - make_interval(secs => $3)
        RETURNING key`,
        [accountId, key, ABANDONED_AFTER_SECONDS],
      ),
    );
    return rows.length === 1;
  }
}
