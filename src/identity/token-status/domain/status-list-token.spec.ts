import { generateKeyPairSync } from 'node:crypto';
import { getListFromStatusListJWT } from '@sd-jwt/jwt-status-list';
import { decodeJws, encodeJws } from '../../sd-jwt/domain/es256.js';
import { createStatusList, setStatus, STATUS_INVALID } from './status-list.js';
import { createStatusListToken, parseStatusListToken, readStatus, StatusListTokenError } from './status-list-token.js';

const URI = 'https://xueji.example.cn/status-lists/330106/1';
const ISS = 'https://xueji.example.cn/issuers/330106';
const IAT = new Date('2025-11-20T02:00:00Z');

function fixture() {
  const issuerKeys = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const statuses = createStatusList(131_072);
  setStatus(statuses, 94_023, STATUS_INVALID);
  const token = createStatusListToken({
    statuses,
    uri: URI,
    issuer: { iss: ISS, kid: 'key-2025', privateKey: issuerKeys.privateKey },
    iat: IAT,
    exp: new Date(IAT.getTime() + 24 * 3600_000),
    ttl: 300,
  });
  return { issuerKeys, token };
}

const failure = (act: () => unknown) => {
  try {
    act();
  } catch (error) {
    return (error as StatusListTokenError).code;
  }
  return 'no error';
};

describe('a Status List Token', () => {
  it('round-trips: the revoked bit reads 1, its neighbours 0', () => {
    const { issuerKeys, token } = fixture();
    expect(readStatus(token, 94_023, issuerKeys.publicKey, { now: IAT, expectedUri: URI, expectedIss: ISS })).toBe(1);
    expect(readStatus(token, 94_022, issuerKeys.publicKey, { now: IAT })).toBe(0);
    expect(readStatus(token, 0, issuerKeys.publicKey, { now: IAT })).toBe(0);
  });

  it('is a statuslist+jwt the @sd-jwt/jwt-status-list reader agrees with', () => {
    const { token } = fixture();
    const { header, payload } = decodeJws(token)!;
    expect(header).toEqual({ alg: 'ES256', typ: 'statuslist+jwt', kid: 'key-2025' });
    expect(payload).toMatchObject({ sub: URI, iss: ISS, iat: 1763604000, exp: 1763690400, ttl: 300, status_list: { bits: 1 } });
    const library = getListFromStatusListJWT(token);
    expect([library.getStatus(94_023), library.getStatus(94_024)]).toEqual([1, 0]);
    expect(library.statusList).toHaveLength(131_072);
    expect(token.length).toBeLessThan(600); // one revocation compresses to a few dozen bytes
  });

  it('fails when tampered with: its statuses changed', () => {
    const { issuerKeys, token } = fixture();
    const { header, payload, signature } = decodeJws(token)!;
    const clean = decodeJws(createStatusListToken({ statuses: createStatusList(131_072), uri: URI, issuer: { kid: 'x', privateKey: issuerKeys.privateKey }, iat: IAT }))!;
    const forged = encodeJws(header, { ...payload, status_list: clean.payload.status_list }, generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey);
    const spliced = `${forged.split('.').slice(0, 2).join('.')}.${signature}`;
    expect(failure(() => readStatus(spliced, 94_023, issuerKeys.publicKey, { now: IAT }))).toBe('STATUS_LIST_SIGNATURE_INVALID');
    expect(failure(() => readStatus(forged, 94_023, issuerKeys.publicKey, { now: IAT }))).toBe('STATUS_LIST_SIGNATURE_INVALID');
  });

  it.each([
    ['signed by another key', (t: string) => [t, generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey, {}], 'STATUS_LIST_SIGNATURE_INVALID'],
    ['expired', (t: string) => [t, null, { now: new Date(IAT.getTime() + 25 * 3600_000) }], 'STATUS_LIST_EXPIRED'],
    ['for another list', (t: string) => [t, null, { expectedUri: `${URI}0` }], 'STATUS_LIST_WRONG_SUBJECT'],
    ['from another issuer', (t: string) => [t, null, { expectedIss: 'https://other.example' }], 'STATUS_LIST_WRONG_ISSUER'],
    ['not a JWT at all', () => ['not-a-token', null, {}], 'STATUS_LIST_MALFORMED'],
  ])('fails when %s', (_case, arrange, code) => {
    const { issuerKeys, token } = fixture();
    const [t, key, options] = arrange(token) as [string, never, object];
    expect(failure(() => readStatus(t, 1, key ?? issuerKeys.publicKey, { now: IAT, ...options }))).toBe(code);
  });

  it('refuses an index outside the list', () => {
    const { issuerKeys, token } = fixture();
    expect(failure(() => parseStatusListToken(token, issuerKeys.publicKey, { now: IAT }).statusAt(131_072))).toBe('STATUS_LIST_INDEX_OUT_OF_RANGE');
  });
});
