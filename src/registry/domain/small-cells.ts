/**
 * Statistics leave the register only desensitised (第二十四条): a count below the threshold could
 * point at a person (the one student of an ethnic minority in a class), so it is suppressed. When
 * a table's total is shown, one suppressed cell could be recovered by subtraction, so the next
 * smallest cell is suppressed as well (secondary suppression).
 */
export const SMALL_CELL_THRESHOLD = 5;

export interface Cell<K> {
  key: K;
  count: number;
}

export interface PublishedCell<K> {
  key: K;
  /** Null when suppressed. */
  count: number | null;
  suppressed: boolean;
}

export function suppressSmallCells<K>(cells: readonly Cell<K>[], threshold = SMALL_CELL_THRESHOLD): { cells: PublishedCell<K>[]; total: number | null } {
  const total = cells.reduce((sum, c) => sum + c.count, 0);
  const hidden = new Set(cells.filter((c) => c.count > 0 && c.count < threshold).map((c) => c.key));
  if (hidden.size === 1 && cells.length > 1) {
    const next = [...cells].filter((c) => !hidden.has(c.key)).sort((a, b) => a.count - b.count)[0];
    if (next) hidden.add(next.key);
  }
  return {
    cells: cells.map((c) => (hidden.has(c.key) ? { key: c.key, count: null, suppressed: true } : { key: c.key, count: c.count, suppressed: false })),
    // a total below the threshold would itself single people out
    total: total > 0 && total < threshold ? null : total,
  };
}
