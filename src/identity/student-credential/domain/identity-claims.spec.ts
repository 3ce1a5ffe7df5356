import { ageOverClaims, ageReachedAt, isWithinOneSchoolYear, validityPeriod } from './identity-claims.js';

/** The instant a China-time wall clock shows `local` (YYYY-MM-DDTHH:mm:ss). */
function china(local: string): Date {
  return new Date(`${local}+08:00`);
}

const UNTIL = china('2027-08-31T23:59:59');

describe('ageOverClaims', () => {
  const T = true;
  const F = false;
  it.each([
    // birthDate, validFrom and validUntil (China time), the claims: a claim is left out when its age is reached inside the period.
    ['2012-03-07', '2026-03-08T00:00:00', '2026-08-31T23:59:59', { age_over_12: T, age_over_14: T, age_over_16: F, age_over_18: F }],
    // On the 14th birthday itself the 14 years are not yet full (the day of birth does not count).
    ['2012-03-07', '2026-03-07T23:59:59', '2026-08-31T23:59:59', { age_over_12: T, age_over_16: F, age_over_18: F }],
    ['2012-03-07', '2026-03-07T08:00:00', '2026-03-07T23:59:59', { age_over_12: T, age_over_14: F, age_over_16: F, age_over_18: F }],
    ['2008-01-01', '2026-01-02T00:00:00', '2026-08-31T23:59:59', { age_over_12: T, age_over_14: T, age_over_16: T, age_over_18: T }],
    ['2026-03-01', '2026-03-01T00:00:00', '2026-08-31T23:59:59', { age_over_12: F, age_over_14: F, age_over_16: F, age_over_18: F }],
    // A whole school year: 14 is reached on 2027-06-02, inside it, so there is no age_over_14 claim.
    ['2013-06-01', '2026-09-01T00:00:00', '2027-08-31T23:59:59', { age_over_12: T, age_over_16: F, age_over_18: F }],
    // Born on 31 August: the age is full from 1 September, the first day of the next school year.
    ['2011-08-31', '2025-09-01T00:00:00', '2026-08-31T23:59:59', { age_over_12: T, age_over_14: T, age_over_16: F, age_over_18: F }],
    ['2012-08-31', '2025-09-01T00:00:00', '2026-08-31T23:59:59', { age_over_12: T, age_over_14: F, age_over_16: F, age_over_18: F }],
    // Born on 29 February: the years end on 28 February in common years, on 29 February in leap years; the age is full on 1 March either way.
    ['2012-02-29', '2026-02-28T23:59:59', '2026-02-28T23:59:59', { age_over_12: T, age_over_14: F, age_over_16: F, age_over_18: F }],
    ['2012-02-29', '2026-03-01T00:00:00', '2026-08-31T23:59:59', { age_over_12: T, age_over_14: T, age_over_16: F, age_over_18: F }],
    ['2012-02-29', '2028-02-29T12:00:00', '2028-02-29T23:59:59', { age_over_12: T, age_over_14: T, age_over_16: F, age_over_18: F }],
    ['2012-02-29', '2028-03-01T00:00:00', '2028-08-31T23:59:59', { age_over_12: T, age_over_14: T, age_over_16: T, age_over_18: F }],
    ['2008-02-29', '2026-02-28T12:00:00', '2026-02-28T23:59:59', { age_over_12: T, age_over_14: T, age_over_16: T, age_over_18: F }],
    ['2008-02-29', '2026-03-01T00:00:00', '2026-08-31T23:59:59', { age_over_12: T, age_over_14: T, age_over_16: T, age_over_18: T }],
    // 2100 is a common year (century rule).
    ['2088-02-29', '2100-02-28T12:00:00', '2100-02-28T23:59:59', { age_over_12: F, age_over_14: F, age_over_16: F, age_over_18: F }],
    ['2088-02-29', '2100-03-01T00:00:00', '2100-08-31T23:59:59', { age_over_12: T, age_over_14: F, age_over_16: F, age_over_18: F }],
  ])('born %s, valid %s – %s China time: %j', (birthDate, validFrom, validUntil, claims) => {
    expect(ageOverClaims(birthDate, china(validFrom), china(validUntil))).toEqual(claims);
  });

  it('counts days in China time: 14 is full at 16:00 UTC on the birthday, 00:00 the next day in Beijing', () => {
    expect(ageReachedAt('2012-03-07', 14).toISOString()).toBe('2026-03-07T16:00:00.000Z');
    expect(ageOverClaims('2012-03-07', new Date('2026-03-07T16:00:00Z'), UNTIL).age_over_14).toBe(true);
    expect(ageOverClaims('2012-03-07', new Date('2026-03-07T15:59:59Z'), UNTIL).age_over_14).toBeUndefined();
  });

  it('never claims a value that stops being true before the period ends', () => {
    for (let day = 0; day < 1_500; day += 13) {
      const validFrom = new Date(Date.UTC(2024, 0, 1) + day * 86_400_000);
      const validUntil = new Date(validFrom.getTime() + 200 * 86_400_000);
      for (const [name, value] of Object.entries(ageOverClaims('2012-02-29', validFrom, validUntil))) {
        const years = Number(name.slice('age_over_'.length));
        const reached = ageReachedAt('2012-02-29', years).getTime();

        expect([reached <= validFrom.getTime(), reached <= validUntil.getTime()]).toEqual([value, value]);
      }
    }
  });

  it.each([
    ['not a date', '2012-02-30', china('2026-03-01T00:00:00'), UNTIL, 'birthDate must be a calendar date'],
    ['a date-time', '2012-03-07T00:00:00Z', china('2026-03-01T00:00:00'), UNTIL, 'birthDate must be a calendar date'],
    ['a period ending before it starts', '2012-03-07', UNTIL, china('2026-03-01T00:00:00'), 'is after validUntil'],
    ['an invalid instant', '2012-03-07', new Date(Number.NaN), UNTIL, 'validFrom must be a valid Date'],
  ])('refuses %s', (_case, birthDate, validFrom, validUntil, message) => {
    expect(() => ageOverClaims(birthDate, validFrom, validUntil)).toThrow(message);
  });
});

