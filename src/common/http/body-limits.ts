/**
 * The request limits on JSON documents, as pure functions: the global interceptor applies them to
 * request bodies, the verification form to the credential pasted into it (one string to the
 * interceptor, however many values it holds).
 */

/** No credential, record or request this service takes nests anywhere near this deep. */
export const MAX_BODY_DEPTH = 64;
/**
 * Values (objects, arrays, scalars) a verification request may hold. Canonicalising a document
 * costs far more than its bytes suggest: a real certificate has about a hundred values, a
 * presentation of ten credentials about a thousand, while a certificate whose subject holds
 * 16,000 small objects kept a core busy for 15 s. Verification is public; this bounds its work.
 */
export const MAX_VERIFY_VALUES = 2_000;

/** Which verification limit `value` breaks, if any: deeper than MAX_BODY_DEPTH, or more than MAX_VERIFY_VALUES values. */
export function verifyLimitBroken(value: unknown): 'depth' | 'values' | null {
  if (depthExceeds(value, MAX_BODY_DEPTH)) return 'depth';
  return valuesExceed(value, MAX_VERIFY_VALUES) ? 'values' : null;
}

/** Whether `value` holds more than `limit` values in all (iteratively, stopping at the limit). */
export function valuesExceed(value: unknown, limit: number): boolean {
  const stack: unknown[] = [value];
  let count = 0;
  while (stack.length > 0) {
    const current = stack.pop();
    if (++count > limit) return true;
    if (typeof current !== 'object' || current === null) continue;
    // One by one, not push(...children): a 1 MB body holds arrays of 500,000 values, past what a spread may pass.
    for (const child of Array.isArray(current) ? current : Object.values(current)) {
      if (count + stack.length >= limit) return true;
      stack.push(child);
    }
  }
  return false;
}

export function depthExceeds(value: unknown, limit: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop()!;
    // An uploaded file (a raw body) is bytes, not a document: nothing in it nests.
    if (typeof current !== 'object' || current === null || ArrayBuffer.isView(current)) continue;
    if (depth >= limit) return true;
    for (const child of Array.isArray(current) ? current : Object.values(current)) {
      if (typeof child === 'object' && child !== null) stack.push([child, depth + 1]);
    }
  }
  return false;
}
