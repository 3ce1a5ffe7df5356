/** Pure helpers of the authority's administration pages (accounts, keys, warnings, statistics). */

/** An instant as Beijing time, `YYYY-MM-DD HH:mm`; null as a dash. */
export function beijingTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  return new Date(iso).toLocaleString('sv-SE', { timeZone: 'Asia/Shanghai', hour12: false }).slice(0, 16);
}

/** Today in Beijing, `YYYY-MM-DD` (the default of a filing or training date). */
export function beijingToday(now = new Date()): string {
  return now.toLocaleString('sv-SE', { timeZone: 'Asia/Shanghai' }).slice(0, 10);
}

/** A `<input type="datetime-local">` value read as Beijing time, as the API wants it (with its offset). */
export function beijingLocalToIso(local: string): string {
  return `${local.length === 16 ? `${local}:00` : local}+08:00`;
}

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
