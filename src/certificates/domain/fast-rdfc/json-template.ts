import { randomBytes } from 'node:crypto';
import { readShape } from './shape.js';
import { SlotMemo, slotMemo } from './slot-memo.js';

/**
 * A shape's JSON text (as JSON.stringify writes it) cut at its string slots, without the final
 * `}`: a document of the shape is `parts[0] + JSON.stringify(values[0]) + parts[1] + … + '}'`.
 * Everything but the slot strings is in the shape key (keys and their order, numbers, booleans,
 * null, structural strings), so the constant text is the same for every document of the shape.
 */
export interface JsonTemplate {
  parts: string[];
}

/**
 * The JSON template of `document`'s shape; null when the document is not plain JSON, has no
 * members, or the template does not give back its own JSON.stringify text exactly.
 */
export function jsonTemplate(document: object): JsonTemplate | null {
  const reading = readShape(document);
  if (!reading) return null;
  const nonce = randomBytes(8).toString('hex');
  const sentinels = reading.values.map((_, index) => JSON.stringify(`urn:x-json-${nonce}:${index}_`));
  const withSentinels = readShape(document, sentinels.map((quoted) => JSON.parse(quoted) as string));
  if (!withSentinels) return null;
  const text = JSON.stringify(withSentinels.copy);
  if (!text.endsWith('}') || text === '{}') return null;
  const parts: string[] = [];
  let at = 0;
  for (const sentinel of sentinels) {
    const found = text.indexOf(sentinel, at);
    if (found === -1) return null;
    parts.push(text.slice(at, found));
    at = found + sentinel.length;
  }
  parts.push(text.slice(at, -1));
  const template = { parts };
  return fillJson(template, reading.values) + '}' === JSON.stringify(reading.copy) ? template : null;
}

/** Per template, each slot's JSON text from the fills before (slot-memo.ts). */
const quotedBefore = new WeakMap<JsonTemplate, SlotMemo<string>>();
const quote = (value: string) => JSON.stringify(value);

/** The document's JSON text without its final `}`, for these slot values. */
export function fillJson(template: JsonTemplate, values: readonly string[]): string {
  const { parts } = template;
  const memo = slotMemo(quotedBefore, template, values.length);
  let text = parts[0];
  for (let i = 0; i < values.length; i++) text += memo.of(i, values[i], quote) + parts[i + 1];
  return text;
}
