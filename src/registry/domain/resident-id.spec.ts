import {
  isCalendarDate,
  mod11_2CheckCharacter,
  parseResidentId,
  PROVINCES,
  residentIdCheckCharacter,
  type ResidentIdProblem,
} from './resident-id.js';

const TODAY = '2024-09-01';

/** A valid number from its first 17 digits, computing the check character. */
function valid(first17: string): string {
  return first17 + residentIdCheckCharacter(first17);
}

/** Region + birth date (YYYYMMDD) + sequence, with a correct check character. */
function idFor(region: string, birth: string, sequence = '123'): string {
  return valid(region + birth + sequence);
}

/** The GB 11643 formulation, written independently: weights 2^(17-i) mod 11. */
function checkByPublishedWeights(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((acc, d, i) => acc + Number(d) * weights[i], 0);
  return '10X98765432'[sum % 11];
}

function wrongCheck(id: string): string {
  const right = id[17];
  return id.slice(0, 17) + (right === '0' ? '1' : '0');
}

function xInsteadOfDigit(id: string): string {
  if (id[17] === 'X') throw new Error('pick a vector whose check character is a digit');
  return id.slice(0, 17) + 'X';
}

describe('residentIdCheckCharacter', () => {
  it.each([
    ['the published GB 11643 example', '11010519491231002', 'X'],
    ['all zeros', '00000000000000000', '1'],
  ])('%s', (_name, first17, expected) => {
    expect(residentIdCheckCharacter(first17)).toBe(expected);
  });

  it.each(['11010519491231002', '33010620100315461', '44190020160229007', '65010219000101999'])(
    'agrees with the published weight table for %s',
    (first17) => {
      expect(residentIdCheckCharacter(first17)).toBe(checkByPublishedWeights(first17));
    },
  );

  it.each(['1101051949123100', '110105194912310021', '1101051949123100A', ''])(
    'refuses %p, which is not seventeen digits',
    (bad) => {
      expect(() => residentIdCheckCharacter(bad)).toThrow(RangeError);
    },
  );
});

describe('mod11_2CheckCharacter', () => {
  it('works over any length of digits, as the student number needs', () => {
    const digits = '330202400000001';
    const asResidentStyle = checkByPublishedWeights('00' + digits);
    expect(mod11_2CheckCharacter(digits)).toBe(asResidentStyle);
  });

  it('refuses non-digits', () => {
    expect(() => mod11_2CheckCharacter('12a')).toThrow(RangeError);
  });
});

describe('parseResidentId accepts', () => {
  it.each([
    ['the published example', '11010519491231002X', '11010519491231002X'],
    ['a lower-case x', '11010519491231002x', '11010519491231002X'],
    ['full-width digits and x', '１１０１０５１９４９１２３１００２ｘ', '11010519491231002X'],
    ['full-width upper-case X', '１１０１０５１９４９１２３１００２Ｘ', '11010519491231002X'],
    ['spaces around and inside', '  110105 19491231 002X ', '11010519491231002X'],
    ['an ideographic space', '110105\u300019491231002X', '11010519491231002X'],
  ])('%s', (_name, input, normalised) => {
    const result = parseResidentId(input, TODAY);
    expect(result).toEqual({
      ok: true,
      value: { normalised, regionCode: '110105', birthDate: '1949-12-31', gender: 'female' },
    });
  });

  it.each([
    ['leap day in a leap year', idFor('330106', '20160229'), '2016-02-29'],
    ['leap day in a year divisible by 400', idFor('330106', '20000229'), '2000-02-29'],
    ['born today', idFor('330106', '20240901'), '2024-09-01'],
    ['the earliest accepted date', idFor('330106', '19000101'), '1900-01-01'],
  ])('%s', (_name, input, birthDate) => {
    const result = parseResidentId(input, TODAY);
    expect(result.ok && result.value.birthDate).toBe(birthDate);
  });

  it.each([
    ['an odd 17th digit as male', '33010620100315461', 'male'],
    ['an even 17th digit as female', '33010620100315462', 'female'],
  ])('reads %s', (_name, first17, gender) => {
    const result = parseResidentId(valid(first17), TODAY);
    expect(result.ok && result.value.gender).toBe(gender);
  });

  it.each([
    ['a Beijing district', '110105'],
    ['a Chongqing county', '500229'],
    ['a county-level city directly under a province', '429004'],
    ['Dongguan, a city without counties', '441900'],
    ['Zhongshan, a city without counties', '442000'],
    ['Jiayuguan, a city without counties', '620200'],
    ['Danzhou, a city without counties', '460400'],
    ['a county code since abolished (Beijing Chongwen)', '110103'],
  ])('the region of %s', (_name, region) => {
    const result = parseResidentId(idFor(region, '20100315'), TODAY);
    expect(result.ok && result.value.regionCode).toBe(region);
  });
});

