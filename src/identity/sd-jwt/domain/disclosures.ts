import { createHash } from 'node:crypto';
import { isPlainObject, parseBase64urlJson } from './es256.js';

/**
 * Replaces the digests of an Issuer-signed payload by the presented disclosures, following
 * RFC 9901 (SD-JWT) §7.1 steps 3–5, and reports every rule broken instead of stopping at the
 * first. Unlike @sd-jwt/core 0.19, a disclosure no digest refers to is an error here: it is
 * an altered disclosure (or one from another credential), and ignoring it would let a
 * verifier believe a claim was checked when it was not.
 */

export type DisclosureProblemCode =
  | 'DISCLOSURE_MALFORMED'
  | 'DISCLOSURE_ALTERED'
  | 'DISCLOSURE_DUPLICATED'
  | 'DIGEST_DUPLICATED'
  | 'DISCLOSURE_CLAIM_CONFLICT';

export interface DisclosureProblem {
  code: DisclosureProblemCode;
  detail: string;
}

interface Disclosure {
  position: number;
  name?: string;
  value: unknown;
}

const MAX_DEPTH = 32;
const RESERVED_NAMES = new Set(['_sd', '...', '_sd_alg']);

/** The digest of a disclosure as presented (base64url of SHA-256 over its ASCII text). */
export function disclosureDigest(encoded: string): string {
  return createHash('sha256').update(encoded, 'ascii').digest('base64url');
}

/** `notDisclosable`: top-level claims that must come from the signed payload itself (SD-JWT VC: iss, exp, cnf…). */
export function resolveDisclosures(
  payload: Record<string, unknown>,
  encodedDisclosures: readonly string[],
  notDisclosable: ReadonlySet<string> = new Set(),
): { claims: Record<string, unknown>; problems: DisclosureProblem[] } {
  const resolver = new DisclosureResolver(encodedDisclosures, notDisclosable);
  const claims = resolver.visitObject(payload, '', 0);
  delete claims._sd_alg;
  resolver.reportUnused();
  return { claims, problems: resolver.problems };
}

class DisclosureResolver {
  readonly problems: DisclosureProblem[] = [];
  private readonly byDigest = new Map<string, Disclosure>();
  private readonly seenDigests = new Set<string>();
  private readonly used = new Set<Disclosure>();

  constructor(
    encodedDisclosures: readonly string[],
    private readonly notDisclosable: ReadonlySet<string>,
  ) {
    encodedDisclosures.forEach((encoded, index) => {
      const disclosure = decodeDisclosure(encoded, index + 1);
      if ('code' in disclosure) return void this.problems.push(disclosure);
      const digest = disclosureDigest(encoded);
      if (this.byDigest.has(digest)) return this.report('DISCLOSURE_DUPLICATED', `disclosure ${index + 1} is presented twice`);
      this.byDigest.set(digest, disclosure);
    });
  }

  visitObject(object: Record<string, unknown>, path: string, depth: number): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [key, member] of Object.entries(object)) {
      if (key !== '_sd') out[key] = this.visit(member, join(path, key), depth + 1);
    }
    if (object._sd === undefined) return out;
    const where = `_sd of ${path || 'the payload'}`;
    if (!Array.isArray(object._sd)) {
      this.report('DISCLOSURE_MALFORMED', `${where} is not an array`);
      return out;
    }
    for (const digest of object._sd) {
      const disclosure = this.take(digest, where);
      if (disclosure && this.canPlace(disclosure, out, path)) {
        out[disclosure.name!] = this.visit(disclosure.value, join(path, disclosure.name!), depth + 1);
      }
    }
    return out;
  }

  /** RFC 9901 §7.1 step 5: a disclosure no digest refers to makes the whole SD-JWT invalid. */
  reportUnused(): void {
    for (const disclosure of this.byDigest.values()) {
      if (this.used.has(disclosure)) continue;
      this.report(
        'DISCLOSURE_ALTERED',
        `disclosure ${disclosure.position} matches no digest in the credential: it was altered or belongs to another credential`,
      );
    }
  }

  private visit(value: unknown, path: string, depth: number): unknown {
    if (depth > MAX_DEPTH) {
      this.report('DISCLOSURE_MALFORMED', `claims nest deeper than ${MAX_DEPTH} levels`);
      return undefined;
    }
    if (Array.isArray(value)) return this.visitArray(value, path, depth);
    if (isPlainObject(value)) return this.visitObject(value, path, depth);
    return value;
  }

  private visitArray(array: unknown[], path: string, depth: number): unknown[] {
    const out: unknown[] = [];
    for (const element of array) {
      if (!isArrayDigest(element)) {
        out.push(this.visit(element, `${path}[]`, depth + 1));
        continue;
      }
      const disclosure = this.take(element['...'], `${path || 'payload'}[]`);
      if (!disclosure) continue;
      if (disclosure.name === undefined) out.push(this.visit(disclosure.value, `${path}[]`, depth + 1));
      else this.report('DISCLOSURE_MALFORMED', `disclosure ${disclosure.position} names a claim but stands for an array element`);
    }
    return out;
  }

  private canPlace({ name, position }: Disclosure, out: Record<string, unknown>, path: string): boolean {
    if (name === undefined) {
      this.report('DISCLOSURE_MALFORMED', `disclosure ${position} stands for an array element but is referenced from _sd`);
    } else if (path === '' && this.notDisclosable.has(name)) {
      this.report('DISCLOSURE_MALFORMED', `disclosure ${position} discloses ${name}, which may not be selectively disclosed`);
    } else if (Object.hasOwn(out, name)) {
      this.report('DISCLOSURE_CLAIM_CONFLICT', `disclosure ${position} discloses ${join(path, name)}, which is already present`);
    } else {
      return true;
    }
    return false;
  }

  /** Each digest may occur once in the whole payload, disclosed or not (decoys included). */
  private take(digest: unknown, where: string): Disclosure | undefined {
    if (typeof digest !== 'string') {
      this.report('DISCLOSURE_MALFORMED', `a digest in ${where} is not a string`);
      return undefined;
    }
    if (this.seenDigests.has(digest)) {
      this.report('DIGEST_DUPLICATED', `a digest occurs more than once (${where})`);
      return undefined;
    }
    this.seenDigests.add(digest);
    const disclosure = this.byDigest.get(digest);
    if (disclosure) this.used.add(disclosure);
    return disclosure;
  }

  private report(code: DisclosureProblemCode, detail: string): void {
    this.problems.push({ code, detail });
  }
}

function decodeDisclosure(encoded: string, position: number): Disclosure | DisclosureProblem {
  const malformed = (why: string): DisclosureProblem => ({
    code: 'DISCLOSURE_MALFORMED',
    detail: `disclosure ${position} ${why}`,
  });
  const decoded = parseBase64urlJson(encoded);
  if (!Array.isArray(decoded)) return malformed('is not a base64url-encoded JSON array');
  if (typeof decoded[0] !== 'string') return malformed('has no salt');
  if (decoded.length === 2) return { position, value: decoded[1] };
  if (decoded.length !== 3) return malformed('must have two or three elements');
  const [, name, value] = decoded;
  if (typeof name !== 'string') return malformed('has a claim name that is not a string');
  if (RESERVED_NAMES.has(name)) return malformed(`may not disclose the reserved name ${name}`);
  return { position, name, value };
}

function isArrayDigest(element: unknown): element is { '...': unknown } {
  return isPlainObject(element) && Object.keys(element).length === 1 && Object.hasOwn(element, '...');
}

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}
