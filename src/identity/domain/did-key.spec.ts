import { didKeyDocument } from './did-key.js';
import { generateEd25519KeyPair } from './ed25519-keys.js';

describe('did:key for Ed25519', () => {
  it('builds the document from the key itself', () => {
    const { publicKeyMultibase } = generateEd25519KeyPair();
    const did = `did:key:${publicKeyMultibase}`;
    const doc = didKeyDocument(did)!;
    expect(doc.id).toBe(did);
    expect(doc.verificationMethod).toEqual([
      { id: `${did}#${publicKeyMultibase}`, type: 'Multikey', controller: did, publicKeyMultibase },
    ]);
    expect(doc.assertionMethod).toEqual([`${did}#${publicKeyMultibase}`]);
  });

  it.each([
    ['another method', 'did:web:example.com'],
    ['a P-256 key', 'did:key:zDnaerDaTF5BXEavCrfRZEk316dpbLsfPDZ3WJ5hRTPFU2169'],
    ['a DID URL', 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK#x'],
    ['a corrupted key', 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2do0'],
    ['a truncated key', 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnE'],
  ])('refuses %s', (_case, did) => {
    expect(didKeyDocument(did)).toBeNull();
  });
});
