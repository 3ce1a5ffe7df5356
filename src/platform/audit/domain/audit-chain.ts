import { createHash } from 'node:crypto';

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

/** JSON with object keys sorted at every depth, so equal content always hashes equally. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

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
