import { SlotMemo, slotMemo } from './slot-memo.js';

describe('SlotMemo', () => {
  it('works a value out once while its slot keeps it, and again when it changes', () => {
    const memo = new SlotMemo<string>(2);
    const calls: string[] = [];
    const work = (v: string) => (calls.push(v), v.toUpperCase());

    expect([memo.of(0, 'a', work), memo.of(1, 'b', work)]).toEqual(['A', 'B']);
    expect([...memo.changed]).toEqual([1, 1]);
    expect([memo.of(0, 'a', work), memo.of(1, 'c', work)]).toEqual(['A', 'C']);
    expect([...memo.changed]).toEqual([0, 1]);
    expect(calls).toEqual(['a', 'b', 'c']);
  });

  it('remembers nothing when the work throws', () => {
    const memo = new SlotMemo<number>(1);
    expect(() => memo.of(0, 'x', () => { throw new Error('no'); })).toThrow('no');
    expect(memo.of(0, 'x', () => 7)).toBe(7);
  });

  it('keeps one memo per template, made again for another slot count', () => {
    const memos = new WeakMap<object, SlotMemo<string>>();
    const template = {};
    expect(slotMemo(memos, template, 3)).toBe(slotMemo(memos, template, 3));
    expect(slotMemo(memos, template, 4).slots).toBe(4);
    expect(slotMemo(memos, {}, 3)).not.toBe(slotMemo(memos, template, 4));
  });
});
