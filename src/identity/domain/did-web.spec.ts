import { buildDidDocument, didWebForPath, didWebToPath, verificationMethodId } from './did-web.js';
import { generateEd25519KeyPair } from './ed25519-keys.js';
import { generateP256KeyPair } from './p256-keys.js';

describe('didWebForPath and didWebToPath', () => {
  it.each([
    {
      publicUrl: 'http://localhost:3000',
      segments: ['issuers', '330106'],
      did: 'did:web:localhost%3A3000:issuers:330106',
      host: 'localhost:3000',
      path: '/issuers/330106/did.json',
    },
    {
      publicUrl: 'https://xueji.example.edu.cn',
      segments: ['issuers', '3301061001'],
      did: 'did:web:xueji.example.edu.cn:issuers:3301061001',
      host: 'xueji.example.edu.cn',
      path: '/issuers/3301061001/did.json',
    },
    {
      publicUrl: 'https://xueji.example.edu.cn/',
      segments: [],
      did: 'did:web:xueji.example.edu.cn',
      host: 'xueji.example.edu.cn',
      path: '/.well-known/did.json',
    },
    {
      publicUrl: 'https://Gateway.Example.org:8443/xueji/',
      segments: ['issuers', '330106'],
      did: 'did:web:gateway.example.org%3A8443:xueji:issuers:330106',
      host: 'gateway.example.org:8443',
      path: '/xueji/issuers/330106/did.json',
    },
    {
      publicUrl: 'https://example.org:443',
      segments: ['issuers', 'a b:c'],
      did: 'did:web:example.org:issuers:a%20b%3Ac',
      host: 'example.org',
      path: '/issuers/a%20b%3Ac/did.json',
    },
  ])('maps $publicUrl + $segments to $did and back', ({ publicUrl, segments, did, host, path }) => {
    expect(didWebForPath(publicUrl, segments)).toBe(did);
    expect(didWebToPath(did)).toEqual({ host, path });
  });

  it.each([
    { publicUrl: 'ftp://example.org', message: 'Public URL must be http(s): "ftp://example.org".' },
    { publicUrl: 'localhost:3000', message: 'Public URL must be http(s): "localhost:3000".' },
    { publicUrl: 'not a url', message: 'Public URL is not a valid URL: "not a url".' },
    { publicUrl: 'https://example.org/?a=1', message: 'Public URL must not carry credentials, a query or a fragment: "https://example.org/?a=1".' },
  ])('refuses the public URL $publicUrl', ({ publicUrl, message }) => {
    expect(() => didWebForPath(publicUrl, ['issuers', '330106'])).toThrow(new Error(message));
  });

  it.each([[['issuers', '..']], [['issuers', '']], [['issuers/330106']], [['.']]])('refuses the unsafe path segments %j', (segments) => {
    expect(() => didWebForPath('http://localhost:3000', segments)).toThrow(/path segment is empty or unsafe/);
  });

  it.each([
    { did: 'did:key:z6MkhTBwTUtxEKVhqjXemRWZvYzbyR6iFC2pEkEh1cdx6Gcp', message: /Not a did:web identifier/ },
    { did: 'did:web:localhost%3A3000:issuers:330106#key-1', message: /Expected a DID, not a DID URL/ },
    { did: 'did:web:localhost%3A3000:issuers:330106/x', message: /Expected a DID, not a DID URL/ },
    { did: 'did:web:', message: /not a valid host/ },
    { did: 'did:web:user%40evil.example', message: /not a valid host/ },
    { did: 'did:web:example.org:issuers:%2E%2E', message: /path segment is empty or unsafe/ },
    { did: 'did:web:example.org:issuers:a%2Fb', message: /path segment is empty or unsafe/ },
    { did: 'did:web:example.org::330106', message: /path segment is empty or unsafe/ },
    { did: 'did:web:example.org:%E0%A4%A', message: /invalid percent-encoding/ },
  ])('refuses to map $did to a path', ({ did, message }) => {
    expect(() => didWebToPath(did)).toThrow(message);
  });
});

describe('verificationMethodId', () => {
  const did = 'did:web:localhost%3A3000:issuers:330106';

  it.each([
    { given: 'key-1', id: `${did}#key-1` },
    { given: `${did}#key-1`, id: `${did}#key-1` },
  ])('turns $given into $id', ({ given, id }) => {
    expect(verificationMethodId(did, given)).toBe(id);
  });

  it('refuses an absolute id of another DID', () => {
    expect(() => verificationMethodId(did, 'did:web:evil.example#key-1')).toThrow(
      `Verification method "did:web:evil.example#key-1" does not belong to "${did}".`,
    );
  });
});

