/**
 * The shape of a JSON-LD document: what decides its RDF structure, as opposed to the values
 * carried in that structure. Two documents of one shape differ only in their value slots, so
 * one canonical N-Quads template serves both.
 *
 * Kept literally in the shape key: object keys and their order, array lengths, numbers,
 * booleans, null, and the whole value of keys that steer JSON-LD processing (`@context`, types,
 * language, direction, index, base, vocab). Every other string is a slot. Booleans and numbers
 * stay literal because their RDF form (`"true"^^xsd:boolean`, `1.5E0`) depends on the value.
 */

const STRUCTURAL_KEYS = new Set(['@context', 'type', '@type', '@language', '@direction', '@index', '@base', '@vocab', '@version']);

export interface ShapeReading {
  /** Equal keys ⇔ equal structure. */
  key: string;
  /** The slot values in document order. */
  values: string[];
  /** A deep copy of the document (with the slots replaced, when replacements were given). */
  copy: Record<string, unknown>;
}

interface WalkState {
  key: string;
  values: string[];
  replacements: readonly string[] | undefined;
  /** False: read the key and values only (no copy is built). */
  copying: boolean;
}

const UNSUPPORTED = Symbol('unsupported');

/**
 * Null when the document holds anything but plain JSON (class instances, undefined, sparse
 * arrays, a `__proto__` key): such documents are left to the stock path.
 */
export function readShape(document: object, replacements?: readonly string[]): ShapeReading | null {
  const state: WalkState = { key: '', values: [], replacements, copying: true };
  try {
    const copy = walk(document, false, state);
    if (typeof copy !== 'object' || copy === null || Array.isArray(copy)) return null;
    return { key: state.key, values: state.values, copy: copy as Record<string, unknown> };
  } catch (error) {
    if (error === UNSUPPORTED) return null;
    throw error;
  }
}

/**
 * readShape's key and values without the copy, for a caller that reads the document and is done
 * with it before anything else runs (no await in between): the same key, the same values.
 */
export function readShapeOnly(document: object): Omit<ShapeReading, 'copy'> | null {
  if (typeof document !== 'object' || document === null || Array.isArray(document)) return null;
  const state: WalkState = { key: '', values: [], replacements: undefined, copying: false };
  try {
    walk(document, false, state);
    return { key: state.key, values: state.values };
  } catch (error) {
    if (error === UNSUPPORTED) return null;
    throw error;
  }
}

/**
 * Object keys (with their colon) and structural values as they enter a shape key, JSON-quoted
 * once per distinct text: documents of one shape repeat them all.
 */
const quotedKeys = new Map<string, string>();
const quotedValues = new Map<string, string>();
const MAX_QUOTED = 4096;

function quoted(cache: Map<string, string>, text: string, suffix: string): string {
  let json = cache.get(text);
  if (json === undefined) {
    json = JSON.stringify(text) + suffix;
    if (cache.size < MAX_QUOTED) cache.set(text, json);
  }
  return json;
}

function walk(value: unknown, structural: boolean, state: WalkState): unknown {
  switch (typeof value) {
    case 'string': {
      if (structural) {
        state.key += quoted(quotedValues, value, '');
        return value;
      }
      state.key += '$';
      const index = state.values.push(value) - 1;
      return state.replacements ? state.replacements[index] : value;
    }
    case 'number':
      state.key += Object.is(value, -0) ? 'n-0' : 'n' + value;
      return value;
    case 'boolean':
      state.key += value ? 't' : 'f';
      return value;
    case 'object':
      if (value === null) {
        state.key += 'z';
        return null;
      }
      return Array.isArray(value) ? walkArray(value, structural, state) : walkObject(value, structural, state);
    default:
      throw UNSUPPORTED;
  }
}

function walkArray(array: unknown[], structural: boolean, state: WalkState): unknown[] | undefined {
  state.key += '[';
  const copy = state.copying ? new Array<unknown>(array.length) : undefined;
  for (let i = 0; i < array.length; i++) {
    const value = walk(array[i], structural, state);
    if (copy) copy[i] = value;
    state.key += ',';
  }
  state.key += ']';
  return copy;
}

function walkObject(object: object, structural: boolean, state: WalkState): Record<string, unknown> | undefined {
  // Plain objects only, from any realm (structuredClone's output, a vm context): the prototype is Object.prototype or null.
  const prototype = Object.getPrototypeOf(object);
  if (prototype !== null && Object.getPrototypeOf(prototype) !== null) throw UNSUPPORTED;
  state.key += '{';
  const copy: Record<string, unknown> | undefined = state.copying ? {} : undefined;
  for (const key of Object.keys(object)) {
    if (key === '__proto__') throw UNSUPPORTED;
    state.key += quoted(quotedKeys, key, ':');
    const value = walk((object as Record<string, unknown>)[key], structural || STRUCTURAL_KEYS.has(key), state);
    if (copy) copy[key] = value;
    state.key += ',';
  }
  state.key += '}';
  return copy;
}
