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
const UNSUPPORTED = Symbol('unsupported');
/**
 * Null when the document holds anything but plain JSON (class instances, undefined, sparse
 * arrays, a `__proto__` key): such documents are left to the stock path.
 */
export function readShape(document, replacements) {
    const state = { key: '', values: [], replacements };
    try {
        const copy = walk(document, false, state);
        if (typeof copy !== 'object' || copy === null || Array.isArray(copy))
            return null;
        return { key: state.key, values: state.values, copy: copy };
    }
    catch (error) {
        if (error === UNSUPPORTED)
            return null;
        throw error;
    }
}
function walk(value, structural, state) {
    switch (typeof value) {
        case 'string': {
            if (structural) {
                state.key += JSON.stringify(value);
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
function walkArray(array, structural, state) {
    state.key += '[';
    const copy = new Array(array.length);
    for (let i = 0; i < array.length; i++) {
        copy[i] = walk(array[i], structural, state);
        state.key += ',';
    }
    state.key += ']';
    return copy;
}
function walkObject(object, structural, state) {
    // Plain objects only, from any realm (structuredClone's output, a vm context): the prototype is Object.prototype or null.
    const prototype = Object.getPrototypeOf(object);
    if (prototype !== null && Object.getPrototypeOf(prototype) !== null)
        throw UNSUPPORTED;
    state.key += '{';
    const copy = {};
    for (const key of Object.keys(object)) {
        if (key === '__proto__')
            throw UNSUPPORTED;
        state.key += JSON.stringify(key) + ':';
        copy[key] = walk(object[key], structural || STRUCTURAL_KEYS.has(key), state);
        state.key += ',';
    }
    state.key += '}';
    return copy;
}
//# sourceMappingURL=shape.js.map