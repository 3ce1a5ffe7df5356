import { todayInChina } from './china-date.js';

describe('the date in China', () => {
  it.each([
    ['2026-12-31T15:59:59Z', '2026-12-31'],
    ['2026-12-31T16:00:00Z', '2027-01-01'],
    ['2026-06-01T00:00:00Z', '2026-06-01'],
  ])('at %s UTC it is %s in China', (utc, date) => {
    expect(todayInChina(new Date(utc))).toBe(date);
  });
});
