/**
 * Canonical N-Quads text as `rdf-canonize` 5 writes it, for documents whose blank-node labels
 * do not depend on the values (at most one blank node: it is always `_:c14n0`).
 *
 * A template is the stock canonical output of a document whose value slots held sentinels,
 * cut at every sentinel. Filling it is string work only: escape each value as rdf-canonize
 * does, rebuild the lines, sort them by UTF-16 code unit and drop duplicate lines (two slots
 * holding the same value can make two lines equal; the stock path stores quads as a set).
 */

import { SlotMemo, slotMemo } from './slot-memo.js';

export type SlotKind = 'literal' | 'iri';

export interface LineTemplate {
  /** Constant text around the slots: `parts.length === slots.length + 1`. */
  parts: string[];
  slots: number[];
}

export interface NQuadsTemplate {
  lines: LineTemplate[];
  /** How each slot is written: inside a literal's quotes, or inside `<…>`. */
  slotKinds: SlotKind[];
}

// rdf-canonize NQuads.js: _stringLiteralEscapeRegex and _iriEscapeRegex with their maps.
const LITERAL_ESCAPES = /[\u0000-\u001F\u007F"\\]/;
const LITERAL_ESCAPES_GLOBAL = /[\u0000-\u001F\u007F"\\]/g;
const IRI_ESCAPES = /[\u0000-\u0020<>"{}|^`\\]/;
const IRI_ESCAPES_GLOBAL = /[\u0000-\u0020<>"{}|^`\\]/g;
const SHORT_ESCAPES: Record<string, string> = { '\b': '\\b', '\t': '\\t', '\n': '\\n', '\f': '\\f', '\r': '\\r', '"': '\\"', '\\': '\\\\' };

function unicodeEscape(char: string): string {
  return '\\u' + char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
}

export function escapeLiteral(value: string): string {
  if (!LITERAL_ESCAPES.test(value)) return value;
  return value.replace(LITERAL_ESCAPES_GLOBAL, (char) => SHORT_ESCAPES[char] ?? unicodeEscape(char));
}

export function escapeIri(value: string): string {
  if (!IRI_ESCAPES.test(value)) return value;
  return value.replace(IRI_ESCAPES_GLOBAL, unicodeEscape);
}

/**
 * The line order the last fill of a template sorted into. Certificates of one shape nearly
 * always sort the same way, so a fill first checks that order (one comparison per line) and
 * sorts only when a pair is out of order: the text is the same as sorting every time.
 */
const lastOrder = new WeakMap<NQuadsTemplate, number[]>();

/** Per template, each slot's escaped text (slot-memo.ts) and each line's text from the last fill. */
const escapedBefore = new WeakMap<NQuadsTemplate, SlotMemo<string>>();
const linesBefore = new WeakMap<NQuadsTemplate, Array<string | undefined>>();

/**
 * The canonical N-Quads for these slot values: sorted, without duplicate lines. A line whose
 * values are all the previous fill's keeps its text (a batch repeats most of them).
 */
export function fillTemplate(template: NQuadsTemplate, values: readonly string[]): string {
  const { lines, slotKinds } = template;
  const memo = slotMemo(escapedBefore, template, values.length);
  const escaped = new Array<string>(values.length);
  for (let i = 0; i < values.length; i++) escaped[i] = memo.of(i, values[i], slotKinds[i] === 'iri' ? escapeIri : escapeLiteral);
  let filled = linesBefore.get(template);
  if (!filled || filled.length !== lines.length) linesBefore.set(template, (filled = new Array<string | undefined>(lines.length).fill(undefined)));
  for (let l = 0; l < lines.length; l++) {
    const { parts, slots } = lines[l];
    if (filled[l] !== undefined && !slots.some((slot) => memo.changed[slot] === 1)) continue;
    let line = parts[0];
    for (let s = 0; s < slots.length; s++) line += escaped[slots[s]] + parts[s + 1];
    filled[l] = line;
  }
  const texts = filled as string[];
  let order = lastOrder.get(template);
  if (!order || !inOrder(texts, order)) {
    order = texts.map((_, l) => l).sort((a, b) => (texts[a] < texts[b] ? -1 : texts[a] > texts[b] ? 1 : 0));
    lastOrder.set(template, order);
  }
  let text = '';
  let previous: string | undefined;
  for (const l of order) {
    const line = texts[l];
    if (line !== previous) text += line;
    previous = line;
  }
  return text;
}

/** Whether `order` lists the lines in ascending UTF-16 code unit order (equal neighbours allowed). */
function inOrder(lines: readonly string[], order: readonly number[]): boolean {
  for (let k = 1; k < order.length; k++) if (lines[order[k - 1]] > lines[order[k]]) return false;
  return true;
}

/**
 * Cuts canonical N-Quads at the sentinels. Null when the output does not have the form a
 * template needs: more than one blank node, a sentinel that is not exactly a whole literal or a
 * whole IRI (e.g. prefixed by @vocab, used as a datatype, embedded in a JSON literal), a slot
 * missing from the output or written in two ways.
 */
export function templateFromCanonical(canonical: string, sentinels: readonly string[]): NQuadsTemplate | null {
  const slotOf = new Map(sentinels.map((sentinel, index) => [sentinel, index]));
  const slotKinds = Array.from<SlotKind | undefined>({ length: sentinels.length });
  const lines: LineTemplate[] = [];
  const texts = splitLines(canonical);
  if (!texts) return null;
  for (const text of texts) {
    const terms = splitTerms(text);
    if (!terms) return null;
    const parts: string[] = [];
    const slots: number[] = [];
    let pending = '';
    for (const [position, term] of terms.entries()) {
      if (term.startsWith('_:') && term !== '_:c14n0') return null;
      const slot = sentinelIn(term, slotOf);
      if (slot === null) return null;
      if (slot === 'none') {
        pending += term + (position < terms.length - 1 ? ' ' : '');
        continue;
      }
      if (slot.kind === 'iri' && position === 1) return null; // a value as predicate: nothing a template should meet
      if (slotKinds[slot.index] !== undefined && slotKinds[slot.index] !== slot.kind) return null;
      slotKinds[slot.index] = slot.kind;
      parts.push(pending + slot.before);
      slots.push(slot.index);
      pending = slot.after + (position < terms.length - 1 ? ' ' : '');
    }
    parts.push(pending + ' .\n');
    lines.push({ parts, slots });
  }
  if (slotKinds.some((kind) => kind === undefined)) return null;
  return { lines, slotKinds: slotKinds as SlotKind[] };
}

function splitLines(canonical: string): string[] | null {
  if (canonical === '') return [];
  return canonical.endsWith(' .\n') ? canonical.slice(0, -3).split(' .\n') : null;
}

/** The terms of one line (without its final " ."): IRIs, blank nodes, literals with datatype or language. */
function splitTerms(line: string): string[] | null {
  const terms: string[] = [];
  let at = 0;
  while (at < line.length) {
    let end: number;
    if (line[at] === '<') {
      end = line.indexOf('>', at) + 1;
    } else if (line.startsWith('_:', at)) {
      end = line.indexOf(' ', at);
      if (end === -1) end = line.length;
    } else if (line[at] === '"') {
      end = at + 1;
      while (end < line.length && line[end] !== '"') end += line[end] === '\\' ? 2 : 1;
      end += 1;
      if (line.startsWith('^^<', end)) end = line.indexOf('>', end) + 1;
      else if (line[end] === '@') while (end < line.length && line[end] !== ' ') end++;
    } else {
      return null;
    }
    if (end <= at || end > line.length) return null;
    terms.push(line.slice(at, end));
    if (end < line.length && line[end] !== ' ') return null;
    at = end + 1;
  }
  return terms.length >= 3 && terms.length <= 4 ? terms : null;
}

type SentinelUse = 'none' | { index: number; kind: SlotKind; before: string; after: string };

const SENTINEL_SHAPE = /urn:x-tpl-[0-9a-f]+:\d+_/g;

/** Whether the term carries a sentinel, and then whether it is exactly a whole IRI or literal. */
function sentinelIn(term: string, slotOf: Map<string, number>): SentinelUse | null {
  const found = term.match(SENTINEL_SHAPE)?.filter((candidate) => slotOf.has(candidate)) ?? [];
  if (found.length === 0) return 'none';
  const [sentinel] = found;
  const index = slotOf.get(sentinel)!;
  if (found.length === 1 && term === `<${sentinel}>`) return { index, kind: 'iri', before: '<', after: '>' };
  if (found.length === 1 && term.startsWith(`"${sentinel}"`)) {
    const tail = term.slice(sentinel.length + 2);
    if (tail === '' || tail.startsWith('@') || tail.startsWith('^^<')) return { index, kind: 'literal', before: '"', after: '"' + tail };
  }
  return null;
}
