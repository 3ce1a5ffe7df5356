import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { generateEd25519KeyPair } from '../../identity/domain/ed25519-keys.js';
import { generateP256KeyPair, p256DidKey } from '../../identity/domain/p256-keys.js';
import { didKeyJwk, jwkThumbprint, publicJwkOf } from './holder-keys.js';

describe('holder keys', () => {
  it('reads the public key of a P-256 and an Ed25519 did:key, with or without the fragment', () => {
    const p256 = generateP256KeyPair();
    const { did, verificationMethodId } = p256DidKey(p256.publicKeyMultibase);
    expect(didKeyJwk(verificationMethodId)).toEqual({ did, jwk: expect.objectContaining({ kty: 'EC', crv: 'P-256' }) });
    expect(didKeyJwk(did)?.did).toBe(did);
    const ed = generateEd25519KeyPair();
    expect(didKeyJwk(`did:key:${ed.publicKeyMultibase}#${ed.publicKeyMultibase}`)?.jwk).toEqual(expect.objectContaining({ kty: 'OKP', crv: 'Ed25519' }));
  });

  it('refuses other DIDs, a fragment naming another key and keys that are not on the curve', () => {
    const a = generateP256KeyPair().publicKeyMultibase;
    const b = generateP256KeyPair().publicKeyMultibase;
    expect(didKeyJwk(`did:key:${a}#${b}`)).toBeNull();
    expect(didKeyJwk('did:web:example.com')).toBeNull();
    expect(didKeyJwk(`did:key:zDn${'1'.repeat(44)}`)).toBeNull();
  });

  it('keeps only public members of a JWK, and only valid P-256 or Ed25519 keys', () => {
    const jwk = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'jwk' });
    const pub = publicJwkOf(jwk)!;
    expect(pub).toEqual({ kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y });
    expect(publicJwkOf({ ...pub, y: pub.x })).toBeNull();
    expect(publicJwkOf({ kty: 'RSA', n: 'x', e: 'AQAB' })).toBeNull();
  });

  it('computes the RFC 7638 thumbprint (the RFC’s example key, as EC members in order)', () => {
    // RFC 8037 appendix A.3: the Ed25519 example key's thumbprint.
    expect(jwkThumbprint({ kty: 'OKP', crv: 'Ed25519', x: '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo' })).toBe('kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k');
  });
});
