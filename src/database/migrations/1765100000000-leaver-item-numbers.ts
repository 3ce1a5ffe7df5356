import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A leaver list's rows carry their certificate numbers from the approval on: the authority's
 * counter is taken once for the list, not by every chunk while it signs, so chunks of one
 * authority no longer queue behind one counter row, and a re-run signs a row under the number
 * it already holds. A row that fails keeps its number, which is then void: every number of
 * the sequence is on a certificate or on a failed row.
 */
export class LeaverItemNumbers1765100000000 implements MigrationInterface {
  name = 'LeaverItemNumbers1765100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE leaver_list_items ADD COLUMN certificate_number varchar(32)`);
    // Rows signed before this change: their number is the certificate's.
    await q.query(
      `UPDATE leaver_list_items i SET certificate_number = c.certificate_number FROM certificates c WHERE c.id = i.certificate_id`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE leaver_list_items DROP COLUMN certificate_number`);
  }
}
