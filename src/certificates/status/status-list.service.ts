import { randomBytes } from 'node:crypto';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { ConflictError, NotFoundError } from '../../common/errors/domain-error.js';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { rowsOf } from '../../database/rows.js';
import { DocumentLoaderService } from '../../identity/document-loader.service.js';
import type { Ed25519Signer } from '../../identity/domain/ed25519-keys.js';
import { IssuerKeyEvents, type IssuerKeyRevokedEvent } from '../../identity/issuer-key-events.js';
import type { IssuerIdentity } from '../../identity/issuer-signer.service.js';
import type { IssuerSigner } from '../../identity/domain/key-algorithms.js';
import { issueCredential, type Credential } from '../domain/data-integrity.js';
import { indexPermutation, PERMUTATION_KEY_BYTES, type IndexPermutation } from './domain/index-permutation.js';
import {
  parseStatusListUrl,
  STATUS_LIST_CAPACITY,
  STATUS_LIST_SIZE,
  statusChangeProblem,
  statusEntries,
  statusListCredential,
  statusListUrl,
  type BitstringStatusListEntry,
  type StatusPurpose,
} from './domain/status-list.js';

interface ListRow {
  id: string;
  seq: string;
  issuer_did: string;
  size: number;
  capacity: number;
  allocated: number;
}

/** A list taken for allocation: its row, locked, with the key of its index permutation. */
interface OpenListRow extends ListRow {
  permutation_key: Uint8Array;
}

/** Lists whose permutation tables are kept (a few open lists per issuer at a time). */
const PERMUTATIONS_KEPT = 64;

export interface PublishedList {
  credential: Record<string, unknown>;
  etag: string;
  updatedAt: Date;
}

/** Who signs a status list: any issuer identity, Ed25519 (eddsa-rdfc-2022) or P-256 (ecdsa-rdfc-2019). */
export interface StatusIssuer {
  id: string;
  name?: string;
  signer: IssuerSigner;
}

export interface StatusChange {
  credentialId: string;
  purpose: StatusPurpose;
  value: boolean;
}

/**
 * The issuers' Bitstring Status Lists. Indices are allocated inside the caller's transaction
 * (the one that stores the credential), so a rolled-back issuance leaves no orphan entry and a
 * committed one always has its entry. A status change updates the entry and re-signs the list
 * credential in the same transaction; readers always get a signed, current list.
 */
