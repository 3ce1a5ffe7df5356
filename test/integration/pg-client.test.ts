import pg from 'pg';
import type { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source.js';
import { PromptCallbackClient } from '../../src/database/pg-client.js';
import { serverUrl } from '../support/test-database.js';

/**
 * The service's pool clients (src/database/pg-client.ts) answer every form of query as pg's own
 * Client does; only how an awaited query gets its callback differs. A PostgreSQL server only:
 * the embedded store has no pg clients.
 */
(serverUrl() ? describe : describe.skip)('PromptCallbackClient', () => {
  let client: pg.Client;

  beforeAll(async () => {
    client = new PromptCallbackClient({ connectionString: serverUrl()! });
    await client.connect();
  });
  afterAll(() => client.end());

  it('answers an awaited query, with and without values, as pg does', async () => {
    const plain = await client.query('SELECT 1 AS one');
    expect(plain.rows).toEqual([{ one: 1 }]);
    expect(plain.command).toBe('SELECT');
    const withValues = await client.query('SELECT $1::int + $2::int AS sum, $3::text AS word', [2, 3, '学籍']);
    expect(withValues.rows).toEqual([{ sum: 5, word: '学籍' }]);
    const config = await client.query({ text: 'SELECT $1::text AS v', values: ['x'], rowMode: 'array' });
    expect(config.rows).toEqual([['x']]);
  });

  it('rejects an awaited query with the server error, code and all, and the client goes on', async () => {
    const error = await client.query('SELECT * FROM no_such_table').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as { code?: string }).code).toBe('42P01');
    expect((error as Error).stack).toContain('no_such_table');
    expect((await client.query('SELECT 2 AS two')).rows).toEqual([{ two: 2 }]);
  });

  it('keeps the callback form and submittable queries as they are', async () => {
    const viaCallback = await new Promise<pg.QueryResult>((resolve, reject) =>
      client.query('SELECT $1::int AS n', [7], (error: Error | null, result: pg.QueryResult) => (error ? reject(error) : resolve(result))),
    );
    expect(viaCallback.rows).toEqual([{ n: 7 }]);
    const query = new pg.Query('SELECT 8 AS n');
    const rows: unknown[] = [];
    query.on('row', (row: unknown) => rows.push(row));
    const ended = new Promise((resolve) => query.on('end', resolve));
    expect(client.query(query)).toBe(query);
    await ended;
    expect(rows).toEqual([{ n: 8 }]);
  });

  /**
   * What the class is for: the query an awaited call makes gets its callback when it is built.
   * pg's own Client builds it without one and assigns it afterwards, which kept garbage alive
   * through scavenges (docs/scaling.md, "What the scavenges keep"). Watched through an accessor on
   * the Query class both clients build (pg's `Query` is the one its Client uses).
   */
  it('builds an awaited query with its callback, where the stock Client assigns it afterwards', async () => {
    const firstAssigned = async (on: pg.Client): Promise<string[]> => {
      const assigned: string[] = [];
      const kept = Symbol('callback');
      Object.defineProperty(pg.Query.prototype, 'callback', {
        configurable: true,
        get(this: Record<symbol, unknown>) {
          return this[kept];
        },
        set(this: Record<symbol, unknown>, value: unknown) {
          if (!(kept in this)) assigned.push(typeof value);
          this[kept] = value;
        },
      });
      try {
        await on.query('SELECT 1 AS one');
      } finally {
        delete (pg.Query.prototype as { callback?: unknown }).callback;
      }
      return assigned;
    };
    expect(await firstAssigned(client)).toEqual(['function']);
    const plain = new pg.Client({ connectionString: serverUrl()! });
    await plain.connect();
    try {
      expect(await firstAssigned(plain)).toEqual(['undefined']);
    } finally {
      await plain.end();
    }
  });

  it('is what the service pool is made of (a pg.Client, which the COPY writers look for)', async () => {
    const { DataSource: TypeormDataSource } = await import('typeorm');
    const ds: DataSource = new TypeormDataSource({ ...dataSourceOptions({ databaseUrl: serverUrl(), ownerUrl: null, pgliteDir: null, pgliteImage: null }), migrations: [] });
    await ds.initialize();
    try {
      const runner = ds.createQueryRunner();
      await runner.connect();
      try {
        const connection = (runner as unknown as { databaseConnection: unknown }).databaseConnection;
        expect(connection).toBeInstanceOf(PromptCallbackClient);
        expect(connection).toBeInstanceOf(pg.Client);
        expect(await runner.query('SELECT $1::text AS v', ['typeorm'])).toEqual([{ v: 'typeorm' }]);
      } finally {
        await runner.release();
      }
    } finally {
      await ds.destroy();
    }
  });
});
