import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { invalid } from './errors.js';

/**
 * Paging of lists ordered newest first by a time and a key (an id) that breaks ties: a page's
 * `next` is the position of its last row, `<ms>:<key>`, and the next page starts strictly after
 * it. Rows that share a millisecond across a page boundary (a batch of surveys queued in one
 * transaction) are neither skipped nor shown twice, as they would be with the time alone.
 */
export interface Position {
  at: number;
  /** the last row's key; absent when the position is only a time (`before` given as ISO 8601) */
  key?: string;
}

export function cursorOf(at: number, key: string): string {
  return `${at}:${key}`;
}

/**
 * A `before` parameter: the `next` cursor of the previous page, or a time (ISO 8601 with its
 * offset) for the rows strictly older than it.
 */
export function parseBefore(value: string, field = 'before'): Position {
  const cursor = /^(\d{1,15}):(.+)$/.exec(value);
  if (cursor) return { at: Number(cursor[1]), key: cursor[2]! };
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value)) {
    const at = Date.parse(value);
    if (!Number.isNaN(at)) return { at };
  }
  throw invalid(field, `must be the next cursor of the previous page or a time such as 2026-11-26T09:30:00+01:00, got "${value}"`, 'invalid-format', { format: 'cursor' });
}

/** The rows after a position, newest first: `at < p.at`, or the same time and a smaller key. */
export function after(atColumn: string, keyColumn: string, position: Position): RawBuilder<SqlBool> {
  const at = sql.ref(atColumn);
  if (position.key === undefined) return sql<SqlBool>`${at} < ${position.at}`;
  return sql<SqlBool>`(${at} < ${position.at} or (${at} = ${position.at} and ${sql.ref(keyColumn)} < ${position.key}))`;
}

/**
 * A page from rows read with one more than the limit: the rows to show, and the cursor of the
 * next page (null on the last page).
 */
export function pageOf<T>(rows: T[], limit: number, position: (row: T) => [at: number, key: string]): { items: T[]; next: string | null } {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, next: rows.length > limit && last ? cursorOf(...position(last)) : null };
}
