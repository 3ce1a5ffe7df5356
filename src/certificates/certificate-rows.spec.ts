import { copyLine, copyLineBytes, type IssuedCertificate } from './certificate-rows.js';

describe('COPY text lines of certificates', () => {
  const credential = { name: 'a\tb\nc "quoted" \\ back', emoji: '😀' };
  const row: IssuedCertificate = {
    id: '00000000-0000-4000-8000-000000000001',
    certificateNumber: '330106-2026-000001',
    kind: 'graduation',
    studentId: '00000000-0000-4000-8000-000000000002',
    scopePath: '/000000/330000/330100/330106/3330106001/',
    issuerOrganisationId: '00000000-0000-4000-8000-000000000003',
    issuerDid: 'did:web:xueji.test:issuers:330106',
    status: 'valid',
    issuedBy: '00000000-0000-4000-8000-000000000004',
    issuedAt: new Date('2026-07-01T00:00:00Z'),
    statusReason: null,
    statusChangedAt: null,
    replacesId: null,
    credentialJson: JSON.stringify(credential),
  };

  it('writes one line of tab-separated fields, NULL as \\N', () => {
    const line = copyLine(row);
    expect(line.endsWith('\n')).toBe(true);
    const fields = line.slice(0, -1).split('\t');
    expect(fields).toHaveLength(12);
    expect(fields[11]).toBe('\\N');
    expect(fields[10]).toBe('2026-07-01T00:00:00.000Z');
  });

  it('escapes backslashes so the server reads back exactly the JSON that was signed', () => {
    const field = copyLine(row).split('\t')[7];
    // COPY text format: \\ is one backslash; no raw tab or newline can appear in JSON text.
    const unescaped = field.replace(/\\\\/g, '\\');
    expect(JSON.parse(unescaped)).toEqual(credential);
  });

  it("writes a signing thread's UTF-8 bytes as the same line, backslashes doubled, bytes untouched otherwise", () => {
    const fromThread = { ...row, credentialJson: Buffer.from(row.credentialJson as string, 'utf8') };
    expect(Buffer.concat(copyLineBytes(fromThread)).toString('utf8')).toBe(copyLine(row));
    const plain = Buffer.from(JSON.stringify({ name: '张小明', emoji: '😀' }), 'utf8');
    const [, credential] = copyLineBytes({ ...row, credentialJson: plain });
    expect(credential).toBe(plain);
  });
});
