import { base64DecodedSize, checkEncodedSize, checkMaterial, isBase64, MAX_MATERIAL_BYTES, mayAddMaterial, type MaterialMediaType } from './request-materials.js';

const PDF = Buffer.from('%PDF-1.7\n...');
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]);
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0]);

describe('request materials', () => {
  const parties = { status: 'open', submittedPath: '/86/33/3301/330106/3330106001/', stepActorPaths: ['/86/33/3301/330106/'] };
  it.each<[string, typeof parties, string, string | null]>([
    ["the submitter's organisation", parties, '/86/33/3301/330106/3330106001/', null],
    ['the organisation of a step', parties, '/86/33/3301/330106/', null],
    ['the authority above (sees, does not add)', parties, '/86/33/3301/', 'NOT_A_PARTY'],
    ['a closed request', { ...parties, status: 'approved' }, '/86/33/3301/330106/3330106001/', 'REQUEST_CLOSED'],
  ])('adding: %s', (_case, request, path, expected) => {
    expect(mayAddMaterial(request, path)?.code ?? null).toBe(expected);
  });

  it.each<[string, string, MaterialMediaType, Buffer, string | null]>([
    ['a PDF', '申请表.pdf', 'application/pdf', PDF, null],
    ['a PNG', 'scan.png', 'image/png', PNG, null],
    ['a JPEG', 'scan.jpg', 'image/jpeg', JPEG, null],
    ['a PNG sent as a PDF', 'scan.pdf', 'application/pdf', PNG, 'MEDIA_TYPE_MISMATCH@mediaType'],
    ['an HTML page sent as a JPEG', 'x.jpg', 'image/jpeg', Buffer.from('<html>'), 'MEDIA_TYPE_MISMATCH@mediaType'],
    ['an empty file', 'x.pdf', 'application/pdf', Buffer.alloc(0), 'EMPTY_FILE@contentBase64'],
    ['a file over 5 MB', 'x.pdf', 'application/pdf', Buffer.concat([PDF, Buffer.alloc(MAX_MATERIAL_BYTES)]), 'FILE_TOO_LARGE@contentBase64'],
    ['a name with a folder', '../etc/passwd', 'application/pdf', PDF, 'INVALID_FILE_NAME@fileName'],
    ['a name with a control character', 'a\u0000.pdf', 'application/pdf', PDF, 'INVALID_FILE_NAME@fileName'],
  ])('file: %s', (_case, name, type, content, expected) => {
    const refusal = checkMaterial(name, type, content);
    expect(refusal && 'field' in refusal ? `${refusal.code}@${refusal.field}` : null).toBe(expected);
  });
});

describe('base64DecodedSize and checkEncodedSize', () => {
  it.each([0, 1, 2, 3, 4, 5, 1000, 5 * 1024 * 1024, 5 * 1024 * 1024 + 1])('knows the decoded size of %i bytes without decoding', (n) => {
    expect(base64DecodedSize(Buffer.alloc(n, 7).toString('base64'))).toBe(n);
  });

  it('refuses a file over the limit by its encoded text, and lets one at the limit through', () => {
    expect(checkEncodedSize(Buffer.alloc(MAX_MATERIAL_BYTES + 1).toString('base64'))).toMatchObject({ code: 'FILE_TOO_LARGE', field: 'contentBase64' });
    expect(checkEncodedSize(Buffer.alloc(MAX_MATERIAL_BYTES).toString('base64'))).toBeNull();
  });
});

describe('isBase64', () => {
  it('takes the standard alphabet with up to two = at the end, and nothing else', () => {
    expect(['QQ==', 'QUI=', 'QUJD', 'a+/9'].map(isBase64)).toEqual([true, true, true, true]);
    expect(['', '=', 'QQ===', 'Q=Q=', 'QQ-_', 'QQ QQ', 'QQ\n', '学籍'].map(isBase64)).toEqual([false, false, false, false, false, false, false, false]);
  });

  it('checks a 7 MB string in one pass (a regular expression could overflow its stack there)', () => {
    const big = Buffer.alloc(5 * 1024 * 1024 + 9, 7).toString('base64');
    expect(isBase64(big)).toBe(true);
    expect(isBase64(big.slice(0, -4) + '!AAA')).toBe(false);
  });
});
