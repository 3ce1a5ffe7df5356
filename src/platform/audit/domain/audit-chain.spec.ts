import { canonicalJson } from '../../../common/canonical-json.js';
import { entryHash, GENESIS_HASH, verifyChain, type AuditFields } from './audit-chain.js';

function chain(n: number) {
  const out: Array<AuditFields & { prevHash: string; hash: string }> = [];
  let prev = GENESIS_HASH;
  for (let i = 1; i <= n; i++) {
    const fields: AuditFields = {
      seq: String(i),
      occurredAt: `2026-11-29T10:00:0${i}.000Z`,
      actorAccountId: 'a1',
      actorOrganisationId: 'o1',
      scopePath: '/000000/330000/',
      action: 'student.enrolled',
      recordType: 'student',
      recordId: `s${i}`,
      correlationId: 'c1',
      details: { grade: i, nested: { b: 1, a: 2 } },
    };
    const hash = entryHash(prev, fields);
    out.push({ ...fields, prevHash: prev, hash });
    prev = hash;
  }
  return out;
}

describe('audit chain', () => {
  it('accepts an untouched chain', () => {
    expect(verifyChain(chain(5))).toEqual({ valid: true, checked: 5, firstBrokenSeq: null });
  });

  it('detects an edited detail at the entry that was edited', () => {
    const entries = chain(5);
    entries[2].details = { grade: 99, nested: { b: 1, a: 2 } };
    expect(verifyChain(entries)).toEqual({ valid: false, checked: 2, firstBrokenSeq: '3' });
  });

  it('detects a removed entry', () => {
    const entries = chain(5);
    entries.splice(1, 1);
    expect(verifyChain(entries).firstBrokenSeq).toBe('3');
  });

  it('detects a rewritten entry whose hash was recomputed (the next link breaks)', () => {
    const entries = chain(4);
    const { prevHash, hash: _h, ...fields } = entries[1];
    fields.action = 'student.deleted';
    entries[1] = { ...fields, prevHash, hash: entryHash(prevHash, fields) };
    expect(verifyChain(entries).firstBrokenSeq).toBe('3');
  });

  it('hashes key order independently', () => {
    expect(canonicalJson({ b: 1, a: [{ d: 1, c: 2 }] })).toBe('{"a":[{"c":2,"d":1}],"b":1}');
  });
});
