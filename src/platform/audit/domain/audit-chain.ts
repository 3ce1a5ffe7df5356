import { createHash, createHmac, type KeyObject } from 'node:crypto';
import { canonicalJson } from '../../../common/canonical-json.js';

/** The fields of an audit entry that its hash covers. */
export interface AuditFields {
  seq: string;
  occurredAt: string;
  actorAccountId: string | null;
  actorOrganisationId: string | null;
  scopePath: string;
  action: string;
  recordType: string;
  recordId: string;
  correlationId: string | null;
  details: Record<string, unknown>;
}

export const GENESIS_HASH = '0'.repeat(64);

export function entryHash(prevHash: string, fields: AuditFields): string {
  return createHash('sha256').update(prevHash).update('\n').update(canonicalJson(fields)).digest('hex');
}

/**
 * The entry's MAC: HMAC-SHA256 under a key derived from the master key, over its number and its
 * chain hash. Whoever can write the database but does not hold the master key can recompute the
 * plain chain after deleting or editing an entry, but not these.
 */
export function entryMac(key: Uint8Array | KeyObject, seq: string, hash: string): string {
  return createHmac('sha256', key).update(`${seq}\n${hash}`).digest('hex');
}

export type ChainBreak = 'hash' | 'link' | 'mac' | 'missing';

export interface ChainReport {
  valid: boolean;
  checked: number;
  /** The first entry whose hash, link or MAC does not match, or the first missing number. */
  firstBrokenSeq: string | null;
  /** What is wrong there, when the chain is broken. */
  reason?: ChainBreak;
}

export type ChainEntry = AuditFields & { prevHash: string; hash: string; mac?: string | null };

export interface ChainPosition {
  hash: string;
  seq: string;
  /** Whether an entry before this point already carried a MAC (from then on all must). */
  keyed: boolean;
}

/**
 * Walks entries in sequence order: numbers without gaps, each linking to the one before, each
 * hash over its fields, each MAC under `macKey`. Entries written before MACs existed (no `mac`)
 * are accepted only before the first one that has one.
 */
export function verifyChain(entries: Iterable<ChainEntry>, start: Partial<ChainPosition> = {}, macKey?: Uint8Array | KeyObject): ChainReport & { end: ChainPosition } {
  let expectedPrev = start.hash ?? GENESIS_HASH;
  let expectedSeq = BigInt(start.seq ?? '0') + 1n;
  let keyed = start.keyed ?? false;
  let checked = 0;
  const broken = (seq: string, reason: ChainBreak) => ({ valid: false, checked, firstBrokenSeq: seq, reason, end: { hash: expectedPrev, seq: String(expectedSeq - 1n), keyed } });
  for (const entry of entries) {
    const { prevHash, hash, mac, ...fields } = entry;
    if (BigInt(entry.seq) !== expectedSeq) return broken(String(expectedSeq), 'missing');
    if (prevHash !== expectedPrev) return broken(entry.seq, 'link');
    if (entryHash(prevHash, fields) !== hash) return broken(entry.seq, 'hash');
    if (mac) {
      if (!macKey || entryMac(macKey, entry.seq, hash) !== mac) return broken(entry.seq, 'mac');
      keyed = true;
    } else if (keyed) {
      return broken(entry.seq, 'mac');
    }
    expectedPrev = hash;
    expectedSeq++;
    checked++;
  }
  return { valid: true, checked, firstBrokenSeq: null, end: { hash: expectedPrev, seq: String(expectedSeq - 1n), keyed } };
}
