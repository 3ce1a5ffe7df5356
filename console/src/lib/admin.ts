/** Pure helpers of the authority's administration pages (accounts, keys, warnings, statistics). */




/** What a school registrar still lacks before acting on records (第二十二条): filing, training, or nothing. */
export function registrarMissing(account: { filing: unknown; training: unknown }): Array<'filing' | 'training'> {
  return [...(account.filing ? [] : ['filing' as const]), ...(account.training ? [] : ['training' as const])];
}

export interface StatCell {
  key: Record<string, unknown>;
  count: number | null;
  suppressed: boolean;
}

export interface StatRow {
  /** The category as the API names it (a code, a stage, a grade number, a status). */
  value: string;
  count: number | null;
}

/** One dimension's cells as rows in the API's order; a region row carries its name when the API gives one. */
export function statRows(cells: StatCell[], dimension: string): Array<StatRow & { name: string | null }> {
  return cells.map((cell) => ({
    value: String(cell.key[dimension] ?? ''),
    name: typeof cell.key.regionName === 'string' ? cell.key.regionName : null,
    count: cell.suppressed ? null : cell.count,
  }));
}

/** An evidence value in words: arrays and objects as compact JSON, the rest as text. */
export function evidenceText(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
