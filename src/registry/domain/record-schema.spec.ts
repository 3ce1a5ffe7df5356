import { extraProblems, mergeExtra, schemaProblems, type ExtraFieldDefinition } from './record-schema.js';

const SCHEMA: ExtraFieldDefinition[] = [
  { name: 'leftBehindChild', label: '是否留守儿童', type: 'boolean', required: true },
  { name: 'boardingStatus', type: 'enum', required: false, values: ['走读', '住校'] },
  { name: 'distanceKm', type: 'number', required: false },
  { name: 'vaccinatedOn', type: 'date', required: false },
  { name: 'specialty', type: 'string', required: false, maxLength: 5 },
];

const fields = (problems: { field: string }[]) => problems.map((p) => p.field);

describe("a province's record schema is checked itself", () => {
  it('accepts a sound schema and an empty one', () => {
    expect(schemaProblems(SCHEMA)).toEqual([]);
    expect(schemaProblems([])).toEqual([]);
  });

  it.each<[string, ExtraFieldDefinition[], string[]]>([
    ['a name used twice', [SCHEMA[0], { ...SCHEMA[2], name: 'leftBehindChild' }], ['fields.1.name']],
    ['a name that is no identifier', [{ ...SCHEMA[0], name: '留守' }], ['fields.0.name']],
    ['a prototype key as name', [{ ...SCHEMA[0], name: '__proto__' }], ['fields.0.name']],
    ['an enum without values', [{ name: 'x', type: 'enum', required: false, values: [] }], ['fields.0.values']],
    ['an enum with a value twice', [{ name: 'x', type: 'enum', required: false, values: ['a', 'a'] }], ['fields.0.values']],
    ['values on a number', [{ name: 'x', type: 'number', required: false, values: ['1'] }], ['fields.0.values']],
    ['a maximum length on a date', [{ name: 'x', type: 'date', required: false, maxLength: 10 }], ['fields.0.maxLength']],
  ])('refuses %s, naming the part', (_case, schema, expected) => {
    expect(fields(schemaProblems(schema))).toEqual(expected);
  });
});

describe('a record is checked against its province’s schema', () => {
  it('accepts fields of their types, and optional fields left out', () => {
    expect(extraProblems(SCHEMA, { leftBehindChild: false, boardingStatus: '住校', distanceKm: 3.5, vaccinatedOn: '2020-02-29', specialty: '围棋' })).toEqual([]);
    expect(extraProblems(SCHEMA, { leftBehindChild: true })).toEqual([]);
  });

  it.each<[string, Record<string, unknown>, string[]]>([
    ['an unknown field', { leftBehindChild: true, shoeSize: 36 }, ['extra.shoeSize']],
    ['a prototype key', JSON.parse('{"leftBehindChild": true, "__proto__": 1}'), ['extra.__proto__']],
    ['a required field missing', {}, ['extra.leftBehindChild']],
    ['a boolean given as text', { leftBehindChild: 'yes' }, ['extra.leftBehindChild']],
    ['a value outside the enum', { leftBehindChild: true, boardingStatus: '寄宿' }, ['extra.boardingStatus']],
    ['a number given as text', { leftBehindChild: true, distanceKm: '3' }, ['extra.distanceKm']],
    ['a date that does not exist', { leftBehindChild: true, vaccinatedOn: '2021-02-29' }, ['extra.vaccinatedOn']],
    ['text over its maximum length', { leftBehindChild: true, specialty: '一二三四五六' }, ['extra.specialty']],
    ['text with a bidirectional override', { leftBehindChild: true, specialty: 'a\u202Eb' }, ['extra.specialty']],
    ['several at once', { leftBehindChild: 1, distanceKm: true }, ['extra.leftBehindChild', 'extra.distanceKm']],
  ])('refuses %s, naming extra.<field>', (_case, extra, expected) => {
    expect(fields(extraProblems(SCHEMA, extra))).toEqual(expected);
  });

  it('refuses any field when the province defined none', () => {
    expect(fields(extraProblems([], { anything: 1 }))).toEqual(['extra.anything']);
  });

  it('merges an update: given fields set, null ones removed, a prototype key kept as data', () => {
    expect(mergeExtra({ a: 1, b: 2 }, { b: null, c: 'x' })).toEqual({ a: 1, c: 'x' });
    const merged = mergeExtra({}, JSON.parse('{"__proto__": {"polluted": true}}'));
    expect(Object.keys(merged)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
