import type { Statement } from 'better-sqlite3';
import { CompiledQuery, type Kysely } from 'kysely';
import type { Storage } from './database.js';
import type { Database } from './schema.js';

/** Keys per query, at most: the IN list of a prepared statement is padded to this size. */
const LOOKUP_CHUNK = 250;

/**
 * A query looking rows up by a list of keys (`… where x in (:keys)`), run in chunks: on SQLite with
 * one prepared statement on the raw handle (the last chunk padded by repeating a key), on PostgreSQL
 * through Kysely on the given connection or transaction. Raw SQL, written for both engines.
 */
export class KeyLookup<T> {
  private statement: Statement | undefined;

  constructor(
    private readonly storage: Storage,
    /** the query, with `:keys` where the list of keys goes */
    private readonly text: string,
  ) {}

  async find(db: Kysely<Database>, keys: readonly string[]): Promise<T[]> {
    const unique = [...new Set(keys)];
    const out: T[] = [];
    const size = Math.min(LOOKUP_CHUNK, this.storage.capabilities.maxParameters);
    for (let i = 0; i < unique.length; i += size) {
      const chunk = unique.slice(i, i + size);
      if (this.storage.sqlite) {
        this.statement ??= this.storage.sqlite.prepare(this.text.replace(':keys', Array(size).fill('?').join(', ')));
        while (chunk.length < size) chunk.push(chunk[0]!);
        out.push(...(this.statement.all(chunk) as T[]));
      } else {
        const query = this.text.replace(':keys', chunk.map((_, n) => `$${n + 1}`).join(', '));
        out.push(...(await db.executeQuery<T>(CompiledQuery.raw(query, chunk))).rows);
      }
    }
    return out;
  }
}
