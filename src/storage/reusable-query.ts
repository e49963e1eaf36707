import type { Compilable, CompiledQuery, Kysely } from 'kysely';
import type { Database } from './schema.js';

const MARK = '\u0000ecoute-parameter:';

/** Runs compiled SQL at once when the engine can (see src/storage/sqlite/statement-cache.ts runNow). */
export type RunNow = (sql: string, parameters: readonly unknown[]) => { rows: unknown[] } | undefined;
const runNowOf = new WeakMap<Kysely<Database>, RunNow>();

/** Called by the storage that opened `db` (SQLite); the queries of its transactions are other instances and go through Kysely. */
export function registerRunNow(db: Kysely<Database>, runNow: RunNow): void {
  runNowOf.set(db, runNow);
}

/** Whether `db` runs reusable queries at once (the root handle of a SQLite database; not a transaction, not PostgreSQL). */
export function canRunNow(db: Kysely<Database>): boolean {
  return runNowOf.has(db);
}

/** The values a reusable query takes at each run, by name. */
export type QueryValues = Record<string, unknown>;

/**
 * A query built and compiled once per database handle, then run with new values in the same places.
 * On a hot path (recognition runs about nine queries per call) building and compiling a Kysely
 * query costs as much as the engine takes to run it, and leaves garbage behind. The builder
 * receives stand-ins for the values: each must be a whole value of the query (a comparison's
 * operand, a limit, an inserted value), never a list for `in` nor part of a string.
 */
export function reusableQuery<V extends QueryValues, R>(build: (db: Kysely<Database>, values: V) => Compilable<R>) {
  const compiled = new WeakMap<Kysely<Database>, { query: CompiledQuery<R>; places: (string | { value: unknown })[] }>();
  const prepare = (db: Kysely<Database>) => {
    let entry = compiled.get(db);
    if (!entry) {
      const standIns = new Proxy({}, { get: (_, name) => `${MARK}${String(name)}` }) as V;
      const query = build(db, standIns).compile();
      const places = query.parameters.map((p) => (typeof p === 'string' && p.startsWith(MARK) ? p.slice(MARK.length) : { value: p }));
      entry = { query, places };
      compiled.set(db, entry);
    }
    return entry;
  };
  const run = async (db: Kysely<Database>, values: V): Promise<{ rows: R[] }> => {
    const { query, places } = prepare(db);
    const parameters = places.map((place) => (typeof place === 'string' ? values[place] : place.value));
    const now = runNowOf.get(db)?.(query.sql, parameters) as { rows: R[] } | undefined;
    return now ?? db.executeQuery<R>({ ...query, parameters });
  };
  return {
    /**
     * Runs the statement at once on the connection, past Kysely's queue, and says whether it could:
     * false (nothing done) inside a transaction or stream of another flow, when another connection
     * holds the write lock, or on an engine without this fast path (`canRunNow`).
     */
    tryNow: (db: Kysely<Database>, values: V): boolean => {
      const runNow = runNowOf.get(db);
      if (!runNow) return false;
      const { query, places } = prepare(db);
      return runNow(query.sql, places.map((place) => (typeof place === 'string' ? values[place] : place.value))) !== undefined;
    },
    /** Every row. */
    all: async (db: Kysely<Database>, values: V): Promise<R[]> => (await run(db, values)).rows,
    /** The first row, if any. */
    first: async (db: Kysely<Database>, values: V): Promise<R | undefined> => (await run(db, values)).rows[0],
    /** Runs a statement that returns no rows. */
    run: async (db: Kysely<Database>, values: V): Promise<void> => {
      await run(db, values);
    },
  };
}
