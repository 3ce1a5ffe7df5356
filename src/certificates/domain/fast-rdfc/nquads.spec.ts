import { escapeIri, escapeLiteral, fillTemplate, templateFromCanonical } from './nquads.js';

const S0 = 'urn:x-tpl-ab12:0_';
const S1 = 'urn:x-tpl-ab12:1_';
const NAME = '<https://schema.org/name>';
const XSD_DATE = '<http://www.w3.org/2001/XMLSchema#date>';

describe('escapeLiteral (rdf-canonize 5)', () => {
  it.each([
    { value: 'plain 学籍 😀 é', escaped: 'plain 学籍 😀 é' },
    { value: 'a"b\\c', escaped: 'a\\"b\\\\c' },
    { value: '\b\t\n\f\r', escaped: '\\b\\t\\n\\f\\r' },
    { value: '\u0000\u0001\u000b\u001f\u007f', escaped: '\\u0000\\u0001\\u000B\\u001F\\u007F' },
    { value: '\u0080\u00a0\u2028\ufeff\ud800', escaped: '\u0080\u00a0\u2028\ufeff\ud800' },
    { value: "'<>{}|^`", escaped: "'<>{}|^`" },
  ])('writes $value as $escaped', ({ value, escaped }) => {
    expect(escapeLiteral(value)).toBe(escaped);
  });
});

describe('escapeIri (rdf-canonize 5)', () => {
  it.each([
    { value: 'https://example.org/学?q=1#x', escaped: 'https://example.org/学?q=1#x' },
    { value: 'urn:a<b>"c"{d}|e^f`g\\h', escaped: 'urn:a\\u003Cb\\u003E\\u0022c\\u0022\\u007Bd\\u007D\\u007Ce\\u005Ef\\u0060g\\u005Ch' },
    { value: 'urn:\u0000\u001f \u007f', escaped: 'urn:\\u0000\\u001F\\u0020\u007f' },
  ])('writes $value as $escaped', ({ value, escaped }) => {
    expect(escapeIri(value)).toBe(escaped);
  });
});

describe('templateFromCanonical', () => {
  it('cuts each line at its sentinels, knowing IRI slots from literal slots', () => {
    const canonical = `<${S0}> ${NAME} "${S1}" .\n<${S0}> <https://schema.org/birthDate> "2010-03-07"^^${XSD_DATE} .\n`;

    expect(templateFromCanonical(canonical, [S0, S1])).toEqual({
      lines: [
        { parts: ['<', `> ${NAME} "`, '" .\n'], slots: [0, 1] },
        { parts: ['<', `> <https://schema.org/birthDate> "2010-03-07"^^${XSD_DATE} .\n`], slots: [0] },
      ],
      slotKinds: ['iri', 'literal'],
    });
  });

  it.each([
    { problem: 'a second blank node', canonical: `_:c14n0 ${NAME} "${S0}" .\n_:c14n1 ${NAME} "x" .\n` },
    { problem: 'a sentinel behind @vocab', canonical: `_:c14n0 ${NAME} <https://vocab.example/#${S0}> .\n` },
    { problem: 'a sentinel inside a JSON literal', canonical: `_:c14n0 ${NAME} "{\\"a\\":\\"${S0}\\"}"^^<http://www.w3.org/1999/02/22-rdf-syntax-ns#JSON> .\n` },
    { problem: 'a sentinel as a datatype', canonical: `_:c14n0 ${NAME} "x"^^<${S0}> .\n` },
    { problem: 'a sentinel inside a longer literal', canonical: `_:c14n0 ${NAME} "${S0} and more" .\n` },
    { problem: 'a slot written as IRI and as literal', canonical: `<${S0}> ${NAME} "${S0}" .\n` },
    { problem: 'a slot missing from the output', canonical: `_:c14n0 ${NAME} "${S0}" .\n`, sentinels: [S0, S1] },
  ])('refuses output with $problem', ({ canonical, sentinels = [S0] }) => {
    expect(templateFromCanonical(canonical, sentinels)).toBeNull();
  });
});

describe('fillTemplate', () => {
  const template = templateFromCanonical(`_:c14n0 ${NAME} "${S0}" .\n_:c14n0 ${NAME} "${S1}" .\n`, [S0, S1])!;

  it('sorts lines by UTF-16 code unit, as rdf-canonize does (U+1F600 before U+FF61)', () => {
    expect(fillTemplate(template, ['\uff61', '😀'])).toBe(`_:c14n0 ${NAME} "😀" .\n_:c14n0 ${NAME} "\uff61" .\n`);
  });

  it('drops a line that two equal values make twice', () => {
    expect(fillTemplate(template, ['same', 'same'])).toBe(`_:c14n0 ${NAME} "same" .\n`);
  });

  it('sorts each fill by its own values, whatever order the previous fill of the template had', () => {
    const line = (value: string) => `_:c14n0 ${NAME} "${value}" .\n`;
    // Alternating orders and ties: the remembered order is only a guess that is checked each time.
    for (const [a, b] of [['b', 'a'], ['a', 'b'], ['b', 'a'], ['x', 'x'], ['y', 'x'], ['\uff61', '😀'], ['a', 'b']]) {
      const expected = a === b ? line(a) : [line(a), line(b)].sort().join('');
      expect(fillTemplate(template, [a, b])).toBe(expected);
    }
  });

  it('fills each time as a fresh template would, whichever values repeat from the fill before', () => {
    const three = templateFromCanonical(
      `<${S0}> ${NAME} "${S1}" .\n<${S0}> <https://schema.org/birthDate> "2010-03-07" .\n<https://example.org/c> ${NAME} "constant" .\n`,
      [S0, S1],
    )!;
    // A copy is another template to the fill's memory: it fills from nothing every time.
    const fresh = (values: string[]) => fillTemplate({ ...three, lines: three.lines.map((l) => ({ ...l })) }, values);
    for (const values of [
      ['urn:a', 'x'],
      ['urn:a', 'y'],
      ['urn:b', 'y'],
      ['urn:b', 'y'],
      ['urn:a b', 'y"'],
      ['urn:a', 'x'],
    ]) {
      expect(fillTemplate(three, values)).toBe(fresh(values));
    }
  });

  it('escapes values by the kind of their slot', () => {
    const mixed = templateFromCanonical(`<${S0}> ${NAME} "${S1}" .\n`, [S0, S1])!;

    expect(fillTemplate(mixed, ['urn:a b', 'a b"\n'])).toBe(`<urn:a\\u0020b> ${NAME} "a b\\"\\n" .\n`);
  });
});
