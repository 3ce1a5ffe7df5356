import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { DomainError } from '../../common/errors/domain-error.js';
import QRCode from 'qrcode';
import { A4, qrRuns, renderCertificatePdf } from './certificate-pdf.js';
import type { PrintableCertificate } from './printable-certificate.js';
import { samplePrintable } from '../../../test/support/certificate-fixtures.js';

/** The sample with a four-character name and a long school name, the hard cases for text extraction. */
const certificate = (overrides: Partial<PrintableCertificate> = {}) =>
  samplePrintable({ holder: { name: '欧阳娜娜', gender: 'female', birthDate: '2012-03-15' }, school: { name: '杭州市西湖区文新小学' }, ...overrides });

/** Fresh per test: a renderer must never depend on what an earlier test did to a shared object. */

interface Inspected {
  pages: number;
  size: { width: number; height: number };
  /** Text items joined as a reader's copy-paste would run them together, line breaks dropped. */
  text: string;
  fonts: Array<{ name: string; embedded: boolean }>;
  creationDate: string;
}

/** Reads the PDF back the way a viewer does (Mozilla pdf.js), not the way it was written. */
async function inspect(pdf: Buffer): Promise<Inspected> {
  const doc = await getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, isEvalSupported: false, verbosity: 0 }).promise;
  try {
    const page = await doc.getPage(1);
    const [, , width, height] = page.view;
    const content = await page.getTextContent();
    const text = content.items.map((item) => ('str' in item ? item.str : '')).join('');
    const ops = await page.getOperatorList();
    const fontIds = new Set(ops.fnArray.flatMap((fn, i) => (fn === OPS.setFont ? [String(ops.argsArray[i][0])] : [])));
    const fonts = [...fontIds].map((id) => {
      const font = page.commonObjs.get(id) as { name: string; missingFile: boolean };
      return { name: font.name, embedded: !font.missingFile };
    });
    const info = (await doc.getMetadata()).info as { CreationDate?: string };
    return { pages: doc.numPages, size: { width, height }, text, fonts, creationDate: info.CreationDate ?? '' };
  } finally {
    await doc.destroy();
  }
}

