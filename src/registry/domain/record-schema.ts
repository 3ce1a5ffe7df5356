/**
 * Non-basic record information (第三条): each province decides its own fields, a small
 * declarative list, and every record of its schools is validated against it. Pure.
 */
import { isCalendarDate } from './resident-id.js';

export const EXTRA_FIELD_TYPES = ['string', 'number', 'date', 'enum', 'boolean'] as const;
export type ExtraFieldType = (typeof EXTRA_FIELD_TYPES)[number];

export interface ExtraFieldDefinition {
  /** The key in a record's `extra`: a lower camel-case identifier. */
  name: string;
  /** What a console shows (e.g. 是否留守儿童). */
  label?: string;
  type: ExtraFieldType;
  required: boolean;
  /** Enum only: the allowed values. */
  values?: string[];
  /** String only: the longest value, in characters. */
  maxLength?: number;
}

export type ExtraValue = string | number | boolean;

export interface SchemaProblem {
  field: string;
  message: string;
}

export const FIELD_NAME = /^[a-z][A-Za-z0-9]{0,39}$/;
export const MAX_FIELDS = 100;
export const DEFAULT_MAX_LENGTH = 200;

/** The rules of a schema that its fields' shapes alone cannot state; problems name `fields.<i>.<part>`. */
export function schemaProblems(fields: readonly ExtraFieldDefinition[]): SchemaProblem[] {
  const problems: SchemaProblem[] = [];
  if (fields.length > MAX_FIELDS) problems.push({ field: 'fields', message: `a province defines at most ${MAX_FIELDS} fields` });
  const seen = new Set<string>();
  fields.forEach((f, i) => {
    const at = (part: string) => `fields.${i}.${part}`;
    if (!FIELD_NAME.test(f.name)) problems.push({ field: at('name'), message: 'must be a lower camel-case identifier of at most 40 letters and digits' });
    if (seen.has(f.name)) problems.push({ field: at('name'), message: 'is already the name of another field' });
    seen.add(f.name);
    if (f.type === 'enum') {
      if (!f.values || f.values.length === 0) problems.push({ field: at('values'), message: 'an enum field lists its values' });
      else if (new Set(f.values).size !== f.values.length) problems.push({ field: at('values'), message: 'lists a value twice' });
    } else if (f.values !== undefined) {
      problems.push({ field: at('values'), message: 'only an enum field has values' });
    }
    if (f.type !== 'string' && f.maxLength !== undefined) problems.push({ field: at('maxLength'), message: 'only a string field has a maximum length' });
  });
  return problems;
}

/**
 * A record's non-basic fields against its province's schema: unknown fields, missing required
 * ones and values of the wrong type or outside the field's rule, each named `extra.<field>`.
 */
export function extraProblems(fields: readonly ExtraFieldDefinition[], extra: Readonly<Record<string, unknown>>): SchemaProblem[] {
  const byName = new Map(fields.map((f) => [f.name, f]));
  const problems: SchemaProblem[] = [];
  for (const key of Object.keys(extra)) {
    if (!byName.has(key)) problems.push({ field: `extra.${key}`, message: "is not a field of the province's record schema" });
  }
  for (const f of fields) {
    const value = Object.hasOwn(extra, f.name) ? extra[f.name] : undefined;
    if (value === undefined || value === null) {
      if (f.required) problems.push({ field: `extra.${f.name}`, message: 'is required by the province' });
      continue;
    }
    const problem = valueProblem(f, value);
    if (problem) problems.push({ field: `extra.${f.name}`, message: problem });
  }
  return problems;
}

function valueProblem(f: ExtraFieldDefinition, value: unknown): string | null {
  switch (f.type) {
    case 'string': {
      if (typeof value !== 'string') return 'must be text';
      const max = f.maxLength ?? DEFAULT_MAX_LENGTH;
      if (Array.from(value).length > max) return `must be at most ${max} characters`;
      return /[\p{Cc}\p{Cf}]/u.test(value) ? 'must not contain control characters or invisible format characters' : null;
    }
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? null : 'must be a number';
    case 'boolean':
      return typeof value === 'boolean' ? null : 'must be true or false';
    case 'date':
      return typeof value === 'string' && isCalendarDate(value) ? null : 'must be a date in the form YYYY-MM-DD';
    case 'enum':
      return typeof value === 'string' && (f.values ?? []).includes(value) ? null : `must be one of: ${(f.values ?? []).join(', ')}`;
  }
}

/** `extra` after a partial update: given fields set, null ones removed (own properties only, whatever their names). */
export function mergeExtra(current: Readonly<Record<string, unknown>>, patch: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const next = new Map(Object.entries(current));
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) next.delete(key);
    else next.set(key, value);
  }
  return Object.fromEntries(next);
}