describe('validityPeriod', () => {
  it.each([
    // now (UTC), validFrom, validUntil
    ['2026-12-03T02:00:00.789Z', '2026-12-03T02:00:00.000Z', '2027-08-31T15:59:59.000Z'],
    ['2026-01-15T00:00:00.000Z', '2026-01-15T00:00:00.000Z', '2026-08-31T15:59:59.000Z'],
    // The last second of 31 August in China is still the old school year…
    ['2027-08-31T15:59:59.000Z', '2027-08-31T15:59:59.000Z', '2027-08-31T15:59:59.000Z'],
    // …and 1 September 00:00 China time (16:00 UTC the day before) begins the next one.
    ['2027-08-31T16:00:00.000Z', '2027-08-31T16:00:00.000Z', '2028-08-31T15:59:59.000Z'],
    ['2027-08-31T12:00:00.000Z', '2027-08-31T12:00:00.000Z', '2027-08-31T15:59:59.000Z'],
  ])('issued at %s: valid from %s until %s', (now, validFrom, validUntil) => {
    const period = validityPeriod(new Date(now));

    expect(period.validFrom.toISOString()).toBe(validFrom);
    expect(period.validUntil.toISOString()).toBe(validUntil);
  });

  it('never spans more than one school year', () => {
    for (let day = 0; day < 800; day += 7) {
      const now = new Date(Date.UTC(2026, 0, 1) + day * 86_400_000 + 37_000);
      const { validFrom, validUntil } = validityPeriod(now);

      expect(validUntil.getTime() - validFrom.getTime()).toBeLessThanOrEqual(366 * 86_400_000);
      expect(isWithinOneSchoolYear(validFrom, validUntil) || validFrom.getTime() === validUntil.getTime()).toBe(true);
    }
  });
});

describe('isWithinOneSchoolYear', () => {
  it.each([
    ['the rest of the school year', china('2026-03-01T09:00:00'), china('2026-08-31T23:59:59'), true],
    ['a month', china('2026-03-01T09:00:00'), china('2026-04-01T09:00:00'), true],
    ['past 31 August', china('2026-03-01T09:00:00'), china('2026-09-01T00:00:00'), false],
    ['a whole school year from September', china('2026-09-01T00:00:00'), china('2027-08-31T23:59:59'), true],
    ['an empty period', china('2026-03-01T09:00:00'), china('2026-03-01T09:00:00'), false],
  ])('%s: %s', (_case, validFrom, validUntil, expected) => {
    expect(isWithinOneSchoolYear(validFrom, validUntil)).toBe(expected);
  });
});
