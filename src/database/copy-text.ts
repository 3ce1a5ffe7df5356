/**
 * PostgreSQL's COPY text format, for the bulk writers (an import's students and periods, a
 * batch's certificates): a value escaped so that it stays one column of one line.
 */
const SPECIAL = /[\\\t\n\r]/;
const SPECIAL_ALL = /[\\\t\n\r]/g;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** A text value with its backslashes, tabs and line breaks escaped. */
export function copyText(value: string): string {
  return SPECIAL.test(value) ? value.replace(SPECIAL_ALL, (c) => ESCAPES[c]) : value;
}

/** A nullable text column: `\N` for null, else the escaped text. */
export function copyField(value: string | null): string {
  return value === null ? '\\N' : copyText(value);
}
