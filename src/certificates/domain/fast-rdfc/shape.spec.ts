import { readShape, readShapeOnly } from './shape.js';

const BASE = {
  '@context': ['https://www.w3.org/ns/credentials/v2'],
  id: 'urn:uuid:1',
  type: ['VerifiableCredential'],
  issuer: { id: 'did:example:issuer', name: '教育局' },
  credentialSubject: { name: '张小明', score: 1.5, passed: true, tags: ['a', 'b'], note: { '@value': 'x', '@language': 'zh' } },
};

function variant(change: (credential: typeof BASE) => void) {
  const credential = structuredClone(BASE);
  change(credential);
  return credential;
}

describe('readShape', () => {
  it('reads the strings outside @context, types and value metadata as slots, in document order', () => {
    expect(readShape(BASE)?.values).toEqual(['urn:uuid:1', 'did:example:issuer', '教育局', '张小明', 'a', 'b', 'x']);
  });

  it('gives the same key when only slot values differ', () => {
    const other = variant((c) => {
      c.id = 'urn:uuid:2';
      c.credentialSubject.name = '李小红 "quoted"\n';
      c.credentialSubject.tags = ['c', 'c'];
    });

    expect(readShape(other)?.key).toBe(readShape(BASE)?.key);
  });

  it.each([
    { change: 'a context', apply: (c: typeof BASE) => c['@context'].push('https://w3id.org/xueji/v1') },
    { change: 'a type', apply: (c: typeof BASE) => (c.type = ['VerifiableCredential', 'GraduationCertificate']) },
    { change: 'a number', apply: (c: typeof BASE) => (c.credentialSubject.score = 2) },
    { change: 'a boolean', apply: (c: typeof BASE) => (c.credentialSubject.passed = false) },
    { change: 'an array length', apply: (c: typeof BASE) => c.credentialSubject.tags.push('c') },
    { change: 'a language', apply: (c: typeof BASE) => (c.credentialSubject.note['@language'] = 'en') },
    { change: 'key order', apply: (c: typeof BASE) => (c.issuer = { name: '教育局', id: 'did:example:issuer' }) },
    { change: 'a string for an object', apply: (c: typeof BASE) => ((c as Record<string, unknown>).issuer = 'did:example:issuer') },
  ])('gives another key after changing $change', ({ apply }) => {
    expect(readShape(variant(apply))?.key).not.toBe(readShape(BASE)?.key);
  });

  it('copies the document deeply, replacing slots when replacements are given', () => {
    const reading = readShape(BASE, ['r0', 'r1', 'r2', 'r3', 'r4', 'r5', 'r6'])!;

    expect(reading.copy).toEqual({
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      id: 'r0',
      type: ['VerifiableCredential'],
      issuer: { id: 'r1', name: 'r2' },
      credentialSubject: { name: 'r3', score: 1.5, passed: true, tags: ['r4', 'r5'], note: { '@value': 'r6', '@language': 'zh' } },
    });
    expect(readShape(BASE)!.copy.credentialSubject).not.toBe(BASE.credentialSubject);
  });

  it.each([
    { holding: 'a Date', value: new Date(0) },
    { holding: 'undefined', value: undefined },
    { holding: 'a sparse array', value: [, 'x'] },
    { holding: 'a function', value: () => 'x' },
    { holding: 'a bigint', value: 1n },
  ])('leaves a document holding $holding to the stock path', ({ value }) => {
    expect(readShape({ ...BASE, extra: value })).toBeNull();
    expect(readShapeOnly({ ...BASE, extra: value })).toBeNull();
  });

  it('reads the same key and values without a copy when asked for them only', () => {
    const { key, values } = readShape(BASE)!;
    expect(readShapeOnly(BASE)).toEqual({ key, values });
    expect(readShapeOnly([BASE])).toBeNull();
  });
});
