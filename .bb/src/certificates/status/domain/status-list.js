import { randomInt } from 'node:crypto';
import { createCredential, createList } from '@digitalbazaar/vc-bitstring-status-list';
/**
 * Bitstring Status List (W3C) rules, pure. Every credential gets one index in a list pair:
 * the same index in the issuer's revocation list and in its suspension list.
 *
 * Privacy: indices are drawn at random from a list of 131,072 (the spec's recommended minimum
 * for herd privacy), and a list is closed when half of it is handed out, so a verifier that
 * fetches a list learns only that one of tens of thousands of credentials is being checked.
 */
export const STATUS_LIST_SIZE = 131_072;
export const STATUS_LIST_CAPACITY = STATUS_LIST_SIZE / 2;
export const STATUS_PURPOSES = ['revocation', 'suspension'];
/** `count` distinct random indices in [0, size) not in `taken`. */
export function drawIndices(count, size, taken = new Set(), random = randomInt) {
    if (count + taken.size > size)
        throw new RangeError(`cannot draw ${count} free indices from a list of ${size}`);
    const drawn = new Set();
    while (drawn.size < count) {
        const index = random(size);
        if (!taken.has(index))
            drawn.add(index);
    }
    return [...drawn];
}
export function statusListUrl(publicUrl, listSeq, purpose) {
    return `${publicUrl}/status-lists/${listSeq}/${purpose}`;
}
/** The list a URL names, when it is one of ours; null for anything else. */
export function parseStatusListUrl(publicUrl, url) {
    const prefix = `${publicUrl}/status-lists/`;
    if (!url.startsWith(prefix))
        return null;
    const match = /^(\d{1,18})\/(revocation|suspension)$/.exec(url.slice(prefix.length));
    return match ? { listSeq: match[1], purpose: match[2] } : null;
}
export function statusEntries(publicUrl, listSeq, index) {
    return STATUS_PURPOSES.map((statusPurpose) => {
        const statusListCredential = statusListUrl(publicUrl, listSeq, statusPurpose);
        return {
            id: `${statusListCredential}#${index}`,
            type: 'BitstringStatusListEntry',
            statusPurpose,
            statusListIndex: String(index),
            statusListCredential,
        };
    });
}
/** The unsigned BitstringStatusListCredential (VC 2.0) with the given indices set. */
export async function statusListCredential(options) {
    const list = await createList({ length: options.size });
    for (const index of options.setIndices)
        list.setStatus(index, true);
    const credential = await createCredential({ id: options.url, list, statusPurpose: options.purpose });
    return {
        ...credential,
        issuer: options.issuer.name ? { id: options.issuer.id, name: options.issuer.name } : options.issuer.id,
        validFrom: options.now.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    };
}
/** Transitions a status update may make. Revocation is final: the bit is never cleared. */
export function statusChangeProblem(purpose, current, value) {
    if (current.revoked)
        return 'the credential is revoked; its status can no longer change';
    if (purpose === 'revocation' && !value)
        return 'a revocation cannot be undone';
    if (purpose === 'suspension' && current.suspended === value) {
        return value ? 'the credential is already suspended' : 'the credential is not suspended';
    }
    return null;
}
//# sourceMappingURL=status-list.js.map