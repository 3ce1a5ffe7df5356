/**
 * Certificate numbers (证书编号): `AAAAAA-YYYY-NNNNNN` — the issuing authority's 6-digit
 * division code, the year of issue (China time), and a sequence that starts at 000001 for each
 * authority and year and never skips or repeats.
 */
export function formatCertificateNumber(authorityCode, year, sequence) {
    if (!/^\d{6}$/.test(authorityCode))
        throw new RangeError('certificates are numbered by a 6-digit authority code');
    if (Number(sequence) < 1 || Number(sequence) > 999_999)
        throw new RangeError('sequence out of range for one year');
    return `${authorityCode}-${year}-${String(sequence).padStart(6, '0')}`;
}
export const CERTIFICATE_NUMBER = /^(\d{6})-(\d{4})-(\d{6})$/;
//# sourceMappingURL=certificate-number.js.map