/** Dates in the register are dates in China (UTC+8, no daylight saving), as YYYY-MM-DD. */
export function todayInChina(now = new Date()) {
    return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}
//# sourceMappingURL=china-date.js.map