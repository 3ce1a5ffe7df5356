import { ES256, digest } from '@sd-jwt/crypto-nodejs';
import { SDJwtVcInstance } from '@sd-jwt/sd-jwt-vc';
import { ValidationError } from '../../../common/errors/domain-error.js';
import { decodeJws, p256PublicJwk } from './es256.js';
import { presentSdJwtVc, issueSdJwtVc } from './sd-jwt-vc.js';
import {
  BIRTHDATE,
  EXP,
  ISS,
  NAME,
  NBF,
  NOW,
  PERSONAL_NEEDLES,
  STATUS_URI,
  STUDENT_NUMBER,
  VCT,
  VERIFIER,
  allReadableText,
  p256,
  sdJwtWorld as world,
  studentClaims,
} from './sd-jwt-vc.fixtures.js';

describe('the identity credential as an SD-JWT VC', () => {
  it('puts no personal claim in clear in the issuer-signed JWT: all are disclosures', async () => {
    const { sdJwt } = await world();
    const [jwt, ...disclosures] = sdJwt.split('~');
    const { header, payload } = decodeJws(jwt)!;
    expect(header).toEqual({ typ: 'dc+sd-jwt', kid: 'key-2025', alg: 'ES256' });
    expect(Object.keys(payload).sort()).toEqual(['_sd', '_sd_alg', 'cnf', 'exp', 'iat', 'iss', 'nbf', 'status', 'vct']);
    expect(payload.status).toEqual({ status_list: { idx: 94_023, uri: STATUS_URI } });
    expect(Object.keys((payload.cnf as { jwk: object }).jwk).sort()).toEqual(['crv', 'kty', 'x', 'y']);
    // 13 top-level claims, school's name and code, region's province, city and county.
    expect(disclosures.filter(Boolean)).toHaveLength(13 + 2 + 3);
    for (const needle of PERSONAL_NEEDLES) expect(allReadableText(jwt)).not.toContain(needle);
  });

  it('salts each disclosure with 128 random bits', async () => {
    const { sdJwt } = await world();
    const salts = sdJwt.split('~').slice(1, -1).map((d) => JSON.parse(Buffer.from(d, 'base64url').toString())[0] as string);
    for (const salt of salts) expect(Buffer.from(salt, 'base64url')).toHaveLength(16);
    expect(new Set(salts).size).toBe(salts.length);
  });

  describe('done when: only age_over_14 and the school city are disclosed', () => {
    it('verifies, and discloses exactly those claims', async () => {
      const { present, verify } = await world();
      const result = await verify(await present(['age_over_14', 'region.city']));
      expect(result.problems).toEqual([]);
      expect(result.verified).toBe(true);
      const { iss, vct, age_over_14: ageOver14, region, ...others } = result.claims!;
      expect({ iss, vct, ageOver14, region }).toEqual({
        iss: ISS,
        vct: VCT,
        ageOver14: true,
        region: { city: { code: '330100', name: '杭州市' } },
      });
      expect(Object.keys(others).sort()).toEqual(['cnf', 'exp', 'iat', 'nbf', 'status']);
    });

    it('carries neither name, birth date nor student number, in any encoding it contains', async () => {
      const { sdJwt, present } = await world();
      const presentation = await present(['age_over_14', 'region.city']);
      // The search finds them where they are: in the holder's full credential.
      for (const needle of [NAME, BIRTHDATE, STUDENT_NUMBER]) expect(allReadableText(sdJwt)).toContain(needle);
      for (const needle of PERSONAL_NEEDLES) expect(allReadableText(presentation)).not.toContain(needle);
      expect(allReadableText(presentation)).not.toContain('西湖区');
      expect(presentation.split('~')).toHaveLength(1 + 3 + 1); // JWT, 3 disclosures (age, region, city), KB-JWT
    });

    it('is accepted by @sd-jwt/sd-jwt-vc as an independent verifier, key binding required', async () => {
      const { issuerKeys, statusListToken, present } = await world();
      const issuerVerifier = await ES256.getVerifier(p256PublicJwk(issuerKeys.publicKey));
      const independent = new SDJwtVcInstance({
        hasher: digest,
        hashAlg: 'sha-256',
        verifier: issuerVerifier,
        kbVerifier: async (data, signature, payload) => (await ES256.getVerifier(payload.cnf!.jwk))(data, signature),
        statusListFetcher: async (uri) => (uri === STATUS_URI ? statusListToken : Promise.reject(new Error('offline'))),
      });
      const presentation = await present(['age_over_14', 'region.city']);
      const result = await independent.verify(presentation, { keyBindingNonce: 'n-0S6_WzA2Mj', currentDate: Math.floor(NOW.getTime() / 1000) });
      expect(result.kb?.payload).toMatchObject({ aud: VERIFIER, nonce: 'n-0S6_WzA2Mj' });
      expect(result.payload).toMatchObject({ iss: ISS, vct: VCT, age_over_14: true, region: { city: { name: '杭州市' } } });
      expect(result.payload).not.toHaveProperty('name');
      await expect(independent.verify(presentation, { keyBindingNonce: 'another-nonce', currentDate: Math.floor(NOW.getTime() / 1000) })).rejects.toThrow(/Nonce/);
    });
  });

  describe('issuance refuses', () => {
    const base = async () => {
      const { privateKey } = p256();
      const holder = p256PublicJwk(p256().publicKey);
      return {
        claims: studentClaims(),
        issuer: { iss: ISS, kid: 'k', privateKey },
        holderJwk: holder as object,
        vct: VCT,
        iat: NOW,
        nbf: NBF,
        exp: EXP,
        status: { idx: 0, uri: STATUS_URI },
      };
    };
    const fields = async (change: (o: Awaited<ReturnType<typeof base>>) => void) => {
      const options = await base();
      change(options);
      const error = await issueSdJwtVc(options as never).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ValidationError);
      return (error as ValidationError).errors.map((e) => e.field);
    };

    it.each([
      ['an age claim that changes during the validity period', (o: any) => (o.claims.age_over_16 = true), 'claims.age_over_16'],
      ['a validity longer than one school year', (o: any) => (o.exp = new Date('2026-09-30T00:00:00Z')), 'exp'],
      ['a holder key with its private part', (o: any) => (o.holderJwk = p256().privateKey.export({ format: 'jwk' })), 'holderJwk'],
      ['a claim the credential does not define', (o: any) => (o.claims.id_number = '330106201103150021'), 'claims.id_number'],
      ['a city outside the province', (o: any) => (o.claims.region.city.code = '320100'), 'claims.region.city'],
      ['an http issuer that is not this machine', (o: any) => (o.issuer.iss = 'http://xueji.example.cn/issuers/330106'), 'issuer.iss'],
    ])('%s', async (_case, change, field) => {
      expect(await fields(change)).toContain(field);
    });
  });

  describe('presenting refuses', () => {
    const refusal = (attempt: Promise<unknown>) => attempt.then(() => null, (e: ValidationError) => e.errors);

    it('a path the credential cannot disclose', async () => {
      const { present } = await world();
      expect(await refusal(present(['age_over_14', 'region.street']))).toEqual([
        { field: 'disclose', message: 'not selectively disclosable in this credential: region.street' },
      ]);
    });

    it('a key other than the bound one', async () => {
      const { sdJwt } = await world();
      const attempt = presentSdJwtVc({ sdJwt, disclose: ['age_over_14'], holderPrivateKey: p256().privateKey, nonce: 'n', aud: VERIFIER, iat: NOW });
      expect(await refusal(attempt)).toEqual([{ field: 'holderPrivateKey', message: 'is not the key this credential is bound to (cnf.jwk)' }]);
    });
  });
});
