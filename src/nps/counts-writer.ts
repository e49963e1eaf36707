import { CompiledQuery, sql, type Kysely } from 'kysely';
import { capabilitiesOf, rowsPerStatement } from '../storage/database.js';
import type { Database } from '../storage/schema.js';

/**
 * Writes NPS aggregate cells into nps_counts, topic_counts and contact_counts: one upsert per cell
 * that adds its measures to those already there, in the caller's transaction.
 */

/** The measures of nps_counts, in the order a cell's values are given. */
export const NPS_MEASURES = ['sent', 'unparsed', 'resolved_yes', 'resolved_no', 's0', 's1', 's2', 's3', 's4', 's5', 's6', 's7', 's8', 's9', 's10'] as const;
/** The measures of topic_counts. */
export const TOPIC_MEASURES = ['negative', 's0', 's1', 's2', 's3', 's4', 's5', 's6', 's7', 's8', 's9', 's10'] as const;
/** The measures of contact_counts. */
export const CONTACT_MEASURES = ['contacts', 'resolved', 'repeats', 'fcr'] as const;

/**
 * Cells to write, per table: the parameters of their upserts, row after row (key columns, then the
 * measures), in key order so that two transactions adding to the same cells lock them in the same
 * order (no deadlock). Plain arrays, so they can be posted to another thread and written there.
 */
export interface CountRows {
  /** dims, key1, day, key2, basis, then NPS_MEASURES */
  nps: unknown[];
  /** dims, key1, day, topic, basis, then TOPIC_MEASURES */
  topics: unknown[];
  /** dims, key1, day, key2, then CONTACT_MEASURES */
  contacts: unknown[];
}

/** Writes cells (adding to the cells already there), in the caller's transaction. */
export async function writeCounts(db: Kysely<Database>, rows: CountRows): Promise<void> {
  await upsert(db, 'nps_counts', ['dims', 'key1', 'day', 'key2', 'basis'], NPS_MEASURES, rows.nps);
  await upsert(db, 'topic_counts', ['dims', 'key1', 'day', 'topic', 'basis'], TOPIC_MEASURES, rows.topics);
  await upsert(db, 'contact_counts', ['dims', 'key1', 'day', 'key2'], CONTACT_MEASURES, rows.contacts);
}

/** Rows per upsert, at most (fewer where the engine's parameter limit says so). */
const UPSERT_ROWS = 500;

type CountsTable = 'nps_counts' | 'topic_counts' | 'contact_counts';

/** SQL text of an upsert of n rows, per dialect: compiled once, then run with new parameters (no compiling per batch). */
const upsertSql = new WeakMap<object, Map<string, string>>();

function upsertText(db: Kysely<Database>, table: CountsTable, keyColumns: readonly string[], measures: readonly string[], rows: number): string {
  const adapter = db.getExecutor().adapter;
  let texts = upsertSql.get(adapter);
  if (!texts) upsertSql.set(adapter, (texts = new Map()));
  const id = `${table}:${rows}`;
  let text = texts.get(id);
  if (!text) {
    const columns = [...keyColumns, ...measures];
    const tuple = sql`(${sql.join(columns.map(() => 0))})`;
    const updates = sql.join(measures.map((m) => sql`${sql.ref(m)} = ${sql.table(table)}.${sql.ref(m)} + excluded.${sql.ref(m)}`));
    text = sql`
      insert into ${sql.table(table)} (${sql.join(columns.map((c) => sql.ref(c)))}) values ${sql.join(Array(rows).fill(tuple))}
      on conflict (${sql.join(keyColumns.map((c) => sql.ref(c)))}) do update set ${updates}
    `.compile(db).sql;
    texts.set(id, text);
  }
  return text;
}

async function upsert(db: Kysely<Database>, table: CountsTable, keyColumns: readonly string[], measures: readonly string[], parameters: unknown[]): Promise<void> {
  const width = keyColumns.length + measures.length;
  const rows = parameters.length / width;
  for (let row = 0, per = rowsPerStatement(capabilitiesOf(db), width, UPSERT_ROWS); row < rows; row += per) {
    const count = Math.min(per, rows - row);
    const part = parameters.slice(row * width, (row + count) * width);
    await db.executeQuery(CompiledQuery.raw(upsertText(db, table, keyColumns, measures, count), part));
  }
}
