import { createHash } from 'node:crypto';
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

export interface ChainReport {
  valid: boolean;
  checked: number;
  /** The first entry whose hash or link does not match, when the chain is broken. */
  firstBrokenSeq: string | null;
}

/** Walks entries in sequence order; any edit, removal or reordering breaks a link. */
export function verifyChain(
  entries: Iterable<AuditFields & { prevHash: string; hash: string }>,
  startHash = GENESIS_HASH,
): ChainReport {
  let expectedPrev = startHash;
  let checked = 0;
  for (const entry of entries) {
    const { prevHash, hash, ...fields } = entry;
    if (prevHash !== expectedPrev || entryHash(prevHash, fields) !== hash) {
      return { valid: false, checked, firstBrokenSeq: entry.seq };
    }
    expectedPrev = hash;
    checked++;
  }
  return { valid: true, checked, firstBrokenSeq: null };
}
