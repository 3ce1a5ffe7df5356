/**
 * Time as the register's readers write it: Beijing time (UTC+8), whatever the browser's zone.
 * The API speaks ISO instants; dates of the register (enrolment, consent, leaving) are Beijing days.
 */

/** An instant as Beijing time, `YYYY-MM-DD HH:mm`; nothing as a dash. */
export function beijingTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  return new Date(t).toLocaleString('sv-SE', { timeZone: 'Asia/Shanghai', hour12: false }).slice(0, 16);
}

/** Today in Beijing, `YYYY-MM-DD` (before 08:00 Beijing time the UTC date is still yesterday's). */
export function beijingToday(now = new Date()): string {
  return now.toLocaleString('sv-SE', { timeZone: 'Asia/Shanghai' }).slice(0, 10);
}

/** The present minute in Beijing as an `<input type="datetime-local">` value. */
export function beijingNowLocal(now = new Date()): string {
  return now.toLocaleString('sv-SE', { timeZone: 'Asia/Shanghai' }).slice(0, 16).replace(' ', 'T');
}

/** A `<input type="datetime-local">` value read as Beijing time, as the API wants it (with its offset). */
export function beijingLocalToIso(local: string): string {
  return `${local.length === 16 ? `${local}:00` : local}+08:00`;
}
