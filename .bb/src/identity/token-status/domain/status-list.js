/**
 * A Token Status List (draft-ietf-oauth-status-list) as the packed bytes the draft defines:
 * `bits` bits per token, token 0 in the least significant bits of byte 0. This is the form
 * to store (one `bytea` per list) and to compress into a Status List Token.
 */
export const STATUS_VALID = 0;
export const STATUS_INVALID = 1;
export const STATUS_SUSPENDED = 2;
/** A list for `size` tokens, all VALID. */
export function createStatusList(size, bits = 1) {
    assertBits(bits);
    if (!Number.isSafeInteger(size) || size < 1)
        throw new RangeError('a status list holds at least one token');
    return new Uint8Array(Math.ceil((size * bits) / 8));
}
/** How many tokens `list` can hold. */
export function statusListCapacity(list, bits = 1) {
    return (list.length * 8) / bits;
}
export function getStatus(list, idx, bits = 1) {
    const { byte, shift, mask } = locate(list, idx, bits);
    return (list[byte] >> shift) & mask;
}
export function setStatus(list, idx, value, bits = 1) {
    const { byte, shift, mask } = locate(list, idx, bits);
    if (!Number.isInteger(value) || value < 0 || value > mask)
        throw new RangeError(`a status takes ${bits} bit(s): 0–${mask}`);
    list[byte] = (list[byte] & ~(mask << shift)) | (value << shift);
}
export function assertBits(bits) {
    if (![1, 2, 4, 8].includes(bits))
        throw new RangeError('bits per status must be 1, 2, 4 or 8');
}
function locate(list, idx, bits) {
    assertBits(bits);
    if (!Number.isSafeInteger(idx) || idx < 0 || idx >= statusListCapacity(list, bits)) {
        throw new RangeError('status index out of range');
    }
    const bit = idx * bits;
    return { byte: bit >> 3, shift: bit & 7, mask: (1 << bits) - 1 };
}
//# sourceMappingURL=status-list.js.map