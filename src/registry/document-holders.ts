import type { DataSource, EntityManager } from 'typeorm';
import { rowsOf } from '../database/rows.js';

/**
 * Whether an identity document (by its keyed digest) belongs to a record other than
 * `exceptStudentId` — as its current document, or as one it carried before an identity-document
 * change: a person is registered once (第九条), whichever of their documents is shown.
 */
export async function documentHeldElsewhere(em: EntityManager, digest: string, exceptStudentId: string | null): Promise<boolean> {
  const rows = rowsOf(
    await em.query(
      `SELECT 1 FROM students WHERE id_number_digest = $1 AND id IS DISTINCT FROM $2::uuid
       UNION ALL
       SELECT 1 FROM student_identity_documents WHERE number_digest = $1 AND state = 'former' AND student_id IS DISTINCT FROM $2::uuid
       LIMIT 1`,
      [digest, exceptStudentId],
    ),
  );
  return rows.length > 0;
}

/**
 * Those of `digests` some record holds, as its current document or a former one (the same rule
 * as documentHeldElsewhere, for many people at once: an import's file). One index probe per
 * digest (LATERAL … LIMIT 1): as `= ANY(…)` the planner hashed the list against a sequential scan
 * of the register whenever the register was small next to the list.
 *
 * `formerOnly`: former documents only — for a writer whose inserts the unique index on current
 * documents checks anyway (an import's COPY), which then asks for the rest only if it fails.
 */
export async function documentsHeld(db: DataSource | EntityManager, digests: readonly string[], formerOnly = false): Promise<string[]> {
  const former = `SELECT 1 FROM student_identity_documents WHERE number_digest = w.d AND state = 'former'`;
  const rows = rowsOf<{ d: string }>(
    await db.query(
      `SELECT w.d FROM unnest($1::char(64)[]) AS w(d)
         CROSS JOIN LATERAL (${formerOnly ? former : `SELECT 1 FROM students WHERE id_number_digest = w.d UNION ALL ${former}`}
                             LIMIT 1) AS held`,
      [digests],
    ),
  );
  return rows.map((r) => r.d.trim());
}