@Injectable()
export class StatusListService implements OnModuleInit {
  private readonly permutations = new Map<string, IndexPermutation>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly loader: DocumentLoaderService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly keyEvents: IssuerKeyEvents,
  ) {}

  onModuleInit(): void {
    this.keyEvents.onRevoked((em, event) => this.resignAfterRevocation(em, event));
  }

  /**
   * Two entries (revocation, suspension) per credential id, in order. The issuer comes in
   * opened: inside a transaction nothing may read outside it (the embedded store has one session).
   */
  async allocate(em: EntityManager, issuer: StatusIssuer, credentialIds: string[], now = new Date(), options: { skipLocked?: boolean } = {}): Promise<BitstringStatusListEntry[][]> {
    const out: BitstringStatusListEntry[][] = [];
    let pending = credentialIds;
    while (pending.length > 0) {
      const list = await this.openList(em, issuer, now, options.skipLocked ?? false);
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
  async change(em: EntityManager, issuer: StatusIssuer, change: StatusChange, now = new Date()): Promise<{ revoked: boolean; suspended: boolean }> {
    const [entry] = await em.query(
      `SELECT e.list_id, e.idx, e.revoked, e.suspended FROM status_entries e
        WHERE e.issuer_did = $1 AND e.credential_id = $2 FOR UPDATE`,
      [issuer.id, change.credentialId],
    );
    if (!entry) throw new NotFoundError('Credential status');
    const before = { revoked: entry.revoked as boolean, suspended: entry.suspended as boolean };
    const problem = statusChangeProblem(change.purpose, before, change.value);
    if (problem) throw new ConflictError('STATUS_UNCHANGED', problem);
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

  /** The signed list credential served at its URL. */
  async published(listSeq: string, purpose: StatusPurpose): Promise<PublishedList> {
    const [row] = await this.dataSource.query(
      `SELECT ${purpose}_credential AS credential, ${purpose}_version AS version, seq, updated_at FROM status_lists WHERE seq = $1`,
      [listSeq],
    );
    if (!row?.credential) throw new NotFoundError('Status list');
    return { credential: row.credential, etag: `"sl-${row.seq}-${purpose}-${row.version}"`, updatedAt: new Date(row.updated_at) };
  }

  /**
   * A list's set bits by purpose, for other encodings of the same entries (the Token Status List
   * of SD-JWT VCs). `version` changes whenever a bit does.
   */
  async flags(listSeq: string): Promise<{ issuerDid: string; size: number; version: string; updatedAt: Date; revoked: number[]; suspended: number[] } | null> {
    const [list] = await this.dataSource.query(
      `SELECT id, issuer_did, size, revocation_version || '.' || suspension_version AS version, updated_at FROM status_lists WHERE seq = $1`,
      [listSeq],
    );
    if (!list) return null;
    const rows: Array<{ idx: number; revoked: boolean; suspended: boolean }> = await this.dataSource.query(
      `SELECT idx, revoked, suspended FROM status_entries WHERE list_id = $1 AND (revoked OR suspended)`,
      [list.id],
    );
    return {
      issuerDid: list.issuer_did,
      size: Number(list.size),
      version: String(list.version),
      updatedAt: new Date(list.updated_at),
      revoked: rows.filter((r) => r.revoked).map((r) => Number(r.idx)),
      suspended: rows.filter((r) => r.suspended && !r.revoked).map((r) => Number(r.idx)),
    };
  }

  /** For document loaders: our own list URLs answer from the store, anything else is null. */
  async documentFor(url: string): Promise<Record<string, unknown> | null> {
    const parsed = parseStatusListUrl(this.config.publicUrl, url);
    if (!parsed) return null;
    return (await this.published(parsed.listSeq, parsed.purpose).catch(() => null))?.credential ?? null;
  }

  /**
   * A list signed by a revoked key would make every status on it unknown: the lists that key
   * signed are signed again with its replacement, in the revoking transaction.
   */
  private async resignAfterRevocation(em: EntityManager, event: IssuerKeyRevokedEvent): Promise<void> {
    if (event.algorithm !== 'Ed25519') return;
    const issuer: IssuerIdentity = { id: event.issuerDid, name: event.issuerName, signer: event.signer as Ed25519Signer };
    const lists: Array<ListRow & { revocation_method: string | null; suspension_method: string | null }> = await em.query(
      `SELECT id, seq, issuer_did, size, capacity, allocated,
              revocation_credential->'proof'->>'verificationMethod' AS revocation_method,
              suspension_credential->'proof'->>'verificationMethod' AS suspension_method
         FROM status_lists WHERE issuer_did = $1 ORDER BY seq FOR UPDATE`,
      [event.issuerDid],
    );
    for (const list of lists) {
      if (list.revocation_method === event.revokedMethodId) await this.publish(em, issuer, list, 'revocation', event.now);
      if (list.suspension_method === event.revokedMethodId) await this.publish(em, issuer, list, 'suspension', event.now);
    }
  }

  private async openList(em: EntityManager, issuer: StatusIssuer, now: Date, skipLocked: boolean): Promise<OpenListRow> {
    // The row lock keeps the list's count for this transaction; other issuers are not held up.
    // A single issuance waits for the list's holder to commit (lists fill one at a time); a batch
    // chunk (`skipLocked`) takes an open list nobody holds, or opens one, so that chunks signed
    // side by side do not wait for each other's commits.
    const [open] = await em.query(
      `SELECT id, seq, issuer_did, size, capacity, allocated, permutation_key FROM status_lists
        WHERE issuer_did = $1 AND allocated < capacity ORDER BY seq LIMIT 1 FOR UPDATE${skipLocked ? ' SKIP LOCKED' : ''}`,
      [issuer.id],
    );
    if (open) return open;
    const [created] = rowsOf<OpenListRow>(
      await em.query(
        `INSERT INTO status_lists (issuer_did, size, capacity, permutation_key) VALUES ($1, $2, $3, $4)
         RETURNING id, seq, issuer_did, size, capacity, allocated, permutation_key`,
        [issuer.id, STATUS_LIST_SIZE, STATUS_LIST_CAPACITY, randomBytes(PERMUTATION_KEY_BYTES)],
      ),
    );
    await this.publish(em, issuer, created, 'revocation', now);
    await this.publish(em, issuer, created, 'suspension', now);
    return created;
  }

  /**
   * The next indices of the list's permutation, from its count on: no collision to retry, however
   * full the list. The primary key still has the last word (a counter gone back would fail here).
   */
  private async insertEntries(em: EntityManager, list: OpenListRow, credentialIds: string[]): Promise<number[]> {
    const permutation = this.permutationOf(list);
    const indices = credentialIds.map((_, k) => permutation.at(list.allocated + k));
    await em.query(
      `INSERT INTO status_entries (list_id, idx, issuer_did, credential_id)
       SELECT $1, t.idx, $2, t.credential_id FROM unnest($3::int[], $4::varchar[]) AS t(idx, credential_id)`,
      [list.id, list.issuer_did, indices, credentialIds],
    );
    return indices;
  }

  private permutationOf(list: OpenListRow): IndexPermutation {
    let permutation = this.permutations.get(list.id);
    if (!permutation) {
      permutation = indexPermutation(list.permutation_key, list.size);
      if (this.permutations.size >= PERMUTATIONS_KEPT) this.permutations.delete(this.permutations.keys().next().value!);
      this.permutations.set(list.id, permutation);
    }
    return permutation;
  }

  private async publish(em: EntityManager, issuer: StatusIssuer, list: ListRow, purpose: StatusPurpose, now: Date): Promise<void> {
    const column = purpose === 'revocation' ? 'revoked' : 'suspended';
    const flagged: Array<{ idx: number }> = await em.query(`SELECT idx FROM status_entries WHERE list_id = $1 AND ${column}`, [list.id]);
    const unsigned = await statusListCredential({
      url: statusListUrl(this.config.publicUrl, list.seq, purpose),
      issuer: { id: issuer.id, name: issuer.name },
      purpose,
      size: list.size,
      setIndices: flagged.map((r) => Number(r.idx)),
      now,
    });
    const signed = await issueCredential({ credential: unsigned as unknown as Credential, signer: issuer.signer, documentLoader: this.loader.load, now });
    await em.query(
      `UPDATE status_lists SET ${purpose}_credential = $2, ${purpose}_version = ${purpose}_version + 1, updated_at = $3 WHERE id = $1`,
      [list.id, JSON.stringify(signed), now],
    );
  }
}
