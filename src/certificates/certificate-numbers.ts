import type { EntityManager } from 'typeorm';
import { todayInChina } from '../common/time/china-date.js';
import { formatCertificateNumber } from './domain/certificate-number.js';

/** The numbering year of certificates issued at `issuedAt`: the year in China on that day. */
export function numberingYear(issuedAt: Date): number {
  return Number(todayInChina(issuedAt).slice(0, 4));
}

/**
 * Takes the next `count` certificate numbers of an authority and year. The counter row is taken
 * in the caller's transaction, so a rolled-back issuance gives its numbers back and the sequence
 * has no gaps.
 */
export async function takeCertificateNumbers(em: EntityManager, issuer: { id: string; code: string }, year: number, count: number): Promise<string[]> {
  if (count === 0) return [];
  const [row] = await em.query(
    `INSERT INTO certificate_number_counters (issuer_organisation_id, year, last) VALUES ($1, $2, $3)
     ON CONFLICT (issuer_organisation_id, year) DO UPDATE SET last = certificate_number_counters.last + EXCLUDED.last
     RETURNING last`,
    [issuer.id, year, count],
  );
  const last = Number(row.last);
  return Array.from({ length: count }, (_, i) => formatCertificateNumber(issuer.code, year, last - count + 1 + i));
}

/**
 * Numbers a leaver list's pending rows that have none, in list order, from one take of the
 * counter: at the approval (in its transaction) and, for a list approved before rows carried
 * numbers, when its signing starts. The chunks then sign each row under the number it holds and
 * never touch the counter, so chunks of one authority sign side by side; a re-run after a crash
 * reuses the numbers, and a row that fails keeps its number as void.
 */
export async function numberLeaverListRows(em: EntityManager, listId: string, issuer: { id: string; code: string }, year: number): Promise<number> {
  const rows: Array<{ position: number }> = await em.query(
    `SELECT position FROM leaver_list_items WHERE list_id = $1 AND state = 'pending' AND certificate_number IS NULL ORDER BY position FOR UPDATE`,
    [listId],
  );
  if (rows.length === 0) return 0;
  const numbers = await takeCertificateNumbers(em, issuer, year, rows.length);
  await em.query(
    `UPDATE leaver_list_items i SET certificate_number = t.number
       FROM unnest($2::int[], $3::varchar[]) AS t(position, number) WHERE i.list_id = $1 AND i.position = t.position`,
    [listId, rows.map((r) => r.position), numbers],
  );
  return rows.length;
}
