import { EventEmitter } from 'node:events';
import { join } from 'node:path';
import { chmodSync, lstatSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { PGlite, types, type Results } from '@electric-sql/pglite';

/**
 * A node-postgres-shaped pool over one PGlite instance, for TypeORM's `driver` option.
 *
 * PGlite is a single session. TypeORM holds a "connection" for the life of a query runner (a
 * whole transaction), so handing the one session to two runners at once would interleave two
 * transactions. This pool therefore lends the session to one runner at a time, like a pg pool
 * of size one. It also reports `rowCount` and `command` as pg does, which TypeORM needs for
 * affected-row counts (optimistic locking depends on them).
 */
export function pgliteDriver(db: PGlite): { Pool: new () => EventEmitter } {
  const session = new SessionLock();
  const client = Object.assign(new EventEmitter(), {
    query: (sql: string, params?: unknown[], callback?: (err: unknown, res?: unknown) => void) => {
      const promise = runQuery(db, sql, params);
      if (callback) promise.then((r) => callback(null, r), (e) => callback(e));
      return promise;
    },
  });

  class PglitePool extends EventEmitter {
    connect(callback: (err: unknown, connection: unknown, release: () => void) => void) {
      session.acquire().then((release) => callback(null, client, release));
    }
    query(sql: string, params?: unknown[]) {
      return session.acquire().then((release) => runQuery(db, sql, params).finally(release));
    }
    /**
     * A queue library's statements (pg-boss's `IDatabase`) on the same session, each waiting its
     * turn like a query runner: one statement, or one multi-statement block such as pg-boss's
     * `BEGIN; …; COMMIT`, which runs whole. A failed block may leave its transaction open; it is
     * rolled back before the session is lent again, as a pool would drop the connection.
     */
    executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }> {
      return session.acquire().then((release) => runBlock(db, text, values).finally(release));
    }
    end(callback?: (err: unknown) => void) {
      // The data source owns its PGlite: closing the pool flushes and closes the database.
      session.acquire().then((release) => db.close().then(() => callback?.(null), (e) => callback?.(e)).finally(release));
    }
  }
  return { Pool: PglitePool };
}

async function runQuery(db: PGlite, sql: string, params?: unknown[]) {
  const result: Results =
    params && params.length > 0
      ? await db.query(sql, params)
      : ((await db.exec(sql)).at(-1) ?? { rows: [], fields: [] });
  const command = /^\s*(\w+)/.exec(sql)?.[1]?.toUpperCase() ?? '';
  return {
    rows: result.rows,
    fields: result.fields,
    command,
    rowCount: result.affectedRows ?? result.rows.length,
  };
}

async function runBlock(db: PGlite, text: string, values?: unknown[]): Promise<{ rows: unknown[] }> {
  try {
    if (values && values.length > 0) return { rows: (await db.query(text, values)).rows };
    // No parameters: possibly several statements; a RETURNING before the COMMIT must not be lost.
    return { rows: (await db.exec(text)).flatMap((r) => r.rows) };
  } catch (error) {
    await db.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/** The embedded store's session as a queue library's database, or null on a server. */
export function embeddedSessionOf(dataSource: { driver: unknown }): { executeSql: (text: string, values?: unknown[]) => Promise<{ rows: unknown[] }> } | null {
  // TypeORM keeps the pool it built from our `driver` option as `master`.
  const pool = (dataSource.driver as { master?: { executeSql?: unknown } }).master;
  return pool && typeof pool.executeSql === 'function' ? (pool as ReturnType<typeof embeddedSessionOf> & object) : null;
}

/**
 * Hands the session out in order. Code that queries through the data source while its own
 * transaction holds the session would wait forever; the timeout turns that bug into an error.
 */
class SessionLock {
  private tail: Promise<void> = Promise.resolve();

  constructor(private readonly waitLimitMs = 30_000) {}

  acquire(): Promise<() => void> {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const turn = this.tail;
    this.tail = this.tail.then(() => released);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        release(); // give up our turn so that the queue behind us moves on
        reject(new Error('PGlite session wait exceeded: a query outside a transaction that holds the session?'));
      }, this.waitLimitMs);
      timer.unref();
    });
    return Promise.race([turn.then(() => once(release)), timeout]).finally(() => clearTimeout(timer));
  }
}

function once(fn: () => void): () => void {
  let done = false;
  return () => {
    if (!done) {
      done = true;
      fn();
    }
  };
}

/**
 * Values come back as node-postgres returns them, so code runs the same on either store:
 * bytea as a Buffer (PGlite's own parser gives a Uint8Array) and bigint as a string (PGlite
 * gives a number, which loses precision past 2^53 and compares unequal to pg's string). TypeORM sends booleans in
 * several spellings; PGlite's default serializer takes only one.
 */
export function createPglite(dataDir: string | undefined, image?: string): PGlite {
  const bool = (v: unknown) =>
    v === true || v === 'true' || v === 1 ? 'TRUE' : v === false || v === 'false' || v === 0 ? 'FALSE' : String(v);
  const bytea = (text: string) => Buffer.from(text.slice(2), 'hex');
  if (dataDir) {
    // The register's files are the service user's alone. The folder is 0700, which is what
    // protects them: PGlite's file system layer creates files 0666 whatever the umask, so files
    // it makes later are unreachable through the folder rather than private by their own mode.
    // At each open every file there is also made 0600 and every folder 0700.
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    chmodSync(dataDir, 0o700);
  }
  const db = new PGlite({
    dataDir,
    // An in-memory store may start from an image of a migrated data folder (embeddedImage()).
    ...(image && !dataDir ? { loadDataDir: new Blob([readFileSync(image)]) } : {}),
    serializers: { [types.BOOL]: bool },
    parsers: { [types.BYTEA]: bytea, [types.INT8]: (text: string) => text },
  });
  if (dataDir) db.waitReady.then(() => makePrivate(dataDir)).catch(() => undefined);
  return db;
}

/** Folders 0700, files 0600, below `path` (iteratively: the store holds a thousand files). */
export function makePrivate(path: string): void {
  const pending = [path];
  while (pending.length > 0) {
    const current = pending.pop()!;
    const stat = lstatSync(current);
    if (stat.isSymbolicLink()) continue;
    if (stat.isDirectory()) {
      chmodSync(current, 0o700);
      for (const name of readdirSync(current)) pending.push(join(current, name));
    } else if ((stat.mode & 0o077) !== 0) {
      chmodSync(current, 0o600);
    }
  }
}
