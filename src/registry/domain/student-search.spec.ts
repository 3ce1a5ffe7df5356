import { formatStudentNumber } from './student-number.js';
import { decodeCursor, encodeCursor, normaliseStudentNumberPrefix, prefixPattern } from './student-search.js';

const position = { scopePath: '/000000/330000/330100/330106/3330106001/', studentNumber: formatStudentNumber('33', 2024, 1) };

describe('keyset cursor', () => {
  it('reads back the position it was made from', () => {
    expect(decodeCursor(encodeCursor(position))).toEqual(position);
  });

  it('is URL-safe text that shows no path or number in clear', () => {
    const cursor = encodeCursor(position);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(cursor).not.toContain('330106');
  });

  it.each([
    ['empty', ''],
    ['not base64url', 'abc$%'],
    ['a bare student number (the old form)', formatStudentNumber('33', 2024, 1)],
    ['another version', Buffer.from(`k0|${position.scopePath}|${position.studentNumber}`).toString('base64url')],
    ['a path that is not an organisation path', Buffer.from(`k1|/etc/|${position.studentNumber}`).toString('base64url')],
    ['a number that is not a student number', Buffer.from(`k1|${position.scopePath}|S1`).toString('base64url')],
    ['an extra part', Buffer.from(`k1|${position.scopePath}|${position.studentNumber}|x`).toString('base64url')],
    ['too long', 'A'.repeat(201)],
  ])('refuses %s', (_case, cursor) => {
    expect(decodeCursor(cursor)).toBeNull();
  });
});

describe('prefix patterns', () => {
  it.each([
    ['张', '张%'],
    ['S3320', 'S3320%'],
    ['a%b_c\\', 'a\\%b\\_c\\\\%'],
  ])('%s matches what starts with it, wildcards literal', (prefix, pattern) => {
    expect(prefixPattern(prefix)).toBe(pattern);
  });

  it('normalises a typed student number', () => {
    expect(normaliseStudentNumberPrefix(' s33 2024 0000x ')).toBe('S3320240000X');
  });
});
