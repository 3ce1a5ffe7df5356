import { createRequire } from 'node:module';
import { buildStudentIdentityCredential } from '../student-credential/domain/student-identity-credential.js';
import { ed25519Holder, PUBLIC_URL, statusEntriesFixture, studentFacts } from '../student-credential/domain/student-credential.fixtures.js';
import { BUNDLED_CONTEXTS, createDocumentLoader, type DocumentLoader } from '../domain/document-loader.js';
import { XUEJI_CERTIFICATE_CONTEXT_V1 } from './xueji-certificate-v1.js';
import { XUEJI_IDENTITY_CONTEXT_PATH, XUEJI_IDENTITY_CONTEXT_V1, xuejiIdentityContextUrl } from './xueji-identity-v1.js';

interface JsonLd {
  expand(input: object, options: { documentLoader: DocumentLoader; safe: boolean }): Promise<Array<Record<string, unknown>>>;
}
const jsonld = createRequire(import.meta.url)('jsonld') as JsonLd;

const VC_V2_URL = 'https://www.w3.org/ns/credentials/v2';
const OUR_URL = xuejiIdentityContextUrl(PUBLIC_URL);

type Definitions = Record<string, unknown>;

/** Every term definition in a context, its type- and property-scoped contexts included. */
function allDefinitions(context: Definitions, found: Array<[string, unknown]> = []): Array<[string, unknown]> {
  for (const [term, definition] of Object.entries(context)) {
    if (term.startsWith('@')) continue;
    found.push([term, definition]);
    const scoped = (definition as { '@context'?: Definitions } | null)?.['@context'];
    if (typeof scoped === 'object' && scoped !== null) allDefinitions(scoped, found);
  }
  return found;
}

function normalised(definition: unknown): unknown {
  return typeof definition === 'string' ? { '@id': definition } : definition;
}

function contextOf(document: object): Definitions {
  return (document as { '@context': Definitions })['@context'];
}

function clashes(ours: Definitions, theirs: Definitions): string[] {
  const their = allDefinitions(theirs);
  return allDefinitions(ours)
    .filter(([term, definition]) => their.some(([other, d]) => other === term && JSON.stringify(normalised(d)) !== JSON.stringify(normalised(definition))))
    .map(([term]) => term);
}

const loader = () => createDocumentLoader({ contexts: { [OUR_URL]: XUEJI_IDENTITY_CONTEXT_V1 } });

describe('the xueji identity context v1', () => {
  const ours = contextOf(XUEJI_IDENTITY_CONTEXT_V1);

  it('lives at a versioned path under the public URL', () => {
    expect(XUEJI_IDENTITY_CONTEXT_PATH).toBe('/contexts/xueji-identity/v1');
    expect(xuejiIdentityContextUrl('https://example.cn/xueji/')).toBe('https://example.cn/xueji/contexts/xueji-identity/v1');
  });

  it('is a protected JSON-LD 1.1 context', () => {
    expect(ours).toMatchObject({ '@version': 1.1, '@protected': true });
  });

  it('defines no VC 2.0 term differently (scoped contexts included), and leaves `name` to VC 2.0', () => {
    expect(clashes(ours, contextOf(BUNDLED_CONTEXTS[VC_V2_URL]))).toEqual([]);
    expect(Object.keys(ours)).not.toContain('name');
  });

  it('defines the terms it shares with the certificate context identically, so both can be used together', () => {
    expect(clashes(ours, contextOf(XUEJI_CERTIFICATE_CONTEXT_V1))).toEqual([]);
  });

  it('expands a built credential in safe mode: every claim has a term', async () => {
    const credential = buildStudentIdentityCredential(studentFacts(), {
      publicUrl: PUBLIC_URL,
      validFrom: new Date('2026-03-02T01:00:00Z'),
      validUntil: new Date('2026-08-31T15:59:59Z'),
      holderDid: ed25519Holder().did,
      credentialStatus: statusEntriesFixture(),
    });

    const [expanded] = await jsonld.expand(credential, { documentLoader: loader(), safe: true });
    const text = JSON.stringify(expanded);

    expect(text).toContain('"https://w3id.org/xueji/vocab#age_over_14":[{"@value":true}]');
    expect(text).toContain('"https://schema.org/birthDate":[{"@type":"http://www.w3.org/2001/XMLSchema#date","@value":"2011-05-20"}]');
    expect(text).toContain('"https://w3id.org/xueji/vocab#city":[{"https://w3id.org/xueji/vocab#divisionCode":[{"@value":"330100"}],"https://schema.org/name":[{"@value":"杭州市"}]}]');
    expect(text).not.toContain('issuer-dependent');
  });

  it('cannot be undercut: a later context that redefines a protected term is refused', async () => {
    const document = {
      '@context': [VC_V2_URL, OUR_URL, { age_over_18: 'https://example.org/adult' }],
      type: ['VerifiableCredential'],
      credentialSubject: { age_over_18: true },
    };

    await expect(jsonld.expand(document, { documentLoader: loader(), safe: true })).rejects.toThrow('tried to redefine a protected term');
  });
});
