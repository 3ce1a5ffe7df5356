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

/**
 * COPY lines encoded as UTF-8 as they are made, into one growing buffer, for a block of rows sent
 * as one write. Joining the lines as strings first and letting the socket encode the result cost
 * ~3× as much (4.1 against 1.2 µs a student row, in a microbenchmark): the join flattens every
 * line's concatenation, then the encoding walks the whole block again.
 */
export class CopyLines {
  private buffer: Buffer;
  private used = 0;

  constructor(expectedBytes: number) {
    this.buffer = Buffer.allocUnsafe(expectedBytes);
  }

  add(text: string): void {
    // A UTF-16 code unit takes at most 3 bytes of UTF-8 (a surrogate pair: 4 bytes for 2 units).
    const most = text.length * 3;
    if (this.used + most > this.buffer.length) {
      const bigger = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.used + most));
      this.buffer.copy(bigger, 0, 0, this.used);
      this.buffer = bigger;
    }
    this.used += this.buffer.write(text, this.used, 'utf8');
  }

  /** The bytes written so far (a view of the buffer, which no later add reuses once taken). */
  bytes(): Buffer {
    const bytes = this.buffer.subarray(0, this.used);
    this.buffer = Buffer.alloc(0);
    this.used = 0;
    return bytes;
  }
}
