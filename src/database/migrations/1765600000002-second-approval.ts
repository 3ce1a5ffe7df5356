import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Separation of duties against forged records: a leaver-list row whose record is younger than
 * its stage (or never passed a verification its school ran) is `held` when the list is
 * confirmed — the signing job takes only `pending` rows, so it is out of the class's signing
 * without any change to the job's query — until the authority above the confirming one
 * approves it (`pending`, then signed by the same job) or refuses it (`failed`, no certificate).
 */
export class SecondApproval1765600000002 implements MigrationInterface {
  name = 'SecondApproval1765600000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE leaver_list_items DROP CONSTRAINT leaver_list_items_state_check`);
    await q.query(`ALTER TABLE leaver_list_items ADD CONSTRAINT leaver_list_items_state_check CHECK (state IN ('pending','held','issued','failed'))`);
    await q.query(`
      ALTER TABLE leaver_list_items
        ADD COLUMN second_approval varchar(16) CHECK (second_approval IN ('awaiting','approved','refused')),
        ADD COLUMN hold_evidence jsonb,
        ADD COLUMN second_reviewed_by uuid REFERENCES accounts(id),
        ADD COLUMN second_reviewed_at timestamptz,
        ADD COLUMN second_review_reason varchar(500),
        ADD CONSTRAINT leaver_list_items_held_awaits CHECK ((state = 'held') = (second_approval IS NOT DISTINCT FROM 'awaiting')),
        ADD CONSTRAINT leaver_list_items_second_reviewed CHECK ((second_approval IN ('approved','refused')) = (second_reviewed_at IS NOT NULL))`);
    // Rows awaiting the authority above: few, read by that authority's inbox.
    await q.query(`CREATE INDEX leaver_list_items_held ON leaver_list_items (list_id, position) WHERE state = 'held'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX leaver_list_items_held`);
    await q.query(`ALTER TABLE leaver_list_items DROP CONSTRAINT leaver_list_items_held_awaits, DROP CONSTRAINT leaver_list_items_second_reviewed`);
    await q.query(
      `ALTER TABLE leaver_list_items DROP COLUMN second_approval, DROP COLUMN hold_evidence, DROP COLUMN second_reviewed_by, DROP COLUMN second_reviewed_at, DROP COLUMN second_review_reason`,
    );
    await q.query(`ALTER TABLE leaver_list_items DROP CONSTRAINT leaver_list_items_state_check`);
    await q.query(`ALTER TABLE leaver_list_items ADD CONSTRAINT leaver_list_items_state_check CHECK (state IN ('pending','issued','failed'))`);
  }
}
