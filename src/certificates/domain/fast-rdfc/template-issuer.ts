import { hash } from 'node:crypto';
import * as vc from '@digitalbazaar/vc';
import type { DocumentLoader } from '@digitalbazaar/vc';
import type { Ed25519Signer } from '../../../identity/domain/ed25519-keys.js';
import { issueCredential, issuerIdOf, type Credential, type DataIntegrityProofValue, type VerifiableCredential } from '../data-integrity.js';
import { encodeBase58btc } from '../../../common/encoding/base58btc.js';
import { fillTemplate } from './nquads.js';
import { SlotMemo, slotMemo } from './slot-memo.js';
import { jsonTemplate, fillJson, type JsonTemplate } from './json-template.js';
import { readShape, readShapeOnly, type ShapeReading } from './shape.js';
import { canonizeLikeStock, deriveTemplate, type CredentialTemplate } from './template-derivation.js';

/**
 * eddsa-rdfc-2022 issuance for credentials whose JSON shape repeats, producing the very bytes
 * the stock path (@digitalbazaar/vc + data-integrity + eddsa-rdfc-2022-cryptosuite) produces.
 *
 * The first credential of a shape pays for deriving its canonical N-Quads template with the
 * stock JSON-LD processing; every later one is string filling, one SHA-256, one Ed25519
 * signature. The proof configuration's hash is cached per (shape, verification method,
 * `created`), and `created` has seconds precision. Whatever the template cannot vouch for
 * — an unknown shape kind, a value in an IRI slot the contexts might rewrite, a credential
 * the stock checks refuse — goes to the stock issueCredential, which then answers (or throws)
 * exactly as it always does.
 */

export interface TemplateIssuer {
  /** Same output as issueCredential(): a DataIntegrityProof, eddsa-rdfc-2022, assertionMethod, created = `now` to the second. */
  issue(credential: Credential, signer: Ed25519Signer, now: Date): Promise<VerifiableCredential>;
  /**
   * `JSON.stringify(await issue(…))`, character for character. Once the shape is known it is
   * written from the shape's JSON text with the values filled in, without copying the credential
   * or building the signed object (a signing thread hands over text only).
   */
  issueText(credential: Credential, signer: Ed25519Signer, now: Date): Promise<string>;
  /** The credential's canonical N-Quads (without proof) from its template; null when no template serves it. */
  canonize(credential: Credential): Promise<string | null>;
}

const VC_V2_CONTEXT = 'https://www.w3.org/ns/credentials/v2';
const CRYPTOSUITE = 'eddsa-rdfc-2022';
const PROOF_PURPOSE = 'assertionMethod';
/** jsonld's isAbsoluteIri test (lib/url.js), character for character. */
const ABSOLUTE_IRI = /^([A-Za-z][A-Za-z0-9+-.]*|_):[^\s]*$/;
const PROOF_HASHES_PER_SHAPE = 16;

/** The credential checks vc.issue runs (exported by @digitalbazaar/vc, left out of our type declarations). */
const { _checkCredential: checkCredentialAsStockDoes } = vc as unknown as {
  _checkCredential(options: { credential: object; now: Date; mode: 'issue' }): void;
};

interface ShapeEntry {
  /** undefined while the derivation runs; null when the shape is not templatable. */
  template: CredentialTemplate | null | undefined;
  derivation: Promise<CredentialTemplate | null>;
  /** `${verificationMethod}\n${created}` → SHA-256 of the canonical proof options, or its pending computation. */
  proofHashes: Map<string, Buffer | Promise<Buffer | null>>;
  /** The shape's JSON text cut at its string slots, from the first document issueText reads; null: none serves. */
  json?: JsonTemplate | null;
}

