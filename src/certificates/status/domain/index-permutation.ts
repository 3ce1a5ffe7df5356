import { createHash } from 'node:crypto';

/**
 * Where the n-th credential of a status list sits: a keyed pseudo-random permutation of the
 * list's indices [0, size), so that allocation is a counter (the list row's `allocated`, taken
 * under its row lock) and still random to anyone without the list's key.
 *
 * Drawing indices at random and letting the primary key refuse the taken ones made every chunk
 * of a batch send its insert again for the collisions, more often the fuller the list (half the
 * draws at the end); a permutation never collides, so one insert serves a chunk whatever the
 * fill, and an index can only be handed out twice if the counter went back, which the primary
 * key still refuses.
 *
 * Construction: a balanced Feistel network over the smallest even number of bits that covers
 * `size`, cycle-walked back into [0, size) (a permutation of the larger domain restricted by
 * cycle walking is a permutation of the smaller). Its round functions are tables read from
 * SHAKE256 of the key, so evaluating it is table look-ups; ten rounds, well past the four that
 * make a Feistel network with random round functions a pseudo-random permutation.
 */
export interface IndexPermutation {
  readonly size: number;
  /** The index of the n-th allocation, 0 ≤ n < size. */
  at(n: number): number;
}

const ROUNDS = 10;
const LABEL = 'xueji status list index permutation v1';
/** Keys shorter than this are refused: the order must not be guessable. */
export const PERMUTATION_KEY_BYTES = 32;
/** 2^26 indices at most (half-tables of 8,192 entries); lists are 131,072 today. */
const MAX_BITS = 26;

export function indexPermutation(key: Uint8Array, size: number): IndexPermutation {
  if (key.length < PERMUTATION_KEY_BYTES) throw new RangeError(`a permutation key has at least ${PERMUTATION_KEY_BYTES} bytes`);
  if (!Number.isSafeInteger(size) || size < 2) throw new RangeError('a permutation needs a size of at least 2');
  let bits = Math.ceil(Math.log2(size));
  if (bits % 2 === 1) bits++;
  if (bits > MAX_BITS) throw new RangeError(`a permutation covers at most 2^${MAX_BITS} indices`);
  const half = bits / 2;
  const width = 1 << half;
  const mask = width - 1;
  const stream = createHash('shake256', { outputLength: ROUNDS * width * 4 })
    .update(`${LABEL}\n${size}\n`)
    .update(key)
    .digest();
  const tables = new Uint32Array(ROUNDS * width);
  for (let i = 0; i < tables.length; i++) tables[i] = stream.readUInt32LE(i * 4) & mask;

  const feistel = (x: number): number => {
    let left = x >>> half;
    let right = x & mask;
    for (let round = 0; round < ROUNDS; round++) {
      const next = left ^ tables[round * width + right];
      left = right;
      right = next;
    }
    return left * width + right;
  };

  return {
    size,
    at(n: number): number {
      if (!Number.isInteger(n) || n < 0 || n >= size) throw new RangeError(`allocation ${n} is outside a list of ${size}`);
      let x = feistel(n);
      while (x >= size) x = feistel(x);
      return x;
    },
  };
}
