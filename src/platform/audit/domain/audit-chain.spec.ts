import { canonicalJson } from '../../../common/canonical-json.js';
import { entryHash, entryMac, GENESIS_HASH, verifyChain, type AuditFields, type ChainEntry } from './audit-chain.js';

const KEY = Buffer.alloc(32, 9);

function chain(n: number, keyedFrom = 1): ChainEntry[] {
  const out: ChainEntry[] = [];
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
    out.push({ ...fields, prevHash: prev, hash, mac: i >= keyedFrom ? entryMac(KEY, fields.seq, hash) : null });
    prev = hash;
  }
  return out;
}

describe('audit chain', () => {
  it('accepts an untouched chain', () => {
    expect(verifyChain(chain(5), {}, KEY)).toMatchObject({ valid: true, checked: 5, firstBrokenSeq: null });
  });

  it('detects an edited detail at the entry that was edited', () => {
    const entries = chain(5);
    entries[2].details = { grade: 99, nested: { b: 1, a: 2 } };
    expect(verifyChain(entries, {}, KEY)).toMatchObject({ valid: false, checked: 2, firstBrokenSeq: '3', reason: 'hash' });
  });

  it('detects a removed entry', () => {
    const entries = chain(5);
    entries.splice(1, 1);
    expect(verifyChain(entries, {}, KEY)).toMatchObject({ firstBrokenSeq: '2', reason: 'missing' });
  });

  it('detects a rewritten entry whose hash was recomputed: its MAC no longer matches', () => {
    const entries = chain(4);
    const { prevHash, hash: _h, mac, ...fields } = entries[1];
    fields.action = 'student.deleted';
    entries[1] = { ...fields, prevHash, hash: entryHash(prevHash, fields), mac };
    expect(verifyChain(entries, {}, KEY)).toMatchObject({ firstBrokenSeq: '2', reason: 'mac' });
  });

  it('detects an entry removed and the plain chain recomputed and renumbered after it, as a database-only attacker can', () => {
    const entries = chain(5);
    entries.splice(1, 1);
    let prev = entries[0].hash;
    for (const [i, entry] of entries.slice(1).entries()) {
      const { prevHash: _p, hash: _h, mac, ...fields } = entry;
      fields.seq = String(i + 2);
      const hash = entryHash(prev, fields);
      entries[i + 1] = { ...fields, prevHash: prev, hash, mac };
      prev = hash;
    }
    expect(verifyChain(entries, {}, KEY)).toMatchObject({ valid: false, checked: 1, firstBrokenSeq: '2', reason: 'mac' });
  });

  it('accepts entries from before MACs only as a prefix: a MAC-less entry after a keyed one is broken', () => {
    expect(verifyChain(chain(5, 3), {}, KEY)).toMatchObject({ valid: true, checked: 5 });
    const entries = chain(5);
    entries[3] = { ...entries[3], mac: null };
    expect(verifyChain(entries, {}, KEY)).toMatchObject({ valid: false, firstBrokenSeq: '4', reason: 'mac' });
  });

  it('refuses a MAC made under another key', () => {
    expect(verifyChain(chain(3), {}, Buffer.alloc(32, 1))).toMatchObject({ valid: false, firstBrokenSeq: '1', reason: 'mac' });
  });

  it('hashes key order independently', () => {
    expect(canonicalJson({ b: 1, a: [{ d: 1, c: 2 }] })).toBe('{"a":[{"c":2,"d":1}],"b":1}');
  });
});
