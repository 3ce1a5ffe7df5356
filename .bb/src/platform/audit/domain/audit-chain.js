import { createHash } from 'node:crypto';
import { canonicalJson } from '../../../common/canonical-json.js';
export const GENESIS_HASH = '0'.repeat(64);
export function entryHash(prevHash, fields) {
    return createHash('sha256').update(prevHash).update('\n').update(canonicalJson(fields)).digest('hex');
}
/** Walks entries in sequence order; any edit, removal or reordering breaks a link. */
export function verifyChain(entries, startHash = GENESIS_HASH) {
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
//# sourceMappingURL=audit-chain.js.map