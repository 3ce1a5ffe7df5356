import { createPglite, pgliteDriver } from '../../src/database/pglite-driver.js';

type Client = { query(sql: string, params?: unknown[]): Promise<{ rows: Array<Record<string, unknown>> }> };
type Pool = {
  connect(cb: (err: unknown, client: Client, release: () => void) => void): void;
  executeSql(text: string, values?: unknown[]): Promise<{ rows: Array<Record<string, unknown>> }>;
  end(cb?: (err: unknown) => void): void;
};

/** The embedded store's session as a queue library's database (pg-boss's `executeSql`); always PGlite, whatever the run's store. */
describe('pgliteDriver executeSql', () => {
  let pool: Pool;

  beforeAll(async () => {
    const { Pool: PglitePool } = pgliteDriver(createPglite(undefined));
    pool = new PglitePool() as unknown as Pool;
    await pool.executeSql('CREATE TABLE t (n int PRIMARY KEY)');
  });
  afterAll(() => new Promise<void>((resolve) => pool.end(() => resolve())));

  it('runs a multi-statement block whole and keeps a RETURNING before the COMMIT', async () => {
    const { rows } = await pool.executeSql('BEGIN; INSERT INTO t VALUES (1) RETURNING n; COMMIT;');
    expect(rows).toEqual([{ n: 1 }]);
  });

  it('rolls back a failed block before lending the session again', async () => {
    await expect(pool.executeSql('BEGIN; INSERT INTO t VALUES (2); INSERT INTO t VALUES (1); COMMIT;')).rejects.toThrow(/duplicate key/);
    const { rows } = await pool.executeSql('SELECT count(*)::int AS n FROM t WHERE n = $1', [2]);
    expect(rows).toEqual([{ n: 0 }]);
  });

  it('waits while a query runner holds the session, so it never runs inside its transaction', async () => {
    const [client, release] = await new Promise<[Client, () => void]>((resolve) => pool.connect((_, c, r) => resolve([c, r])));
    await client.query('BEGIN');
    await client.query('INSERT INTO t VALUES (3)');
    let answered = false;
    const count = pool.executeSql('SELECT count(*)::int AS n FROM t').then((r) => ((answered = true), r.rows[0].n));
    await new Promise((r) => setTimeout(r, 50));
    expect(answered).toBe(false);
    await client.query('ROLLBACK');
    release();
    expect(await count).toBe(1);
  });
});
