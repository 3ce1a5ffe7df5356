import { chooseCopy } from './copy-choice.js';
import type { StoredCredential } from './wallet-store.js';

const copy = (id: string, format: StoredCredential['format'], usedWith?: string[]): StoredCredential => ({
  id,
  format,
  configurationId: 'c',
  issuer: 'https://xueji.example',
  keyId: `k-${id}`,
  credential: 'x~',
  receivedAt: '2026-11-30T00:00:00Z',
  ...(usedWith ? { usedWith } : {}),
});

describe('choosing the copy to present', () => {
  it.each<[string, StoredCredential[], string | null, { id: string; linkable: boolean } | null]>([
    ['no copy of the format', [copy('a', 'ldp_vc')], 'rs_lib', null],
    ['a fresh copy for a new relying system', [copy('a', 'dc+sd-jwt', ['rs_bus']), copy('b', 'dc+sd-jwt')], 'rs_lib', { id: 'b', linkable: false }],
    ['the copy it saw before', [copy('a', 'dc+sd-jwt'), copy('b', 'dc+sd-jwt', ['rs_lib'])], 'rs_lib', { id: 'b', linkable: false }],
    ['all copies gone to others: the least used, flagged', [copy('a', 'dc+sd-jwt', ['rs_bus', 'rs_exam']), copy('b', 'dc+sd-jwt', ['rs_bus'])], 'rs_lib', { id: 'b', linkable: true }],
    ['a copy shared before stays flagged', [copy('a', 'dc+sd-jwt', ['rs_bus', 'rs_lib'])], 'rs_lib', { id: 'a', linkable: true }],
  ])('%s', (_case, credentials, relyingSystem, expected) => {
    const chosen = chooseCopy(credentials, 'dc+sd-jwt', relyingSystem);
    expect(chosen ? { id: chosen.credential.id, linkable: chosen.linkable } : null).toEqual(expected);
  });
});
