/**
 * Base58btc (Bitcoin alphabet), the encoding of Data Integrity `proofValue`s. Gives the same
 * text as `base58-universal`, which the stock cryptosuite uses, at a fraction of its cost: the
 * number is held in limbs of 58^5 and the input consumed two bytes at a time, so every
 * intermediate stays below 2^53 and plain floating-point arithmetic is exact.
 */

const ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
const DIGITS_PER_LIMB = 5;
const LIMB = 58 ** DIGITS_PER_LIMB;
/** log(256) / log(58^5): limbs needed per input byte. */
const LIMBS_PER_BYTE = Math.log(256) / Math.log(LIMB);

export function encodeBase58btc(bytes: Uint8Array): string {
  const length = bytes.length;
  let zeros = 0;
  while (zeros < length && bytes[zeros] === 0) zeros++;

  // Little-endian limbs of the big-endian number bytes[zeros..].
  const limbs = new Float64Array(Math.ceil((length - zeros) * LIMBS_PER_BYTE) + 1);
  let used = 0;
  for (let i = zeros; i < length; ) {
    let carry: number;
    let multiplier: number;
    if ((length - i) % 2 === 1) {
      carry = bytes[i];
      multiplier = 256;
      i += 1;
    } else {
      carry = bytes[i] * 256 + bytes[i + 1];
      multiplier = 65536;
      i += 2;
    }
    for (let j = 0; j < used; j++) {
      const value = limbs[j] * multiplier + carry;
      carry = Math.floor(value / LIMB);
      limbs[j] = value - carry * LIMB;
    }
    while (carry > 0) {
      const next = Math.floor(carry / LIMB);
      limbs[used++] = carry - next * LIMB;
      carry = next;
    }
  }

  // Every limb but the most significant one stands for exactly five digits, leading zeros included.
  let text = '';
  for (let j = 0; j < used - 1; j++) {
    let limb = limbs[j];
    let digits = '';
    for (let k = 0; k < DIGITS_PER_LIMB; k++) {
      const next = Math.floor(limb / 58);
      digits = ALPHABET[limb - next * 58] + digits;
      limb = next;
    }
    text = digits + text;
  }
  for (let limb = used > 0 ? limbs[used - 1] : 0; limb > 0; ) {
    const next = Math.floor(limb / 58);
    text = ALPHABET[limb - next * 58] + text;
    limb = next;
  }
  return '1'.repeat(zeros) + text;
}

const INDEX = new Map([...ALPHABET].map((char, index) => [char, index]));

/** Decodes base58btc text; `property` names the field in the error for a foreign character. */
export function decodeBase58btc(text: string, property: string): Buffer {
  let leadingZeros = 0;
  while (leadingZeros < text.length && text[leadingZeros] === '1') leadingZeros++;
  let value = 0n;
  for (const char of text) {
    const digit = INDEX.get(char);
    if (digit === undefined) throw new Error(`"${property}" contains a character outside base58btc.`);
    value = value * 58n + BigInt(digit);
  }
  const hex = value === 0n ? '' : value.toString(16);
  const body = Buffer.from(hex.length % 2 ? '0' + hex : hex, 'hex');
  return Buffer.concat([Buffer.alloc(leadingZeros), body]);
}
