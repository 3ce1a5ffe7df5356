import { decodeList } from '@digitalbazaar/vc-bitstring-status-list';
import {
  parseStatusListUrl,
  STATUS_LIST_SIZE,
  statusChangeProblem,
  statusEntries,
  statusListCredential,
  statusListUrl,
} from './status-list.js';

const BASE = 'https://xueji.example';

describe('status list rules', () => {
  it('gives each credential a revocation and a suspension entry at the same index', () => {
    const [revocation, suspension] = statusEntries(BASE, 7, 94023);
    expect(revocation).toEqual({
      id: `${BASE}/status-lists/7/revocation#94023`,
      type: 'BitstringStatusListEntry',
      statusPurpose: 'revocation',
      statusListIndex: '94023',
      statusListCredential: `${BASE}/status-lists/7/revocation`,
    });
    expect(suspension.statusPurpose).toBe('suspension');
    expect(suspension.statusListIndex).toBe('94023');
  });

  it('recognises only its own list URLs', () => {
    expect(parseStatusListUrl(BASE, statusListUrl(BASE, 12, 'suspension'))).toEqual({ listSeq: '12', purpose: 'suspension' });
    for (const url of [`${BASE}/status-lists/12/other`, `${BASE}/status-lists/x/revocation`, `https://evil.example/status-lists/1/revocation`, `${BASE}/status-lists/1/revocation/../2`]) {
      expect(parseStatusListUrl(BASE, url)).toBeNull();
    }
  });

  it('builds a BitstringStatusListCredential whose list decodes to 131,072 bits with exactly the set bits', async () => {
    const credential = await statusListCredential({
      url: statusListUrl(BASE, 1, 'revocation'),
      issuer: { id: 'did:web:xueji.example:issuers:330106', name: '西湖区教育局' },
      purpose: 'revocation',
      size: STATUS_LIST_SIZE,
      setIndices: [5, 131071],
      now: new Date('2026-07-01T08:00:00.123Z'),
    });
    expect(credential.type).toEqual(['VerifiableCredential', 'BitstringStatusListCredential']);
    expect(credential.validFrom).toBe('2026-07-01T08:00:00Z');
    const list = await decodeList({ encodedList: credential.credentialSubject.encodedList });
    expect(list.length).toBe(STATUS_LIST_SIZE);
    const set = [0, 4, 5, 6, 131070, 131071].filter((i) => list.getStatus(i));
    expect(set).toEqual([5, 131071]);
  });

  it.each([
    ['revocation', { revoked: false, suspended: false }, true, null],
    ['revocation', { revoked: false, suspended: true }, true, null],
    ['revocation', { revoked: false, suspended: false }, false, 'a revocation cannot be undone'],
    ['revocation', { revoked: true, suspended: false }, true, 'the credential is revoked; its status can no longer change'],
    ['suspension', { revoked: false, suspended: false }, true, null],
    ['suspension', { revoked: false, suspended: true }, false, null],
    ['suspension', { revoked: false, suspended: true }, true, 'the credential is already suspended'],
    ['suspension', { revoked: false, suspended: false }, false, 'the credential is not suspended'],
    ['suspension', { revoked: true, suspended: true }, false, 'the credential is revoked; its status can no longer change'],
  ] as const)('%s from %j to %s: %s', (purpose, current, value, problem) => {
    expect(statusChangeProblem(purpose, current, value)).toBe(problem);
  });
});
