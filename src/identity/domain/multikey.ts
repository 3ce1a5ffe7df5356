import { decodeBase58btc, encodeBase58btc } from '../../common/encoding/base58btc.js';

/** Multibase prefix of base58btc, the encoding Multikey uses. */
const MULTIBASE_BASE58BTC_PREFIX = 'z';

/** A Multikey value: multibase base58btc over a two-byte multicodec header and the key bytes. */
export function encodeMultikey(header: Uint8Array, keyBytes: Uint8Array): string {
  return MULTIBASE_BASE58BTC_PREFIX + encodeBase58btc(Buffer.concat([header, keyBytes]));
}

/** The key bytes of a Multikey value whose header must be `header` (`curve` names it in the error). */
export function decodeMultikey(multibase: string, header: Uint8Array, property: string, curve: string): Buffer {
  if (typeof multibase !== 'string' || !multibase.startsWith(MULTIBASE_BASE58BTC_PREFIX)) {
    throw new Error(`"${property}" must be a base58btc multibase string starting with "z".`);
  }
  const bytes = decodeBase58btc(multibase.slice(1), property);
  if (bytes[0] !== header[0] || bytes[1] !== header[1]) {
    throw new Error(`"${property}" does not carry the expected ${curve} multicodec header.`);
  }
  return bytes.subarray(header.length);
}
