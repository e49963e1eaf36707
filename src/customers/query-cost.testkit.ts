import { sql, type CompiledQuery, type Kysely } from 'kysely';
import type { Storage } from '../storage/database.js';
import type { Database } from '../storage/schema.js';

// What a query costs, from the engines' own plans (SQLite's EXPLAIN QUERY PLAN; PostgreSQL's
// EXPLAIN ANALYZE, which counts the rows each step read), never from timings.

/** A handle on `db` that records every query run through it (the card's queries are compiled once and run with executeQuery). */
export function recording(db: Kysely<Database>): { db: Kysely<Database>; queries: CompiledQuery[] } {
  const queries: CompiledQuery[] = [];
  const proxy = new Proxy(db, {
    get(target, property) {
      if (property === 'executeQuery') {
        return (query: CompiledQuery) => {
          queries.push(query);
          return target.executeQuery(query);
        };
      }
      const value = Reflect.get(target, property);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { db: proxy, queries };
}

/** What each select of the card costs: its plan on SQLite, the rows its steps read on PostgreSQL. */
export async function costs(storage: Storage, queries: CompiledQuery[]): Promise<{ sql: string; plan: string; rows: number }[]> {
  const selects = queries.filter((q) => /^\s*select/i.test(q.sql));
  const out = [];
  for (const query of selects) {
    if (storage.sqlite) {
      const plan = (storage.sqlite.prepare(`explain query plan ${query.sql}`).all(...(query.parameters as unknown[])) as { detail: string }[]).map((r) => r.detail).join(' | ');
      out.push({ sql: query.sql, plan, rows: 0 });
    } else {
      const result = await sql.raw<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(`explain (analyze, format json) ${inline(query)}`).execute(storage.db);
      const root = result.rows[0]!['QUERY PLAN'][0].Plan;
      out.push({ sql: query.sql, plan: outline(root), rows: rowsRead(root) });
    }
  }
  return out;
}

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Actual Rows': number;
  'Actual Loops': number;
  'Rows Removed by Filter'?: number;
  Plans?: PlanNode[];
}

/** Rows every step of the plan produced or threw away, over all its loops. */
function rowsRead(node: PlanNode): number {
  const own = (node['Actual Rows'] + (node['Rows Removed by Filter'] ?? 0)) * node['Actual Loops'];
  return own + (node.Plans ?? []).reduce((sum, child) => sum + rowsRead(child), 0);
}

function outline(node: PlanNode): string {
  const self = [node['Node Type'], node['Relation Name'], node['Index Name']].filter(Boolean).join(' ');
  return [self, ...(node.Plans ?? []).map(outline)].join(' > ');
}

/** EXPLAIN ANALYZE takes no parameters: the query with its values written in. */
function inline(query: CompiledQuery): string {
  return query.sql.replace(/\$(\d+)/g, (_, n: string) => {
    const value = query.parameters[Number(n) - 1];
    return typeof value === 'number' ? String(value) : `'${String(value).replace(/'/g, "''")}'`;
  });
}

