/**
 * The checks every context this service serves must pass, for their specs: a versioned path
 * under PUBLIC_URL, a protected JSON-LD 1.1 context, no term that the contexts it is used with
 * define differently (scoped contexts included), and served by the loader as given.
 */
import { createRequire } from 'node:module';
import { BUNDLED_CONTEXTS, createDocumentLoader, type DocumentLoader } from '../domain/document-loader.js';

interface JsonLd {
  expand(input: object, options: { documentLoader: DocumentLoader; safe: boolean }): Promise<Array<Record<string, unknown>>>;
}
export const jsonld = createRequire(import.meta.url)('jsonld') as JsonLd;

export const VC_V2_URL = 'https://www.w3.org/ns/credentials/v2';

type Definitions = Record<string, unknown>;

export function contextOf(document: object): Definitions {
  return (document as { '@context': Definitions })['@context'];
}

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

/** A term definition as JSON-LD compares them: a bare IRI is the same as `{ '@id': IRI }`. */
function normalised(definition: unknown): unknown {
  return typeof definition === 'string' ? { '@id': definition } : definition;
}

/** The terms `ours` defines otherwise than `theirs` does. */
export function clashes(ours: Definitions, theirs: Definitions): string[] {
  const their = allDefinitions(theirs);
  return allDefinitions(ours)
    .filter(([term, definition]) => their.some(([other, d]) => other === term && JSON.stringify(normalised(d)) !== JSON.stringify(normalised(definition))))
    .map(([term]) => term);
}

export interface ServedContext {
  path: string;
  urlOf(publicUrl: string): string;
  context: object;
  /** Contexts it appears beside in one document, by name: none may define a shared term otherwise. */
  usedWith: Record<string, object>;
}

/** A loader knowing the context at its URL under `publicUrl`, as the service's loader does. */
export function loaderWith(served: ServedContext, publicUrl: string): DocumentLoader {
  return createDocumentLoader({ contexts: { [served.urlOf(publicUrl)]: served.context } });
}

/** The common tests, inside the caller's describe block. */
export function servedContextChecks(served: ServedContext, publicUrl: string): void {
  const ours = contextOf(served.context);

  it('lives at a versioned path under the public URL', () => {
    expect(served.path).toMatch(/^\/contexts\/xueji-[a-z]+\/v\d+$/);
    expect(served.urlOf('https://example.cn/xueji/')).toBe(`https://example.cn/xueji${served.path}`);
  });

  it('is a protected JSON-LD 1.1 context', () => {
    expect(ours).toMatchObject({ '@version': 1.1, '@protected': true });
  });

  it.each(Object.entries({ 'VC 2.0': BUNDLED_CONTEXTS[VC_V2_URL], ...served.usedWith }))(
    'defines no term that %s defines, unless identically (scoped contexts included)',
    (_name, theirs) => {
      expect(clashes(ours, contextOf(theirs))).toEqual([]);
    },
  );

  it('is what the loader serves when the service passes it as an extra context', async () => {
    expect((await loaderWith(served, publicUrl)(served.urlOf(publicUrl))).document).toBe(served.context);
  });
}
