import { formatCertificateNumber } from './domain/certificate-number.js';
/**
 * Takes the next `count` certificate numbers of an authority and year. The counter row is taken
 * in the transaction that stores the certificates, so a rolled-back issuance gives its numbers
 * back and the sequence has no gaps.
 */
export async function takeCertificateNumbers(em, issuer, year, count) {
    const [row] = await em.query(`INSERT INTO certificate_number_counters (issuer_organisation_id, year, last) VALUES ($1, $2, $3)
     ON CONFLICT (issuer_organisation_id, year) DO UPDATE SET last = certificate_number_counters.last + EXCLUDED.last
     RETURNING last`, [issuer.id, year, count]);
    const last = Number(row.last);
    return Array.from({ length: count }, (_, i) => formatCertificateNumber(issuer.code, year, last - count + 1 + i));
}
//# sourceMappingURL=certificate-numbers.js.map