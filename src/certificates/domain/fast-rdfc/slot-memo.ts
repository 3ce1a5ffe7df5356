/**
 * Per template, each slot's last value and what was worked out from it (its escaped text, its
 * JSON text, whether it may stand in an IRI slot). Certificates of one batch repeat most of their
 * values — issuer, school, achievement, dates — so a value equal to the slot's previous one gets
 * the previous answer instead of being worked out again: the same answer, by construction.
 */
export class SlotMemo<R> {
  private readonly values: Array<string | undefined>;
  private readonly results: R[];
  /** Per slot, 1 when its value at the last `of` differed from the one before, else 0. */
  readonly changed: Uint8Array;

  constructor(readonly slots: number) {
    this.values = new Array<string | undefined>(slots).fill(undefined);
    this.results = new Array<R>(slots);
    this.changed = new Uint8Array(slots);
  }

  /** `work(value)` for slot `slot`, or its previous answer when the value is the previous one. */
  of(slot: number, value: string, work: (value: string) => R): R {
    if (value === this.values[slot]) {
      this.changed[slot] = 0;
      return this.results[slot];
    }
    const result = work(value); // first: if it throws, nothing is remembered
    this.values[slot] = value;
    this.results[slot] = result;
    this.changed[slot] = 1;
    return result;
  }
}

/** The memo of `template` in `memos`, made on first use (and again if the slot count differs). */
export function slotMemo<T extends object, R>(memos: WeakMap<T, SlotMemo<R>>, template: T, slots: number): SlotMemo<R> {
  let memo = memos.get(template);
  if (!memo || memo.slots !== slots) memos.set(template, (memo = new SlotMemo<R>(slots)));
  return memo;
}