describe('parseResidentId refuses', () => {
  const cases: Array<[string, string, ResidentIdProblem]> = [
    ['an old fifteen-digit number', '110105491231002', 'format'],
    ['seventeen characters', '11010519491231002', 'format'],
    ['nineteen characters', '11010519491231002X1', 'format'],
    ['a letter inside', '1101051949A231002X', 'format'],
    ['X anywhere but last', 'X1010519491231002' + '1', 'format'],
    ['a hyphenated number', '110105-19491231-002X', 'format'],
    ['an empty string', '', 'format'],
    ['an unknown province 99', idFor('990101', '20100315'), 'region'],
    ['Taiwan 71', idFor('710101', '20100315'), 'region'],
    ['Hong Kong 81', idFor('810000', '20100315'), 'region'],
    ['Macau 82', idFor('820000', '20100315'), 'region'],
    ['the residence-permit code 83', idFor('830000', '20100315'), 'region'],
    ['a province-level code', idFor('330000', '20100315'), 'region'],
    ['a city-level code', idFor('330100', '20100315'), 'region'],
    ['a city part of 00', idFor('330006', '20100315'), 'region'],
    ['the root code', idFor('000000', '20100315'), 'region'],
    ['leap day in a common year', idFor('330106', '20170229'), 'birthDate'],
    ['leap day in a century not divisible by 400', idFor('330106', '21000229'), 'birthDate'],
    ['month 13', idFor('330106', '20101301'), 'birthDate'],
    ['month 00', idFor('330106', '20100001'), 'birthDate'],
    ['day 00', idFor('330106', '20100100'), 'birthDate'],
    ['the 31st of April', idFor('330106', '20100431'), 'birthDate'],
    ['a birth date tomorrow', idFor('330106', '20240902'), 'birthDate'],
    ['a birth date before 1900', idFor('330106', '18991231'), 'birthDate'],
    ['a wrong check character', wrongCheck(idFor('330106', '20100315')), 'checkCharacter'],
    ['X where a digit is due', xInsteadOfDigit(idFor('330106', '20100315')), 'checkCharacter'],
  ];

  it.each(cases)('%s as %s', (_name, input, problem) => {
    const result = parseResidentId(input, TODAY);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problem).toBe(problem);
  });

  it.each(cases)('%s with a message that quotes no digit of the number', (_name, input) => {
    // No digit at all: then no part of any number can leak into a response or a log.
    const result = parseResidentId(input, TODAY);
    const message = result.ok ? '' : result.message;
    expect(message.length).toBeGreaterThan(0);
    expect(message).not.toMatch(/[0-9０-９]/);
  });

  it('reports the birth date before the check character when both are wrong', () => {
    const result = parseResidentId(wrongCheck(idFor('330106', '20170229')), TODAY);
    expect(!result.ok && result.problem).toBe('birthDate');
  });

  it('treats a malformed today as a programming error', () => {
    expect(() => parseResidentId('11010519491231002X', '2024-9-1')).toThrow(RangeError);
  });
});

describe('PROVINCES', () => {
  it('holds the 31 mainland province-level codes plus Taiwan, Hong Kong and Macau', () => {
    expect(Object.keys(PROVINCES)).toHaveLength(34);
    expect(PROVINCES['33']).toBe('浙江省');
    expect(PROVINCES['71']).toBe('台湾省');
    expect(PROVINCES['83']).toBeUndefined();
  });
});

describe('isCalendarDate', () => {
  it.each([
    ['2024-02-29', true],
    ['2000-02-29', true],
    ['1900-02-29', false],
    ['2023-02-29', false],
    ['2026-04-30', true],
    ['2026-04-31', false],
    ['2026-12-31', true],
    ['2026-00-10', false],
    ['2026-13-01', false],
    ['2026-01-00', false],
    ['2026-1-01', false],
    ['2026-01-01T00:00', false],
    ['２０２６-01-01', false],
  ])('%s is a real day: %s', (value, expected) => {
    expect(isCalendarDate(value)).toBe(expected);
  });
});
