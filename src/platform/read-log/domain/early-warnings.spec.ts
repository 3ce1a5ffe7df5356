import { chinaHour, EARLY_WARNING_THRESHOLDS, hourBucket, isLookupBurst, isReadBurst, readBurstThreshold, unusualHourNight } from './early-warnings.js';

describe('read bursts: today above max(50, 5 × the daily average of the last 30 days)', () => {
  it('keeps its thresholds in one place', () => {
    expect(EARLY_WARNING_THRESHOLDS.readBurst).toEqual({ floor: 50, factor: 5, windowDays: 30 });
  });

  it.each([
    ['a new account, 50 reads', 50, 0, false],
    ['a new account, 51 reads', 51, 0, true],
    ['an account reading 30 a day, 150 today', 150, 900, false],
    ['an account reading 30 a day, 151 today', 151, 900, true],
    ['an account reading 5 a day, 51 today (the floor holds)', 51, 150, true],
    ['a busy registrar (200 a day), 900 today', 900, 6000, false],
  ])('%s', (_name, today, windowTotal, burst) => {
    expect(isReadBurst(today, windowTotal)).toBe(burst);
  });

  it('answers the threshold it compared with', () => {
    expect(readBurstThreshold(0)).toBe(50);
    expect(readBurstThreshold(6000)).toBe(1000);
  });
});

describe('duplicate-person lookups: more than 10 an hour', () => {
  it.each([
    [10, false],
    [11, true],
  ])('%i in the last hour → %s', (n, burst) => {
    expect(isLookupBurst(n)).toBe(burst);
  });

  it('buckets by clock hour', () => {
    expect(hourBucket(new Date('2026-11-30T05:59:59Z'))).toBe('2026-11-30T05');
  });
});

describe('unusual hours: 22:00–06:00 China time, one night per account', () => {
  it.each([
    ['21:59 China', '2026-11-04T13:59:00Z', null],
    ['22:00 China', '2026-11-04T14:00:00Z', '2026-11-04'],
    ['23:30 China', '2026-11-04T15:30:00Z', '2026-11-04'],
    ['00:10 China (next day), same night', '2026-11-04T16:10:00Z', '2026-11-04'],
    ['05:59 China, same night', '2026-11-04T21:59:00Z', '2026-11-04'],
    ['06:00 China', '2026-11-04T22:00:00Z', null],
    ['noon China', '2026-11-05T04:00:00Z', null],
  ])('%s', (_name, at, night) => {
    expect(unusualHourNight(new Date(at))).toBe(night);
  });

  it('reads the hour in China', () => {
    expect(chinaHour(new Date('2026-11-04T16:10:00Z'))).toBe(0);
  });
});
