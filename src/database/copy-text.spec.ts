import { copyField, copyText } from './copy-text.js';

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