export function createTemplateIssuer(options: { documentLoader: DocumentLoader; maxShapes?: number }): TemplateIssuer {
  const { documentLoader, maxShapes = 256 } = options;
  const shapes = new Map<string, ShapeEntry>();

  function shapeEntry(reading: ShapeReading): ShapeEntry {
    const known = shapes.get(reading.key);
    if (known) return known;
    if (shapes.size >= maxShapes) shapes.delete(shapes.keys().next().value!);
    const derivation = deriveTemplate(reading.copy, documentLoader).catch(() => null);
    const entry: ShapeEntry = { template: undefined, derivation, proofHashes: new Map() };
    derivation.then((template) => (entry.template = template));
    shapes.set(reading.key, entry);
    return entry;
  }

  function proofHash(entry: ShapeEntry, context: unknown, key: string, verificationMethod: string, created: string): Promise<Buffer | null> {
    const known = entry.proofHashes.get(key);
    if (known) return Promise.resolve(known);
    if (entry.proofHashes.size >= PROOF_HASHES_PER_SHAPE) entry.proofHashes.delete(entry.proofHashes.keys().next().value!);
    // DataIntegrityProof.canonizeProof: the proof options under the document's @context (VC 2.0 carries the DI terms).
    const proofOptions = { '@context': context, type: 'DataIntegrityProof', created, verificationMethod, cryptosuite: CRYPTOSUITE, proofPurpose: PROOF_PURPOSE };
    const pending: Promise<Buffer | null> = canonizeLikeStock(proofOptions, documentLoader).then(
      (canonical) => {
        const digest = sha256(canonical);
        if (entry.proofHashes.get(key) === pending) entry.proofHashes.set(key, digest);
        return digest;
      },
      () => {
        entry.proofHashes.delete(key);
        return null;
      },
    );
    entry.proofHashes.set(key, pending);
    return pending;
  }

  /** The signed credential's text when its shape, template and proof hash are known already; else null. */
  function knownShapeText(credential: Credential, signer: Ed25519Signer, now: Date): string | null {
    const reading = fastPathValues(credential, signer, now);
    const entry = reading && shapes.get(reading.key);
    if (!reading || !entry?.template) return null;
    const created = w3cDate(now);
    const proofOptionsHash = entry.proofHashes.get(`${signer.id}\n${created}`);
    const template = servingTemplate(entry.template, reading.values);
    if (!(proofOptionsHash instanceof Buffer) || !template) return null;
    if (entry.json === undefined) entry.json = jsonTemplate(credential);
    if (!entry.json) return null;
    const proofValue = proofValueOf(template, reading.values, proofOptionsHash, signer);
    return fillJson(entry.json, reading.values) + proofJson(signer.id, created, proofValue);
  }

  const issuer: TemplateIssuer = {
    async issue(credential, signer, now) {
      const reading = fastPathReading(credential, signer, now);
      if (!reading) return issueCredential({ credential, signer, documentLoader, now });
      const entry = shapeEntry(reading);
      const created = w3cDate(now);
      const proofKey = `${signer.id}\n${created}`;
      const knownHash = entry.proofHashes.get(proofKey);
      if (entry.template !== undefined && knownHash instanceof Buffer) {
        // The usual case once the shape is known: no promise to wait for.
        const template = servingTemplate(entry.template, reading.values);
        if (template) return signedCredential(reading, template, knownHash, signer, created);
        return issueCredential({ credential, signer, documentLoader, now });
      }
      const template = servingTemplate(await entry.derivation, reading.values);
      const proofOptionsHash = template && (await proofHash(entry, reading.copy['@context'], proofKey, signer.id, created));
      if (template && proofOptionsHash) return signedCredential(reading, template, proofOptionsHash, signer, created);
      return issueCredential({ credential, signer, documentLoader, now });
    },

    async issueText(credential, signer, now) {
      const known = knownShapeText(credential, signer, now);
      return known ?? JSON.stringify(await issuer.issue(credential, signer, now));
    },

    async canonize(credential) {
      const reading = readShape(credential);
      if (!reading) return null;
      const entry = shapeEntry(reading);
      const template = servingTemplate(entry.template !== undefined ? entry.template : await entry.derivation, reading.values);
      return template && fillTemplate(template, reading.values);
    },
  };
  return issuer;
}

/** Per template, whether each IRI slot's value is kept verbatim (slot-memo.ts). */
const keptBefore = new WeakMap<CredentialTemplate, SlotMemo<boolean>>();

/** The template, if it serves these values: each value in an IRI slot must be one JSON-LD keeps verbatim. */
function servingTemplate(template: CredentialTemplate | null, values: readonly string[]): CredentialTemplate | null {
  if (!template) return null;
  const { slotKinds, terms } = template;
  const kept = slotMemo(keptBefore, template, slotKinds.length);
  for (let i = 0; i < slotKinds.length; i++) {
    if (slotKinds[i] === 'iri' && !kept.of(i, values[i], (value) => keptVerbatim(value, terms))) return null;
  }
  return template;
}

