import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Status list indices by a keyed permutation (`certificates/status/domain/index-permutation.ts`):
 * each list gets its own 32-byte `permutation_key`, and its n-th allocation takes the index the
 * permutation puts at n. Lists opened before drew their indices at random, so the permutation
 * could land on one already taken: they are closed where they stand (capacity = allocated) and
 * new allocations open keyed lists. Their credentials and entries are untouched; the random key
 * they get here only satisfies NOT NULL and is never used.
 */
export class StatusIndexPermutation1765880000000 implements MigrationInterface {
  name = 'StatusIndexPermutation1765880000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE status_lists ADD COLUMN permutation_key bytea`);
    await q.query(`
      UPDATE status_lists SET capacity = allocated,
             permutation_key = decode(replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''), 'hex')`);
    await q.query(`ALTER TABLE status_lists ALTER COLUMN permutation_key SET NOT NULL`);
    await q.query(`ALTER TABLE status_lists ADD CONSTRAINT status_lists_permutation_key_length CHECK (octet_length(permutation_key) = 32)`);
  }

  async down(q: QueryRunner): Promise<void> {
    // Closed lists stay closed; open keyed lists can take random draws again (the primary key
    // refuses an index the permutation handed out).
    await q.query(`ALTER TABLE status_lists DROP COLUMN permutation_key`);
  }
}
