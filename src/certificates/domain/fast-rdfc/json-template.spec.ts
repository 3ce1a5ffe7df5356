import { fillJson, jsonTemplate } from './json-template.js';
import { readShape } from './shape.js';

/** A shape's JSON text with other values filled in is what JSON.stringify writes for the document holding them. */
describe('jsonTemplate', () => {
  const document = {
    '@context': ['https://www.w3.org/ns/credentials/v2', { '@vocab': 'https://example.org/#' }],
    id: 'urn:uuid:1',
    type: ['VerifiableCredential'],
    credentialSubject: { name: '张小明', score: 97, passed: true, note: null, tags: ['a', 'b'], nested: { '': 'empty key' } },
  };
  const hostile = ['"quoted"', '\\', '\n\t\u0000', '\u2028\u2029', '\ud800 lone', '😀 学', '', '</script>', '{"not":"json"}'];

  it('gives back the JSON.stringify text of every document of the shape, values escaped as JSON.stringify escapes them', () => {
    const template = jsonTemplate(document)!;
    expect(fillJson(template, readShape(document)!.values) + '}').toBe(JSON.stringify(document));
    for (let shift = 0; shift < hostile.length; shift++) {
      const values = readShape(document)!.values.map((_, i) => hostile[(i + shift) % hostile.length]);
      const other = readShape(document, values)!.copy;
      expect(fillJson(template, values) + '}').toBe(JSON.stringify(other));
    }
  });

  it('writes each fill in full, whichever values repeat from the fill before', () => {
    const template = jsonTemplate(document)!;
    const base = readShape(document)!.values;
    for (const changed of [[], [0], [0], [1, 2], [], [0, 1, 2, 3]]) {
      const values = base.map((v, i) => (changed.includes(i) ? `${v} ${hostile[i % hostile.length]}` : v));
      expect(fillJson(template, values) + '}').toBe(JSON.stringify(readShape(document, values)!.copy));
    }
  });

  it('has nothing to offer for a document that is not plain JSON or has no members', () => {
    expect(jsonTemplate({})).toBeNull();
    expect(jsonTemplate({ when: new Date(0) })).toBeNull();
    expect(jsonTemplate({ missing: undefined })).toBeNull();
  });
});