describe('buildDidDocument', () => {
  const did = 'did:web:localhost%3A3000:issuers:330106';

  it('lists Multikey verification methods, each usable for assertion and authentication', () => {
    const current = generateEd25519KeyPair().publicKeyMultibase;
    const retired = generateEd25519KeyPair().publicKeyMultibase;

    const document = buildDidDocument({
      did,
      verificationMethods: [
        { id: 'key-2', publicKeyMultibase: current },
        { id: `${did}#key-1`, publicKeyMultibase: retired },
      ],
    });

    expect(document).toEqual({
      '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'],
      id: did,
      verificationMethod: [
        { id: `${did}#key-2`, type: 'Multikey', controller: did, publicKeyMultibase: current },
        { id: `${did}#key-1`, type: 'Multikey', controller: did, publicKeyMultibase: retired },
      ],
      assertionMethod: [`${did}#key-2`, `${did}#key-1`],
      authentication: [`${did}#key-2`, `${did}#key-1`],
    });
  });

  it('adds the name with a context term for it, keeping the DID context first', () => {
    const document = buildDidDocument({
      did,
      name: '杭州市西湖区教育局',
      verificationMethods: [{ id: 'key-1', publicKeyMultibase: generateEd25519KeyPair().publicKeyMultibase }],
    });

    expect(document['@context']).toEqual([
      'https://www.w3.org/ns/did/v1',
      'https://w3id.org/security/multikey/v1',
      { name: 'https://schema.org/name' },
    ]);
    expect(document.name).toBe('杭州市西湖区教育局');
  });

  it('refuses a key that is not an Ed25519 public Multikey', () => {
    const { secretKeyMultibase } = generateEd25519KeyPair();

    expect(() => buildDidDocument({ did, verificationMethods: [{ id: 'key-1', publicKeyMultibase: secretKeyMultibase }] })).toThrow(
      /expected Ed25519 multicodec header/,
    );
  });

  it('lists Ed25519 (z6Mk…) and P-256 (zDn…) keys side by side, the algorithm read from the key', () => {
    const ed25519 = generateEd25519KeyPair().publicKeyMultibase;
    const p256 = generateP256KeyPair().publicKeyMultibase;

    const document = buildDidDocument({
      did,
      verificationMethods: [
        { id: ed25519, publicKeyMultibase: ed25519 },
        { id: p256, publicKeyMultibase: p256 },
      ],
    });

    expect(document.verificationMethod).toEqual([
      { id: `${did}#${ed25519}`, type: 'Multikey', controller: did, publicKeyMultibase: ed25519 },
      { id: `${did}#${p256}`, type: 'Multikey', controller: did, publicKeyMultibase: p256 },
    ]);
    expect(document.assertionMethod).toEqual([`${did}#${ed25519}`, `${did}#${p256}`]);
    expect(ed25519.startsWith('z6Mk')).toBe(true);
    expect(p256.startsWith('zDn')).toBe(true);
  });

  it('keeps retired keys for assertion only, and lists revoked keys with their revocation time in no relationship', () => {
    const [active, retired, revoked, activeP256, revokedP256] = [
      generateEd25519KeyPair(),
      generateEd25519KeyPair(),
      generateEd25519KeyPair(),
      generateP256KeyPair(),
      generateP256KeyPair(),
    ].map((pair) => pair.publicKeyMultibase);

    const document = buildDidDocument({
      did,
      verificationMethods: [
        { id: revoked, publicKeyMultibase: revoked, status: 'revoked', revoked: '2026-03-01T08:00:00+08:00' },
        { id: retired, publicKeyMultibase: retired, status: 'retired' },
        { id: revokedP256, publicKeyMultibase: revokedP256, status: 'revoked', revoked: '2026-03-02T00:00:00Z' },
        { id: active, publicKeyMultibase: active, status: 'active' },
        { id: activeP256, publicKeyMultibase: activeP256, status: 'active' },
      ],
    });

    expect(document.verificationMethod.map((m) => [m.publicKeyMultibase, m.revoked])).toEqual([
      [revoked, '2026-03-01T00:00:00.000Z'],
      [retired, undefined],
      [revokedP256, '2026-03-02T00:00:00.000Z'],
      [active, undefined],
      [activeP256, undefined],
    ]);
    expect(document.assertionMethod).toEqual([`${did}#${retired}`, `${did}#${active}`, `${did}#${activeP256}`]);
    expect(document.authentication).toEqual([`${did}#${active}`, `${did}#${activeP256}`]);
  });

  it('refuses a revoked key without its revocation time', () => {
    const key = generateEd25519KeyPair().publicKeyMultibase;

    expect(() => buildDidDocument({ did, verificationMethods: [{ id: 'key-1', publicKeyMultibase: key, status: 'revoked' }] })).toThrow(
      `Revoked key "${did}#key-1" needs its revocation time.`,
    );
  });

  it('refuses a P-256 key whose bytes are not a point on the curve', () => {
    const bad = 'zDnaerDaTF5BXEavCrfRZEk316dpbLsfPDZ3WJ5hRTPFU2164';

    expect(() => buildDidDocument({ did, verificationMethods: [{ id: 'key-1', publicKeyMultibase: bad }] })).toThrow(/not a point on P-256/);
  });
});
