import { generateKeyPairSync } from 'node:crypto';
import { p256PublicJwk } from './es256.js';
import { buildJwtVcIssuerMetadata, issuerIdentifierProblem, issuerKeyFromMetadata, jwtVcIssuerMetadataUrl } from './jwt-vc-issuer-metadata.js';

describe('JWT VC Issuer Metadata', () => {
  it.each([
    ['https://example.com', 'https://example.com/.well-known/jwt-vc-issuer'],
    ['https://example.com/tenant/1234', 'https://example.com/.well-known/jwt-vc-issuer/tenant/1234'],
    ['https://xueji.example.cn/issuers/330106/', 'https://xueji.example.cn/.well-known/jwt-vc-issuer/issuers/330106'],
    ['https://xueji.example.cn:8443/base/issuers/330106', 'https://xueji.example.cn:8443/.well-known/jwt-vc-issuer/base/issuers/330106'],
    ['http://localhost:3000/issuers/330106', 'http://localhost:3000/.well-known/jwt-vc-issuer/issuers/330106'],
  ])('is found for %s at %s (well-known between host and path)', (iss, url) => {
    expect(jwtVcIssuerMetadataUrl(iss)).toBe(url);
  });

  it.each([
    ['http://xueji.example.cn/issuers/1', 'must be an https URL'],
    ['https://xueji.example.cn/issuers/1?x=1', 'may not have a query or fragment'],
    ['https://xueji.example.cn/issuers/1#k', 'may not have a query or fragment'],
    ['https://user:pw@xueji.example.cn/', 'may not carry credentials'],
    ['did:web:xueji.example.cn', 'must be an https URL'],
  ])('refuses the issuer identifier %s', (iss, problem) => {
    expect(issuerIdentifierProblem(iss)).toBe(problem);
  });

  it('publishes public keys only, and gives a verifier the key the credential names', () => {
    const current = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const retired = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const iss = 'https://xueji.example.cn/issuers/330106';
    const metadata = buildJwtVcIssuerMetadata({
      issuer: iss,
      keys: [
        { kid: 'key-2025', publicKey: current.privateKey },
        { kid: 'key-2024', publicKey: retired.publicKey },
      ],
    });
    expect(JSON.stringify(metadata)).not.toMatch(/"d"/);
    expect(metadata.jwks.keys.map((k) => k.kid)).toEqual(['key-2025', 'key-2024']);
    expect(issuerKeyFromMetadata(metadata, iss, 'key-2024')).toEqual(p256PublicJwk(retired.publicKey));
    expect(issuerKeyFromMetadata(metadata, iss, 'key-2023')).toBeUndefined();
    expect(issuerKeyFromMetadata(metadata, iss, undefined)).toBeUndefined(); // two keys: kid needed
    // The document must be the issuer's own, compared as plain strings.
    expect(issuerKeyFromMetadata(metadata, `${iss}/`, 'key-2025')).toBeUndefined();
    expect(issuerKeyFromMetadata({ issuer: iss, jwks: 'nope' }, iss, 'key-2025')).toBeUndefined();
  });

  it('refuses two keys with one kid', () => {
    const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    expect(() =>
      buildJwtVcIssuerMetadata({ issuer: 'https://a.example', keys: [{ kid: 'k', publicKey }, { kid: 'k', publicKey }] }),
    ).toThrow(/own non-empty kid/);
  });
});