describe('renderCertificatePdf', () => {
  it('is one A4 page whose text extracts as the Chinese that was printed', async () => {
    const pdf = await renderCertificatePdf(certificate());
    const read = await inspect(pdf);

    expect(read.pages).toBe(1);
    expect(read.size.width).toBeCloseTo(A4.width, 2);
    expect(read.size.height).toBeCloseTo(A4.height, 2);
    expect(read.size).toEqual({ width: 595.28, height: 841.89 });
    expect(read.text).toContain('欧阳娜娜');
    expect(read.text).toContain('杭州市西湖区文新小学');
    expect(read.text).toContain('330106-2026-000042');
    expect(read.text).toContain('https://xueji.example/v/330106-2026-000042');
    expect(read.text).toContain('学生 欧阳娜娜，性别女，2012年3月15日生，于2018年9月至2024年7月在 杭州市西湖区文新小学 小学 学习，修业期满，成绩合格，准予毕业。');
    expect(read.text).toContain('扫描二维码或访问 https://xueji.example/v/330106-2026-000042 核验');
    expect(read.text).toContain('杭州市西湖区教育局');
    expect(read.text).toContain('2024年7月5日');
  });

  it('embeds only subset fonts, each with a ToUnicode map, and stays small', async () => {
    const pdf = await renderCertificatePdf(certificate());
    const { fonts } = await inspect(pdf);
    const raw = pdf.toString('latin1');

    expect(fonts.length).toBeGreaterThan(0);
    for (const font of fonts) {
      expect(font.name).toMatch(/^[A-Z]{6}\+NotoSerifSC-/);
      expect(font.embedded).toBe(true);
    }
    expect(raw.match(/\/FontFile2 /g)?.length).toBe(fonts.length);
    expect(raw.match(/\/ToUnicode /g)?.length).toBe(fonts.length);
    // The full faces are ~14 MB each; a subset of the ~150 characters used is tens of kilobytes.
    expect(pdf.length).toBeLessThan(1024 * 1024);
    console.info(`certificate PDF: ${pdf.length} bytes, fonts ${fonts.map((f) => f.name).join(', ')}`);
  });

  it.each([
    ['graduation', '修业期满，成绩合格，准予毕业。', '毕业证书'],
    ['completion', '修业期满，准予结业。', '结业证书'],
    ['incompletion', '因故中途离校，修业未满，准予肄业。', '肄业证书'],
  ] as const)('words the %s certificate as the regulation does', async (kind, outcome, title) => {
    const { text } = await inspect(await renderCertificatePdf(certificate({ kind })));
    expect(text).toContain(`小学 学习，${outcome}`);
    expect(text.replace(/\s/g, '')).toContain(title);
  });

  it('prints a revoked certificate under a REVOKED banner', async () => {
    const { text } = await inspect(await renderCertificatePdf(certificate({ status: 'revoked' })));
    expect(text).toContain('已撤销 REVOKED');
    expect(text).toContain('本证书已被撤销，不再有效。');
  });

  it('prints a suspended certificate under a SUSPENDED banner, and a valid one under none', async () => {
    expect((await inspect(await renderCertificatePdf(certificate({ status: 'suspended' })))).text).toContain('已暂停 SUSPENDED');
    const valid = (await inspect(await renderCertificatePdf(certificate()))).text;
    expect(valid).not.toContain('REVOKED');
    expect(valid).not.toContain('SUSPENDED');
  });

  it('sets a rare Extension A name character (䶮) and extracts it', async () => {
    const { text } = await inspect(await renderCertificatePdf(certificate({ holder: { name: '刘䶮', gender: 'male', birthDate: '2011-12-01' } })));
    expect(text).toContain('学生 刘䶮，性别男，2011年12月1日生');
  });

  it('refuses a name the font cannot set rather than print an empty box, without echoing the name', async () => {
    const attempt = renderCertificatePdf(certificate({ holder: { name: '王𠈌', gender: 'male', birthDate: '2011-12-01' } }));
    await expect(attempt).rejects.toBeInstanceOf(DomainError);
    await expect(attempt).rejects.toMatchObject({ code: 'CERTIFICATE_GLYPH_MISSING', message: expect.stringContaining('holder.name U+2020C') });
    await expect(attempt).rejects.toMatchObject({ message: expect.not.stringContaining('王') });
  });

  it('is byte-for-byte reproducible: the creation date comes from the issue date, not the clock', async () => {
    const first = await renderCertificatePdf(certificate());
    await new Promise((resolve) => setTimeout(resolve, 5));
    const second = await renderCertificatePdf(certificate());
    expect(second.equals(first)).toBe(true);
    expect((await inspect(first)).creationDate).toBe('D:20240705000000Z');
    expect((await renderCertificatePdf(certificate({ issuedOn: '2024-07-06' }))).equals(first)).toBe(false);
  });

  it('rejects an unprintable model before drawing anything', async () => {
    await expect(renderCertificatePdf(certificate({ verificationUrl: 'javascript:alert(1)' }))).rejects.toMatchObject({
      code: 'CERTIFICATE_NOT_PRINTABLE',
      errors: [{ field: 'verificationUrl', message: expect.any(String) }],
    });
  });

  it('draws every dark module of the QR code and nothing else', () => {
    const url = 'https://xueji.example/v/330106-2026-000042';
    const { modules } = QRCode.create(url, { errorCorrectionLevel: 'M' });
    const { size, runs } = qrRuns(url);
    const drawn = new Uint8Array(size * size);
    for (const { row, col, length } of runs) for (let c = col; c < col + length; c++) drawn[row * size + c] += 1;
    expect(size).toBe(modules.size);
    expect([...drawn]).toEqual([...modules.data]);
    expect(runs.length).toBeLessThan(modules.data.reduce((n, bit) => n + bit, 0));
  });

  it('renders a certificate in well under half a second once the fonts are loaded', async () => {
    await renderCertificatePdf(certificate());
    const rounds = 10;
    const times: number[] = [];
    for (let i = 0; i < rounds; i++) {
      const started = performance.now();
      await renderCertificatePdf(certificate({ certificateNumber: `330106-2026-${String(i).padStart(6, '0')}` }));
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    const median = times[Math.floor(rounds / 2)];
    console.info(`certificate PDF render: median ${median.toFixed(1)} ms, min ${times[0].toFixed(1)} ms, max ${times[rounds - 1].toFixed(1)} ms over ${rounds}`);
    expect(median).toBeLessThan(500);
  });
});
