import { jest } from '@jest/globals';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import { buildDidDocument, didWebForPath, verificationMethodId, type DidDocument } from '../../../identity/domain/did-web.js';
import { createDocumentLoader, XUEJI_CONTEXT_URL } from '../../../identity/domain/document-loader.js';
import { createEd25519Signer, generateEd25519KeyPair } from '../../../identity/domain/ed25519-keys.js';
import { issueCredential, verifyCredential, type Credential } from '../data-integrity.js';
import { createTemplateIssuer } from './template-issuer.js';

/**
 * What the template path cannot vouch for goes to the stock issuer, so the answer — a
 * credential or an error — is the stock one. Each case also shows whether a template served.
 */

const NOW = new Date('2024-07-01T08:00:00.250Z');
const VC_V2 = 'https://www.w3.org/ns/credentials/v2';
const EXAMPLE_CONTEXT_URL = 'https://example.org/contexts/courses/v1';
/** `ex` is a prefix; `level` takes vocabulary terms (@vocab), so its value is expanded, not kept. */
const EXAMPLE_CONTEXT = {
  '@context': {
    '@protected': true,
    ex: 'https://example.org/ns#',
    Course: 'https://example.org/ns#Course',
    level: { '@id': 'https://example.org/ns#level', '@type': '@vocab' },
    Advanced: 'https://example.org/ns#Advanced',
  },
};

function makeIssuer(code: string) {
  const did = didWebForPath('http://localhost:3000', ['issuers', code]);
  const keys = generateEd25519KeyPair();
  const didDocument = buildDidDocument({ did, name: `教育局 ${code}`, verificationMethods: [{ id: 'key-1', publicKeyMultibase: keys.publicKeyMultibase }] });
  const signer = createEd25519Signer({ id: verificationMethodId(did, 'key-1'), secretKeyMultibase: keys.secretKeyMultibase });
  return { did, didDocument, signer };
}

function setup(...others: DidDocument[]) {
  const issuer = makeIssuer('330106');
  const byDid = new Map([issuer.didDocument, ...others].map((document) => [document.id, document]));
  const documentLoader = createDocumentLoader({
    contexts: { [EXAMPLE_CONTEXT_URL]: EXAMPLE_CONTEXT },
    resolveDid: async (did) => byDid.get(did) ?? null,
  });
  return { issuer, documentLoader, templates: createTemplateIssuer({ documentLoader }) };
}

function graduation(issuer: string, change: (credential: Credential) => void = () => {}): Credential {
  const credential: Credential = {
    '@context': [VC_V2, XUEJI_CONTEXT_URL],
    id: 'urn:uuid:6a1f0c4e-2b7d-4c1a-9e3f-0d5b8a7c6e21',
    type: ['VerifiableCredential', 'GraduationCertificate'],
    issuer,
    validFrom: '2024-06-30T00:00:00Z',
    credentialSubject: { id: 'did:example:student-1', type: 'Graduate', name: '张小明', birthDate: '2010-03-07' },
  };
  change(credential);
  return credential;
}

function course(issuer: string, subjectId: string, completed: Record<string, unknown> = {}): Credential {
  return {
    '@context': [VC_V2, EXAMPLE_CONTEXT_URL],
    id: 'urn:uuid:0d5b8a7c-1',
    type: ['VerifiableCredential'],
    issuer,
    credentialSubject: { id: subjectId, name: '李小红', 'https://example.org/ns#completed': { id: 'https://example.org/courses/1', type: 'Course', ...completed } },
  };
}

/** What a promise settles to: the issued credential, or the error's name and message. */
async function outcomeOf(promise: Promise<unknown>): Promise<{ issued: unknown } | { error: { name: string; message: string } }> {
  try {
    return { issued: await promise };
  } catch (error) {
    return { error: { name: (error as Error).name, message: (error as Error).message } };
  }
}

