import type { EntityManager } from 'typeorm';
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
