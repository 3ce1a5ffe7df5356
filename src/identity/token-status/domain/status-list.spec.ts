import { inflateSync } from 'node:zlib';
import { createStatusList, getStatus, setStatus, statusListCapacity } from './status-list.js';

describe('a packed status list', () => {
  it('lays 1-bit statuses out as the draft example does (token 0 in the lowest bit)', () => {
    const list = createStatusList(16);
    [1, 0, 0, 1, 1, 1, 0, 1, 1, 1, 0, 0, 0, 1, 0, 1].forEach((status, idx) => setStatus(list, idx, status));
    expect([...list]).toEqual([0xb9, 0xa3]);
    // The draft's compressed form of the same list.
    expect([...inflateSync(Buffer.from('eNrbuRgAAhcBXQ', 'base64url'))]).toEqual([0xb9, 0xa3]);
  });

  it('lays 2-bit statuses out as the draft example does', () => {
    const list = createStatusList(12, 2);
    [1, 2, 0, 3, 0, 1, 0, 1, 1, 2, 3, 3].forEach((status, idx) => setStatus(list, idx, status, 2));
    expect([...list]).toEqual([0xc9, 0x44, 0xf9]);
    expect(getStatus(list, 3, 2)).toBe(3);
  });

  it('holds 131,072 tokens in 16 KiB, and sets one without touching its neighbours', () => {
    const list = createStatusList(131_072);
    expect(list.length).toBe(16_384);
    expect(statusListCapacity(list)).toBe(131_072);
    setStatus(list, 94_023, 1);
    expect([getStatus(list, 94_022), getStatus(list, 94_023), getStatus(list, 94_024)]).toEqual([0, 1, 0]);
    setStatus(list, 94_023, 0);
    expect(list.every((byte) => byte === 0)).toBe(true);
  });

  it.each([
    ['an index past the end', () => getStatus(createStatusList(8), 8)],
    ['a negative index', () => getStatus(createStatusList(8), -1)],
    ['a value too wide for the bits', () => setStatus(createStatusList(8), 0, 2)],
    ['3 bits per status', () => createStatusList(8, 3 as never)],
  ])('refuses %s', (_case, act) => {
    expect(act).toThrow(RangeError);
  });
});
