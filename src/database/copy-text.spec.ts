import { copyField, CopyLines, copyText } from './copy-text.js';

describe('COPY text format', () => {
  it('escapes backslashes, tabs and line breaks, and leaves other text as it is', () => {
    expect(copyText('张三 (1)')).toBe('张三 (1)');
    expect(copyText('a\\b\tc\nd\re')).toBe('a\\\\b\\tc\\nd\\re');
  });

  it('writes null as \\N', () => {
    expect(copyField(null)).toBe('\\N');
    expect(copyField('\\N')).toBe('\\\\N');
  });
});

describe('CopyLines (COPY lines encoded as they are added)', () => {
  it('holds the UTF-8 bytes of the lines in order, as one buffer', () => {
    const lines = new CopyLines(16);
    lines.add('学生\t1\n');
    lines.add('abc\t\\N\n');

    expect(lines.bytes().toString('utf8')).toBe('学生\t1\nabc\t\\N\n');
  });

  it('grows past its first size, keeping what it held, for text of 1–4 bytes a character', () => {
    const lines = new CopyLines(4);
    const text = ['a', 'é', '学', '𠀀'].map((c) => c.repeat(1000) + '\n');
    for (const t of text) lines.add(t);

    const bytes = lines.bytes();
    expect(bytes.toString('utf8')).toBe(text.join(''));
    expect(bytes.length).toBe(Buffer.byteLength(text.join('')));
  });

  it('answers its bytes once: a later add starts a new block instead of writing over the answered one', () => {
    const lines = new CopyLines(64);
    lines.add('first\n');
    const first = lines.bytes();
    lines.add('second\n');

    expect(first.toString()).toBe('first\n');
    expect(lines.bytes().toString()).toBe('second\n');
  });
});
