import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A roster's persons as rows (confirmation, keyed document digest) rather than an array on the
 * confirmation: "when was this person last confirmed present at their school" is then one index
 * probe per record, which certificate batches ask for hundreds of records at a time.
 */
export class RosterPersons1765790000003 implements MigrationInterface {
  name = 'RosterPersons1765790000003';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE roster_persons (
        digest char(64) NOT NULL,
        confirmation_id uuid NOT NULL REFERENCES roster_confirmations(id),
        PRIMARY KEY (digest, confirmation_id)
      )`);
    await q.query(`INSERT INTO roster_persons (digest, confirmation_id) SELECT DISTINCT unnest(person_digests), id FROM roster_confirmations`);
    await q.query(`ALTER TABLE roster_confirmations DROP COLUMN person_digests`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE roster_confirmations ADD COLUMN person_digests char(64)[] NOT NULL DEFAULT '{}'`);
    await q.query(`UPDATE roster_confirmations c SET person_digests = ARRAY(SELECT digest FROM roster_persons p WHERE p.confirmation_id = c.id)`);
    await q.query(`DROP TABLE roster_persons`);
  }
}
