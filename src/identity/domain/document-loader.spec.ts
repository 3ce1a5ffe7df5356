import { jest } from '@jest/globals';
import { buildDidDocument, type DidDocument } from './did-web.js';
import { BUNDLED_CONTEXTS, createDocumentLoader, DocumentNotFoundError, XUEJI_CONTEXT_URL } from './document-loader.js';
import { generateEd25519KeyPair } from './ed25519-keys.js';

const DID = 'did:web:localhost%3A3000:issuers:330106';

function issuerDidDocument(): DidDocument {
  return buildDidDocument({
    did: DID,
    name: '杭州市西湖区教育局',
    verificationMethods: [{ id: 'key-1', publicKeyMultibase: generateEd25519KeyPair().publicKeyMultibase }],
  });
}

function loaderResolving(...documents: object[]) {
  const byId = new Map(documents.map((document) => [(document as { id: string }).id, document]));
  return createDocumentLoader({ resolveDid: async (did) => byId.get(did) ?? null });
}

describe('createDocumentLoader', () => {
  it.each([
    'https://www.w3.org/ns/credentials/v2',
    'https://www.w3.org/2018/credentials/v1',
    'https://w3id.org/security/data-integrity/v2',
    'https://w3id.org/security/multikey/v1',
    'https://www.w3.org/ns/credentials/status/v1',
    'https://www.w3.org/ns/did/v1',
    XUEJI_CONTEXT_URL,
  ])('serves the bundled context %s', async (url) => {
    const loaded = await createDocumentLoader()(url);

    expect(loaded).toEqual({ contextUrl: null, documentUrl: url, document: BUNDLED_CONTEXTS[url] });
    expect(loaded.document).toHaveProperty('@context');
  });

  it.each([
    'https://www.w3.org/ns/credentials/examples/v2',
    'https://w3id.org/xueji/v2',
    'http://localhost:3000/contexts/xueji/v1',
    'constructor',
    'did:web:localhost%3A3000:issuers:330106',
  ])('refuses %s, which it does not hold, with an error naming the URL', async (url) => {
    await expect(createDocumentLoader()(url)).rejects.toThrow(new Error(`Document not found offline: ${url}`));
  });

  it('never reaches for the network, even for a URL that is online', async () => {
    const fetchSpy = jest.spyOn(globalThis, 'fetch').mockRejectedValue(new Error('network used'));
    try {
      await expect(createDocumentLoader()('https://www.w3.org/ns/odrl.jsonld')).rejects.toBeInstanceOf(DocumentNotFoundError);
      expect(fetchSpy).not.toHaveBeenCalled();
    } finally {
      fetchSpy.mockRestore();
    }
  });

  it('serves extra contexts it is given', async () => {
    const context = { '@context': { nickname: 'https://example.org/vocab#nickname' } };

    const loaded = await createDocumentLoader({ contexts: { 'https://example.org/ctx/v1': context } })('https://example.org/ctx/v1');

    expect(loaded.document).toBe(context);
  });

  it('refuses to let an extra context replace a bundled one', () => {
    expect(() => createDocumentLoader({ contexts: { 'https://www.w3.org/ns/credentials/v2': { '@context': {} } } })).toThrow(
      'Refusing to replace the bundled context "https://www.w3.org/ns/credentials/v2".',
    );
  });
});

describe('createDocumentLoader with DIDs', () => {
  it('resolves a DID to its whole DID document', async () => {
    const didDocument = issuerDidDocument();

    const loaded = await loaderResolving(didDocument)(DID);

    expect(loaded).toEqual({ contextUrl: null, documentUrl: DID, document: didDocument });
  });

  it('resolves a DID URL fragment to the verification method, carrying the DID document’s context', async () => {
    const didDocument = issuerDidDocument();

    const loaded = await loaderResolving(didDocument)(`${DID}#key-1`);

    expect(loaded.document).toEqual({
      '@context': didDocument['@context'],
      ...didDocument.verificationMethod[0],
    });
  });

  it('resolves a verification method listed with a relative id', async () => {
    const { publicKeyMultibase } = generateEd25519KeyPair();
    const didDocument = {
      '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'],
      id: DID,
      assertionMethod: [{ id: '#key-7', type: 'Multikey', controller: DID, publicKeyMultibase }],
    };

    const loaded = await loaderResolving(didDocument)(`${DID}#key-7`);

    expect(loaded.document).toEqual({ '@context': didDocument['@context'], id: `${DID}#key-7`, type: 'Multikey', controller: DID, publicKeyMultibase });
  });

  it.each([
    { case: 'a fragment the DID document does not list', url: `${DID}#key-2` },
    { case: 'a DID the resolver does not know', url: 'did:web:localhost%3A3000:issuers:330108#key-1' },
    { case: 'a DID URL with a path', url: `${DID}/whois` },
  ])('refuses $case', async ({ url }) => {
    await expect(loaderResolving(issuerDidDocument())(url)).rejects.toThrow(new Error(`Document not found offline: ${url}`));
  });

  it('refuses a DID document whose id is not the DID that was asked for', async () => {
    const misfiled = { ...issuerDidDocument(), id: 'did:web:localhost%3A3000:issuers:330108' };
    const loader = createDocumentLoader({ resolveDid: async () => misfiled });

    await expect(loader(`${DID}#key-1`)).rejects.toThrow(
      `DID document id "did:web:localhost%3A3000:issuers:330108" does not match the requested DID "${DID}".`,
    );
  });
});

describe('the xueji v1 context', () => {
  const definitions = (BUNDLED_CONTEXTS[XUEJI_CONTEXT_URL] as { '@context': Record<string, unknown> })['@context'];

  it('is a protected JSON-LD 1.1 context', () => {
    expect(definitions).toMatchObject({ '@version': 1.1, '@protected': true });
  });

  it.each([
    'GraduationCertificate',
    'Graduate',
    'EducationalOrganization',
    'studentNumber',
    'gender',
    'school',
    'schoolCode',
    'educationStage',
    'certificateNumber',
    'certificateKind',
    'issuingAuthority',
  ])('defines %s in the xueji vocabulary', (term) => {
    expect(definitions[term]).toBe(`https://w3id.org/xueji/vocab#${term}`);
  });

  it.each(['birthDate', 'enrolmentDate', 'graduationDate'])('types %s as xsd:date', (term) => {
    expect(definitions[term]).toEqual({ '@id': `https://w3id.org/xueji/vocab#${term}`, '@type': 'http://www.w3.org/2001/XMLSchema#date' });
  });

  it('defines name exactly as the credentials v2 context does, the only redefinition JSON-LD allows', () => {
    const credentialsV2 = BUNDLED_CONTEXTS['https://www.w3.org/ns/credentials/v2'] as { '@context': Record<string, unknown> };

    expect(definitions.name).toBe(credentialsV2['@context'].name);
  });
});
