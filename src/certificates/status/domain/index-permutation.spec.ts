import { randomBytes } from 'node:crypto';
import { indexPermutation } from './index-permutation.js';
import { STATUS_LIST_CAPACITY, STATUS_LIST_SIZE } from './status-list.js';

describe('status list index permutation', () => {
  const key = randomBytes(32);

  it.each([STATUS_LIST_SIZE, STATUS_LIST_SIZE + 8, 262_144 + 40])('hands out every index of a list of %i exactly once', (size) => {
    const permutation = indexPermutation(key, size);
    const seen = new Uint8Array(size);
    let outside = 0;
    for (let n = 0; n < size; n++) {
      const index = permutation.at(n);
      if (index >= 0 && index < size) seen[index]++;
      else outside++;
    }
    expect(outside).toBe(0);
    expect(seen.every((count) => count === 1)).toBe(true);
  });

  it('is the same order for the same key and an unrelated one for another', () => {
    const again = indexPermutation(Buffer.from(key), STATUS_LIST_SIZE);
    const other = indexPermutation(randomBytes(32), STATUS_LIST_SIZE);
    const first = indexPermutation(key, STATUS_LIST_SIZE);
    let same = 0;
    for (let n = 0; n < 5000; n++) {
      expect(again.at(n)).toBe(first.at(n));
      if (other.at(n) === first.at(n)) same++;
    }
    expect(same).toBeLessThan(5);
  });

  it('spreads consecutive allocations over the whole list, in no order', () => {
    const permutation = indexPermutation(key, STATUS_LIST_SIZE);
    const first = Array.from({ length: 2000 }, (_, n) => permutation.at(n));
    const sorted = [...first].sort((a, b) => a - b);
    expect(sorted.at(-1)! - sorted[0]).toBeGreaterThan(STATUS_LIST_SIZE * 0.9);
    expect(first.filter((i) => i < STATUS_LIST_SIZE / 2).length).toBeGreaterThan(850);
    expect(first.filter((i) => i < STATUS_LIST_SIZE / 2).length).toBeLessThan(1150);
    // Neighbours in issuance are no closer than any two indices: mean gap of a random pair is size / 3.
    const gaps = first.slice(1).map((index, n) => Math.abs(index - first[n]));
    const meanGap = gaps.reduce((a, b) => a + b, 0) / gaps.length;
    expect(meanGap).toBeGreaterThan(STATUS_LIST_SIZE * 0.28);
    expect(meanGap).toBeLessThan(STATUS_LIST_SIZE * 0.39);
    // And a list closed at half full still looks like half the indices taken at random.
    const used = Array.from({ length: STATUS_LIST_CAPACITY }, (_, n) => permutation.at(n));
    const inEachEighth = new Array<number>(8).fill(0);
    for (const index of used) inEachEighth[Math.floor((index * 8) / STATUS_LIST_SIZE)]++;
    for (const count of inEachEighth) expect(Math.abs(count - STATUS_LIST_CAPACITY / 8)).toBeLessThan(400);
  });

  it('refuses a short key, a tiny list and an allocation outside the list', () => {
    expect(() => indexPermutation(randomBytes(16), STATUS_LIST_SIZE)).toThrow(RangeError);
    expect(() => indexPermutation(key, 1)).toThrow(RangeError);
    const permutation = indexPermutation(key, STATUS_LIST_SIZE);
    for (const n of [-1, STATUS_LIST_SIZE, 1.5, Number.NaN]) expect(() => permutation.at(n)).toThrow(RangeError);
  });
});