/** eddsa-rdfc-2022: sign SHA-256(canonical proof options) ‖ SHA-256(canonical document). */
function signedCredential(
  reading: ShapeReading,
  template: CredentialTemplate,
  proofOptionsHash: Buffer,
  signer: Ed25519Signer,
  created: string,
): VerifiableCredential {
  const proof: DataIntegrityProofValue = {
    type: 'DataIntegrityProof',
    created,
    verificationMethod: signer.id,
    cryptosuite: CRYPTOSUITE,
    proofPurpose: PROOF_PURPOSE,
    proofValue: proofValueOf(template, reading.values, proofOptionsHash, signer),
  };
  return Object.assign(reading.copy, { proof }) as VerifiableCredential;
}

function proofValueOf(template: CredentialTemplate, values: readonly string[], proofOptionsHash: Buffer, signer: Ed25519Signer): string {
  const documentHash = sha256(fillTemplate(template, values));
  return 'z' + encodeBase58btc(signer.signSync(Buffer.concat([proofOptionsHash, documentHash], 64)));
}

/** `,"proof":{…}}`: what JSON.stringify writes after the credential's last member for signedCredential's proof. */
function proofJson(verificationMethod: string, created: string, proofValue: string): string {
  const proof: DataIntegrityProofValue = { type: 'DataIntegrityProof', created, verificationMethod, cryptosuite: CRYPTOSUITE, proofPurpose: PROOF_PURPOSE, proofValue };
  return `,"proof":${JSON.stringify(proof)}}`;
}

/**
 * The credential, copied, when the template path may take it; null sends it to the stock path.
 * Anything the stock issuer would refuse is sent there, so that it is refused in its words.
 */
function fastPathReading(credential: Credential, signer: Ed25519Signer, now: Date): ShapeReading | null {
  if (!mayTakeFastPath(credential, signer, now)) return null;
  const reading = readShape(credential);
  return reading && passesStockChecks(reading.copy, signer, now) ? reading : null;
}

/** fastPathReading's key and values, read from the caller's credential itself (no copy, no await). */
function fastPathValues(credential: Credential, signer: Ed25519Signer, now: Date): Omit<ShapeReading, 'copy'> | null {
  if (!mayTakeFastPath(credential, signer, now)) return null;
  const reading = readShapeOnly(credential);
  return reading && passesStockChecks(credential, signer, now) ? reading : null;
}

function mayTakeFastPath(credential: Credential, signer: Ed25519Signer, now: Date): boolean {
  if (!(now instanceof Date) || Number.isNaN(now.getTime())) return false;
  if (signer.algorithm !== 'Ed25519' || typeof signer.signSync !== 'function') return false;
  return typeof credential === 'object' && credential !== null && !('proof' in credential);
}

/** Checks of a plain-JSON document (readShape accepted it) that the stock issuer runs, or would fail on. */
function passesStockChecks(document: Record<string, unknown>, signer: Ed25519Signer, now: Date): boolean {
  // VC 1.1 credentials get an issuanceDate from the wall clock and the DI context added.
  const context = document['@context'];
  if (!Array.isArray(context) || context[0] !== VC_V2_CONTEXT) return false;
  const issuerId = issuerIdOf(document);
  if (!issuerId || controllerOf(signer.id) !== issuerId) return false;
  try {
    checkCredentialAsStockDoes({ credential: document, now, mode: 'issue' });
  } catch {
    return false;
  }
  return true;
}

/**
 * Whether JSON-LD keeps a value in an @id (or @vocab) position as it is: it must be an absolute
 * IRI (relative ones are dropped or, in safe mode, refused), not a blank node, not a term, and
 * its prefix must not be a term that could act as a compact-IRI prefix (jsonld's expandIri).
 */
function keptVerbatim(value: string, terms: ReadonlySet<string>): boolean {
  if (!ABSOLUTE_IRI.test(value)) return false;
  const colon = value.indexOf(':');
  const prefix = value.slice(0, colon);
  if (prefix === '_' || terms.has(value)) return false;
  return !terms.has(prefix) || value.startsWith('//', colon + 1);
}

function sha256(text: string): Buffer {
  return hash('sha256', text, 'buffer');
}

/** @digitalbazaar/data-integrity util.w3cDate. */
function w3cDate(date: Date): string {
  return date.toISOString().slice(0, -5) + 'Z';
}

/** As in data-integrity.ts: the DID (or URL) before `#` controls the verification method. */
function controllerOf(verificationMethodId: string): string {
  const hashAt = verificationMethodId.indexOf('#');
  return hashAt === -1 ? verificationMethodId : verificationMethodId.slice(0, hashAt);
}
