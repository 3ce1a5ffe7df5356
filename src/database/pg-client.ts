import pg from 'pg';

type QueryCallback = (error: Error | null, result: pg.QueryResult) => void;

/**
 * node-postgres' Client, with one change: a query asked for as a promise is made with its
 * callback, instead of getting the callback assigned after it was made, as pg's promise form
 * does (`query.callback = …` on a query built without one). The answers are the same.
 *
 * Why (measured, docs/scaling.md "What the scavenges keep"): in a process with a large heap
 * (this service's modules are enough) every query awaited in pg's promise form left ~5% of what
 * the young generation allocated alive through a scavenge, to be promoted at the next one and
 * collected only by a mark-compact; scavenges took 5–20 ms instead of under 1 ms. The same loop
 * with the callback given when the query is made — pg's callback form, or this class — keeps
 * ~1 KB. TypeORM awaits pg's promise form for every statement, so the service's pool is made of
 * these clients (`extra.Client` in data-source.ts).
 */
export const PromptCallbackClient = class PromptCallbackClient extends pg.Client {
  // One implementation for pg's overloads: their types are the parent's.
  // @ts-expect-error TS2416
  override query(config: unknown, values?: unknown, callback?: unknown): unknown {
    const submittable = typeof (config as { submit?: unknown } | null)?.submit === 'function';
    if (submittable || typeof values === 'function' || typeof callback === 'function') {
      return Reflect.apply(super.query, this, [config, values, callback]) as unknown;
    }
    const settled = new Promise<pg.QueryResult>((resolve, reject) => {
      const done: QueryCallback = (error, result) => (error ? reject(error) : resolve(result));
      Reflect.apply(super.query, this, [config, values, done]);
    });
    return settled.catch((error: unknown) => {
      // As pg does: a stack that leads back to the caller, not to the socket's read.
      if (error instanceof Error) Error.captureStackTrace(error);
      throw error;
    });
  }
} as unknown as typeof pg.Client;
/** Typed as pg's Client: the answers are pg's. */
export type PromptCallbackClient = pg.Client;
