import { randomBytes } from 'node:crypto';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import { fillTemplate, templateFromCanonical } from './nquads.js';
import { readShape } from './shape.js';
/** jsonld-signatures serves these itself, ahead of the caller's loader: derivations here would not see the same documents. */
const CONTEXTS_STOCK_SERVES_ITSELF = new Set(['https://w3id.org/security/v1', 'https://w3id.org/security/v2']);
/** The document canonicalisation exactly as DataIntegrityProof.createVerifyData asks the cryptosuite for it. */
export function canonizeLikeStock(document, documentLoader) {
    return eddsaRdfc2022.canonize(document, { documentLoader, base: null, safe: true });
}
/**
 * Null when the shape cannot be served by a template: stock processing fails for it, it has
 * more than one blank node, a slot does not map to one whole literal or IRI, or a second
 * derivation with values that need escaping does not match the filled template byte for byte.
 */
export async function deriveTemplate(credential, documentLoader) {
    const nonce = randomBytes(8).toString('hex');
    // A private copy: the caller's object may change while the derivation awaits.
    const reading = readShape(credential);
    if (!reading)
        return null;
    const document = reading.copy;
    const sentinels = reading.values.map((_, index) => `urn:x-tpl-${nonce}:${index}_`);
    const canonical = await canonizeWithSlots(document, sentinels, documentLoader);
    const template = canonical === null ? null : templateFromCanonical(canonical, sentinels);
    if (!template)
        return null;
    const probes = template.slotKinds.map((kind, index) => kind === 'iri' ? `urn:x-check-${nonce}:${index}{|}^\`"\\<>` : `"\\\n\r\t\b\f\u0001\u007f\u0080\u00a0é学😀 ${index} ${nonce} `);
    if ((await canonizeWithSlots(document, probes, documentLoader)) !== fillTemplate(template, probes))
        return null;
    const terms = await contextTerms(document, documentLoader);
    return terms && { ...template, terms };
}
/** Stock canonical N-Quads of the document with its slots replaced; null when stock processing fails. */
async function canonizeWithSlots(document, slotValues, documentLoader) {
    const copy = readShape(document, slotValues)?.copy;
    if (!copy)
        return null;
    try {
        return await canonizeLikeStock(copy, documentLoader);
    }
    catch {
        return null;
    }
}
/** Keys of all context objects reachable from the document's `@context`s (scoped and imported ones included). */
async function contextTerms(document, documentLoader) {
    const terms = new Set();
    const loaded = new Set();
    const pending = [];
    collectEmbeddedContexts(document, pending);
    while (pending.length > 0) {
        const context = pending.pop();
        if (typeof context === 'string') {
            if (loaded.has(context))
                continue;
            if (CONTEXTS_STOCK_SERVES_ITSELF.has(context))
                return null;
            loaded.add(context);
            let remote;
            try {
                remote = await documentLoader(context);
            }
            catch {
                return null;
            }
            const body = typeof remote.document === 'string' ? JSON.parse(remote.document) : remote.document;
            pending.push(body?.['@context']);
        }
        else if (Array.isArray(context)) {
            pending.push(...context);
        }
        else if (isPlainObject(context)) {
            for (const [key, value] of Object.entries(context)) {
                terms.add(key);
                // Term definitions are objects; their own @context (scoped) and @import lead further.
                if (key === '@context' || key === '@import' || isPlainObject(value))
                    pending.push(value);
            }
        }
    }
    return terms;
}
function collectEmbeddedContexts(value, into) {
    if (Array.isArray(value)) {
        for (const item of value)
            collectEmbeddedContexts(item, into);
    }
    else if (isPlainObject(value)) {
        for (const [key, item] of Object.entries(value)) {
            if (key === '@context')
                into.push(item);
            else
                collectEmbeddedContexts(item, into);
        }
    }
}
function isPlainObject(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}
//# sourceMappingURL=template-derivation.js.map