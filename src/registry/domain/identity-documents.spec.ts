import { ETHNICITIES, isEthnicity } from './codes/ethnicities.js';
import { isNationality, NATIONALITIES, nationalityByNumeric } from './codes/nationalities.js';
import { parseIdDocument } from './identity-documents.js';
import { mod11_2CheckCharacter } from './resident-id.js';

const TODAY = '2026-11-30';
const withCheck = (first17: string) => first17 + mod11_2CheckCharacter(first17);

describe('identity documents (第六、十条), each by its own rule', () => {
  it.each([
    ['resident_id', withCheck('33010620150301002'), { birthDate: '2015-03-01', gender: 'female', nationality: 'CHN' }],
    ['hkmt_residence_permit', withCheck('81000020140605003'), { birthDate: '2014-06-05', gender: 'male', nationality: 'HKG' }],
    ['hkmt_residence_permit', withCheck('83000020130102004'), { nationality: 'TWN', gender: 'female' }],
    ['hkmo_permit', 'H1234567801', { normalised: 'H12345678', nationality: 'HKG' }],
    ['hkmo_permit', 'm 8765 4321', { normalised: 'M87654321', nationality: 'MAC' }],
    ['taiwan_permit', '12345678', { normalised: '12345678', nationality: 'TWN' }],
    ['foreign_permanent_residence', withCheck('93184020120704001'), { nationality: 'USA', birthDate: '2012-07-04', gender: 'male' }],
    ['foreign_permanent_residence', 'USA110012071234', { nationality: 'USA' }],
  ] as const)('accepts a %s', (type, number, expected) => {
    const result = parseIdDocument(type, number, TODAY);
    expect(result).toMatchObject({ ok: true, value: { type, ...expected } });
  });

  it('accepts a foreign passport with its nationality, keyed by both', () => {
    expect(parseIdDocument('passport', 'x1234567', TODAY, 'KOR')).toEqual({ ok: true, value: { type: 'passport', normalised: 'KOR:X1234567', nationality: 'KOR' } });
  });

  it.each([
    ['hkmt_residence_permit', withCheck('33010620150301002'), 'starts with its region code'],
    ['hkmt_residence_permit', withCheck('81000020150230003'), 'not a real calendar date'],
    ['hkmt_residence_permit', '810000201406050039', 'check character'],
    ['hkmo_permit', 'A12345678', 'H or M followed by eight digits'],
    ['taiwan_permit', '1234567', 'eight digits'],
    ['foreign_permanent_residence', withCheck('93999020120704001'), 'nationality code on the card is not known'],
    ['foreign_permanent_residence', 'ZZZ110012071234', 'known nationality code'],
    ['foreign_permanent_residence', '931840201207040019', 'check character'],
  ] as const)('refuses a bad %s, naming the rule and never the number', (type, number, message) => {
    const result = parseIdDocument(type, number, TODAY);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.message).toContain(message);
    expect(result.message).not.toMatch(/\d{4}/);
  });

  it('refuses a passport without a known nationality, or a Chinese one', () => {
    expect(parseIdDocument('passport', 'X1234567', TODAY)).toMatchObject({ ok: false });
    expect(parseIdDocument('passport', 'X1234567', TODAY, 'XXX')).toMatchObject({ ok: false });
    expect(parseIdDocument('passport', 'E12345678', TODAY, 'CHN')).toMatchObject({ ok: false, message: 'a Chinese citizen is recorded by the resident ID' });
  });
});

describe('code lists', () => {
  it('holds the 56 ethnic groups of GB/T 3304 and its two other codes', () => {
    expect(Object.keys(ETHNICITIES)).toHaveLength(58);
    expect(ETHNICITIES['01']).toBe('汉族');
    expect(ETHNICITIES['56']).toBe('基诺族');
    expect(isEthnicity('98')).toBe(true);
    expect(isEthnicity('57')).toBe(false);
    expect(isEthnicity('constructor')).toBe(false);
  });

  it('holds the nationalities of GB/T 2659 (ISO 3166-1), with Chinese names', () => {
    expect(NATIONALITIES.size).toBeGreaterThanOrEqual(249);
    expect(NATIONALITIES.get('CHN')).toEqual({ alpha3: 'CHN', numeric: '156', name: '中国' });
    expect(NATIONALITIES.get('HKG')?.name).toBe('中国香港');
    expect(nationalityByNumeric('840')?.alpha3).toBe('USA');
    expect(isNationality('ZZZ')).toBe(false);
  });
});