describe('template issuer, where it hands over to the stock path', () => {
  it('issues what the stock issuer issues for a shape with two blank nodes, and it verifies', async () => {
    const { issuer, documentLoader, templates } = setup();
    const twoBlankNodes = graduation(issuer.did, (c) => {
      delete c.id;
      delete (c.credentialSubject as Record<string, unknown>).id;
    });

    const issued = await templates.issue(twoBlankNodes, issuer.signer, NOW);

    expect(await templates.canonize(twoBlankNodes)).toBeNull();
    expect(issued).toEqual(await issueCredential({ credential: twoBlankNodes, signer: issuer.signer, documentLoader, now: NOW }));
    expect((await verifyCredential({ credential: issued, documentLoader, now: NOW })).verified).toBe(true);
  });

  it.each([
    { slot: 'the credential id (before any template exists)', warmUp: false, change: (c: Credential) => (c.id = 'certificates/42') },
    { slot: 'the credential id (with its template in place)', warmUp: true, change: (c: Credential) => (c.id = 'certificates/42') },
    { slot: 'credentialSubject.id', warmUp: true, change: (c: Credential) => ((c.credentialSubject as Record<string, unknown>).id = 'students/1') },
    { slot: 'the issuer', warmUp: true, change: (c: Credential) => (c.issuer = 'issuers/330106') },
  ])('refuses a relative IRI in $slot exactly as the stock issuer does', async ({ warmUp, change }) => {
    const { issuer, documentLoader, templates } = setup();
    if (warmUp) await templates.issue(graduation(issuer.did), issuer.signer, NOW);
    const credential = graduation(issuer.did, change);

    const stock = await outcomeOf(issueCredential({ credential, signer: issuer.signer, documentLoader, now: NOW }));

    expect(stock).toHaveProperty('error');
    expect(await outcomeOf(templates.issue(credential, issuer.signer, NOW))).toEqual(stock);
    expect(await templates.canonize(credential)).toBeNull();
  });

  it.each([
    { value: 'a blank node id', id: '_:b0' },
    { value: 'a space (not an IRI to JSON-LD)', id: 'urn:uuid:a b' },
    { value: 'the name of a context term', id: 'GraduationCertificate' },
  ])('answers as the stock issuer does for a credential id holding $value', async ({ id }) => {
    const { issuer, documentLoader, templates } = setup();
    await templates.issue(graduation(issuer.did), issuer.signer, NOW);
    const credential = graduation(issuer.did, (c) => (c.id = id));

    const stock = await outcomeOf(issueCredential({ credential, signer: issuer.signer, documentLoader, now: NOW }));

    expect(await outcomeOf(templates.issue(credential, issuer.signer, NOW))).toEqual(stock);
    expect(await templates.canonize(credential)).toBeNull();
  });

  it('leaves to the stock path a value whose prefix is a context term (ex:…), and matches it', async () => {
    const { issuer, documentLoader, templates } = setup();
    expect(await templates.canonize(course(issuer.did, 'did:example:student-1'))).not.toBeNull();

    const compact = course(issuer.did, 'ex:student-1');
    const issued = await templates.issue(compact, issuer.signer, NOW);

    expect(await templates.canonize(compact)).toBeNull();
    expect(await eddsaRdfc2022.canonize(compact, { documentLoader, base: null, safe: true })).toContain('<https://example.org/ns#student-1>');
    expect(issued).toEqual(await issueCredential({ credential: compact, signer: issuer.signer, documentLoader, now: NOW }));
  });

  it('serves an absolute IRI whose prefix is a term when it goes on with "//" (kept verbatim by JSON-LD)', async () => {
    const { issuer, documentLoader, templates } = setup();
    const slashed = course(issuer.did, 'ex://student-1');

    const canonical = await templates.canonize(slashed);

    expect(canonical).toBe(await eddsaRdfc2022.canonize(slashed, { documentLoader, base: null, safe: true }));
    expect(await templates.issue(slashed, issuer.signer, NOW)).toEqual(
      await issueCredential({ credential: slashed, signer: issuer.signer, documentLoader, now: NOW }),
    );
  });

  it('finds no template for a shape with a @vocab-typed value, and issues as stock', async () => {
    const { issuer, documentLoader, templates } = setup();
    const credential = course(issuer.did, 'did:example:student-1', { level: 'Advanced' });
    const issued = await templates.issue(credential, issuer.signer, NOW);

    expect(await templates.canonize(credential)).toBeNull();
    expect(issued).toEqual(await issueCredential({ credential, signer: issuer.signer, documentLoader, now: NOW }));
  });

  it('refuses a signer whose key is not the issuer’s, with issueCredential’s message', async () => {
    const other = makeIssuer('330108');
    const { issuer, templates } = setup(other.didDocument);

    await expect(templates.issue(graduation(issuer.did), other.signer, NOW)).rejects.toThrow(
      `Signer "${other.did}#key-1" does not belong to issuer "${issuer.did}".`,
    );
  });

  it('adds a second proof to a credential that has one, as the stock issuer does', async () => {
    const { issuer, documentLoader, templates } = setup();
    const signed = await templates.issue(graduation(issuer.did), issuer.signer, NOW);

    const twice = await templates.issue(signed, issuer.signer, NOW);

    expect(Array.isArray(twice.proof)).toBe(true);
    expect(twice).toEqual(await issueCredential({ credential: signed, signer: issuer.signer, documentLoader, now: NOW }));
  });

  it('leaves the caller’s credential untouched and shares no object with it', async () => {
    const { issuer, templates } = setup();
    const unsigned = graduation(issuer.did);
    const before = structuredClone(unsigned);

    const issued = await templates.issue(unsigned, issuer.signer, NOW);
    (issued.credentialSubject as Record<string, unknown>).name = 'changed';

    expect(unsigned).toEqual(before);
  });

  it('runs no JSON-LD processing per credential once the shape and the second are known', async () => {
    const { issuer, templates } = setup();
    await templates.issue(graduation(issuer.did), issuer.signer, NOW);
    const canonize = jest.spyOn(eddsaRdfc2022, 'canonize');

    const issued = [];
    for (let n = 0; n < 50; n++) {
      const credential = graduation(issuer.did, (c) => (c.id = `urn:uuid:${n}`));
      issued.push(await templates.issue(credential, issuer.signer, new Date(NOW.getTime() + n * 10)));
    }
    canonize.mockRestore();

    expect(canonize).not.toHaveBeenCalled();
    expect(new Set(issued.map((credential) => JSON.stringify(credential.proof))).size).toBe(50);
  });
});
