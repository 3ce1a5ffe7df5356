import { ValidationError } from '../../common/errors/domain-error.js';
import { bodyZhText, certificateWording, formatDate, formatMonth } from './certificate-wording.js';
import { assertPrintable, parseIsoDate, type PrintableCertificate } from './printable-certificate.js';
import { samplePrintable as certificate } from '../../../test/support/certificate-fixtures.js';


function fieldsRejected(model: PrintableCertificate): string[] {
  try {
    assertPrintable(model);
    return [];
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    expect(error.code).toBe('CERTIFICATE_NOT_PRINTABLE');
    return error.errors.map((e) => e.field);
  }
}

describe('certificate wording', () => {
  it('writes dates the Chinese way, without leading zeros, and the English way', () => {
    expect(formatDate('2012-03-15')).toEqual({ zh: '2012年3月15日', en: '15 March 2012' });
    expect(formatMonth('2018-09-01')).toEqual({ zh: '2018年9月', en: 'September 2018' });
    expect(formatDate('2024-12-31')).toEqual({ zh: '2024年12月31日', en: '31 December 2024' });
  });

  it.each([
    ['graduation', '毕业证书', '修业期满，成绩合格，准予毕业。'],
    ['completion', '结业证书', '修业期满，准予结业。'],
    ['incompletion', '肄业证书', '因故中途离校，修业未满，准予肄业。'],
  ] as const)('%s: %s, ending “%s”', (kind, title, outcome) => {
    const wording = certificateWording(certificate({ kind }));
    expect(wording.title.zh).toBe(title);
    expect(bodyZhText(wording)).toBe(`学生 李华，性别女，2012年3月15日生，于2018年9月至2024年7月在 西湖小学 小学 学习，${outcome}`);
  });

  it('marks exactly the values written into the blanks', () => {
    const filled = certificateWording(certificate({ stage: 'senior' })).bodyZh.filter((s) => s.filled).map((s) => s.text);
    expect(filled).toEqual(['李华', '女', '2012年3月15日', '2018年9月', '2024年7月', '西湖小学', '高级中学']);
  });

  it('has a banner only for a certificate that is no longer valid', () => {
    expect(certificateWording(certificate()).banner).toBeUndefined();
    expect(certificateWording(certificate({ status: 'revoked' })).banner?.label).toEqual({ zh: '已撤销', en: 'REVOKED' });
    expect(certificateWording(certificate({ status: 'suspended' })).banner?.label).toEqual({ zh: '已暂停', en: 'SUSPENDED' });
  });
});

describe('assertPrintable', () => {
  it('accepts a complete certificate', () => {
    expect(fieldsRejected(certificate())).toEqual([]);
  });

  it.each<[string, Partial<PrintableCertificate>, string[]]>([
    ['an impossible birth date', { holder: { name: '李华', gender: 'female', birthDate: '2012-02-30' } }, ['holder.birthDate']],
    ['a date with a time', { issuedOn: '2024-07-05T00:00:00Z' }, ['issuedOn']],
    ['years of study in the wrong order', { studyFrom: '2024-09-01', studyTo: '2018-07-01' }, ['studyTo']],
    ['an empty name', { holder: { name: '  ', gender: 'female', birthDate: '2012-03-15' } }, ['holder.name']],
    ['a line break in the school name', { school: { name: '西湖\n小学' } }, ['school.name']],
    ['an unknown kind', { kind: 'diploma' as PrintableCertificate['kind'] }, ['kind']],
    ['an unknown stage', { stage: 'college' as PrintableCertificate['stage'] }, ['stage']],
    ['an unknown status', { status: 'expired' as PrintableCertificate['status'] }, ['status']],
    ['a javascript: URL', { verificationUrl: 'javascript:alert(1)' }, ['verificationUrl']],
    ['a relative URL', { verificationUrl: '/v/330106-2026-000042' }, ['verificationUrl']],
    ['a URL too long to scan from paper', { verificationUrl: `https://xueji.example/v/${'x'.repeat(200)}` }, ['verificationUrl']],
    ['several problems at once', { certificateNumber: '', issuedOn: '2024-7-5' }, ['certificateNumber', 'issuedOn']],
  ])('rejects %s, naming the field', (_case, overrides, fields) => {
    expect(fieldsRejected(certificate(overrides))).toEqual(fields);
  });

  it('reports the rule, never the offending value', () => {
    expect(() => assertPrintable(certificate({ holder: { name: '李\t华', gender: 'female', birthDate: '2012-03-15' } }))).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('李') }),
    );
  });

  it('parses only real calendar dates', () => {
    expect(parseIsoDate('2024-02-29')).toEqual({ year: 2024, month: 2, day: 29 });
    expect(parseIsoDate('2023-02-29')).toBeUndefined();
    expect(parseIsoDate('2024-13-01')).toBeUndefined();
  });
});
