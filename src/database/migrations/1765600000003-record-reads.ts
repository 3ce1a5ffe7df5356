import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Audited personal-data reads (第二十三、二十四条): who read which record, or tested whether an ID
 * number is registered, when and by which route. Not in the hash-chained audit trail — every
 * append there takes the single audit_head row lock, and reads would queue behind each other —
 * but append-only all the same: the database refuses to change or remove a row. A lookup is
 * kept as the number's keyed digest, never the number.
 *
 * `account_read_days` counts each account's record reads per China day, so that the early
 * warning compares today with the account's own history without counting the log.
 */
export class RecordReads1765600000003 implements MigrationInterface {
  name = 'RecordReads1765600000003';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE record_reads (
        seq bigserial PRIMARY KEY,
        read_at timestamptz NOT NULL DEFAULT now(),
        account_id uuid NOT NULL REFERENCES accounts(id),
        organisation_id uuid NOT NULL REFERENCES organisations(id),
        actor_path varchar(80) NOT NULL,
        kind varchar(16) NOT NULL CHECK (kind IN ('record', 'id_lookup')),
        subject varchar(80) NOT NULL,
        route varchar(80) NOT NULL,
        correlation_id varchar(64)
      )`);
    // An authority reads the log of its subtree's accounts, newest first; or one account's.
    await q.query(`CREATE INDEX record_reads_actor ON record_reads (actor_path text_pattern_ops, seq DESC)`);
    await q.query(`CREATE INDEX record_reads_account ON record_reads (account_id, kind, read_at)`);
    await q.query(`
      CREATE FUNCTION record_reads_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'record_reads is append-only';
      END $$`);
    await q.query(`
      CREATE TRIGGER record_reads_no_change BEFORE UPDATE OR DELETE ON record_reads
      FOR EACH ROW EXECUTE FUNCTION record_reads_append_only()`);
    await q.query(`
      CREATE TABLE account_read_days (
        account_id uuid NOT NULL REFERENCES accounts(id),
        day date NOT NULL,
        reads integer NOT NULL CHECK (reads >= 0),
        PRIMARY KEY (account_id, day)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE account_read_days`);
    await q.query(`DROP TABLE record_reads`);
    await q.query(`DROP FUNCTION record_reads_append_only`);
  }
}
