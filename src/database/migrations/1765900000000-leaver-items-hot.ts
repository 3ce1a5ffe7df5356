import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A leaver-list row is updated twice on its way (numbered at approval, then issued or failed),
 * and every update was a new row version with new entries in all three of the table's indexes:
 * an index whose predicate names `state` (the pending and held partial indexes) makes every
 * change of `state` a non-HOT update. In psql on PostgreSQL 15 (a diagnostic, not a bench ratio),
 * 20,000 rows marked issued in one statement, foreign key to certificates checked in both:
 * 737–816 ms as it was, 310–374 ms as heap-only updates.
 *
 * - The pending index goes: the batch job finds its next rows from a position it keeps (the
 *   primary key's order), and looks from the start once more before it ends.
 * - The held index is keyed on `second_approval = 'awaiting'` instead, which a CHECK already
 *   ties to `state = 'held'`; issuing a row does not touch it.
 * - Pages keep room for a row's next version (fillfactor 45): an update can stay on its page,
 *   and the page is pruned when it fills.
 */
export class LeaverItemsHot1765900000000 implements MigrationInterface {
  name = 'LeaverItemsHot1765900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX leaver_list_items_pending`);
    await q.query(`DROP INDEX leaver_list_items_held`);
    await q.query(`CREATE INDEX leaver_list_items_awaiting ON leaver_list_items (list_id, position) WHERE second_approval = 'awaiting'`);
    await q.query(`ALTER TABLE leaver_list_items SET (fillfactor = 45)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE leaver_list_items RESET (fillfactor)`);
    await q.query(`DROP INDEX leaver_list_items_awaiting`);
    await q.query(`CREATE INDEX leaver_list_items_held ON leaver_list_items (list_id, position) WHERE state = 'held'`);
    await q.query(`CREATE INDEX leaver_list_items_pending ON leaver_list_items (list_id, position) WHERE state = 'pending'`);
  }
}
