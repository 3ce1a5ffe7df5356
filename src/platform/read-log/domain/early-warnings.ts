/**
 * Early warnings of misuse (第二十三条 预警): an account reading far more records than it usually
 * does, testing ID numbers against the register more often than enrolment needs, or changing
 * records at night. Pure rules; counts and `now` come in. Every threshold is here.
 */
export const EARLY_WARNING_THRESHOLDS = {
  /** A day's reads above max(floor, factor × the account's daily average over the window) is a burst. */
  readBurst: { floor: 50, factor: 5, windowDays: 30 },
  /** DUPLICATE_PERSON answers (a lookup that tells whether a person is registered) per account per hour. */
  duplicateLookupsPerHour: 10,
  /** Changes between these hours, China time, are unusual (22:00–06:00). */
  unusualHours: { from: 22, until: 6 },
} as const;

const CHINA_OFFSET_MS = 8 * 3600_000;

/** The hour of the day in China (UTC+8, no daylight saving). */
export function chinaHour(now: Date): number {
  return new Date(now.getTime() + CHINA_OFFSET_MS).getUTCHours();
}

/** Today's reads that make a burst for this account: the floor, or a multiple of its daily average. */
export function readBurstThreshold(readsInWindow: number, t = EARLY_WARNING_THRESHOLDS.readBurst): number {
  return Math.max(t.floor, Math.floor((t.factor * readsInWindow) / t.windowDays));
}

export function isReadBurst(readsToday: number, readsInWindow: number): boolean {
  return readsToday > readBurstThreshold(readsInWindow);
}

export function isLookupBurst(lookupsLastHour: number, limit = EARLY_WARNING_THRESHOLDS.duplicateLookupsPerHour): boolean {
  return lookupsLastHour > limit;
}

/**
 * The night a change at `now` falls in, named by the China date the night began on (23:30 on
 * the 4th and 02:00 on the 5th are both the night of the 4th), or null by day.
 */
export function unusualHourNight(now: Date, hours = EARLY_WARNING_THRESHOLDS.unusualHours): string | null {
  const hour = chinaHour(now);
  if (hour >= hours.until && hour < hours.from) return null;
  const began = hour >= hours.from ? now.getTime() : now.getTime() - 24 * 3600_000;
  return new Date(began + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** The clock hour a lookup falls in (UTC, `YYYY-MM-DDTHH`): one lookup-burst warning per account per hour. */
export function hourBucket(now: Date): string {
  return now.toISOString().slice(0, 13);
}
