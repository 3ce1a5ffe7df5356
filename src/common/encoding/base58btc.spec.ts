import { randomBytes } from 'node:crypto';
import { encodeBase58btc } from './base58btc.js';

/** The reference: the encoder the stock DataIntegrityProof uses (a transitive dependency without types). */
async function stockEncoder(): Promise<(bytes: Uint8Array) => string> {
  const specifier = 'base58-universal';
  const module = (await import(specifier)) as { encode(bytes: Uint8Array): string };
  return (bytes) => module.encode(bytes);
}

describe('encodeBase58btc', () => {
  it.each([
    { input: [], expected: '' },
    { input: [0], expected: '1' },
    { input: [0, 0, 0], expected: '111' },
    { input: [57], expected: 'z' },
    { input: [58], expected: '21' },
    { input: [0, 0, 1], expected: '112' },
    { input: [0xff, 0xff], expected: 'LUv' },
    { input: [...Buffer.from('Hello World!')], expected: '2NEpo7TZRRrLZSi2U' },
  ])('encodes $input as "$expected"', ({ input, expected }) => {
    expect(encodeBase58btc(Uint8Array.from(input))).toBe(expected);
  });

  it('gives base58-universal’s output for 5,000 random inputs of 0–100 bytes, leading zeros included', async () => {
    const reference = await stockEncoder();
    const differing: string[] = [];
    for (let n = 0; n < 5_000; n++) {
      const bytes = randomBytes(n % 101);
      bytes.fill(0, 0, Math.min(bytes.length, n % 7 === 0 ? n % 5 : 0));
      if (n % 13 === 0) bytes.fill(0xff);
      if (encodeBase58btc(bytes) !== reference(bytes)) differing.push(bytes.toString('hex'));
    }
    expect(differing).toEqual([]);
  });

  it('encodes 64-byte Ed25519 signatures, the proofValue case, as base58-universal does', async () => {
    const reference = await stockEncoder();
    for (let n = 0; n < 1_000; n++) {
      const signature = randomBytes(64);
      expect(encodeBase58btc(signature)).toBe(reference(signature));
    }
  });
});
