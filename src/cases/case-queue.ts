import { sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool } from 'kysely';
import { type BusinessCalendar, LUXEMBOURG_CALENDAR } from '../shared/business-calendar.js';
import { addDays, dayStart, localDay } from '../shared/calendar.js';
import { invalid } from '../shared/errors.js';
import type { Database } from '../storage/schema.js';
import { caseRow, type CaseRow } from './case-service.js';

/** Which cases of a queue: every one, those due later today, those past due, the hot ones. */
export const QUEUE_VIEWS = ['all', 'due-today', 'overdue', 'hot'] as const;
export type QueueView = (typeof QUEUE_VIEWS)[number];

/** Open cases (the default), closed ones, or both. */
export type QueueStatus = 'open' | 'closed' | 'any';

export interface QueueQuery {
  kind?: string | undefined;
  teamId?: string | undefined;
  assigneeId?: string | undefined;
  partyId?: string | undefined;
  states?: readonly string[] | undefined;
  view: QueueView;
  status?: QueueStatus | undefined;
  /** a domain's own filter on the case (a complaint's category…), e.g. `eb.exists(…)` */
  where?: ((eb: ExpressionBuilder<Database, 'cases'>) => Expression<SqlBool>) | undefined;
  /** the `next` of the previous page */
  cursor?: string | undefined;
  limit: number;
  now?: number | undefined;
  cal?: BusinessCalendar | undefined;
}

/**
 * A page position in a queue: the last row's deadline (`none` when it has none) and id. A queue runs
 * soonest deadline first, then cases without a deadline, each by id (their opening order).
 */
interface QueuePosition {
  dueAt: number | null;
  id: string;
}

export function queueCursor(row: Pick<CaseRow, 'due_at' | 'id'>): string {
  return `${row.due_at ?? 'none'}:${row.id}`;
}

function parseQueueCursor(value: string): QueuePosition {
  const match = /^(\d{1,15}|none):([0-9a-f-]{36})$/.exec(value);
  if (!match) throw invalid('cursor', `must be the next cursor of the previous page, got "${value}"`, 'invalid-format', { format: 'cursor' });
  return { dueAt: match[1] === 'none' ? null : Number(match[1]), id: match[2]! };
}

/**
 * A page of a queue of cases, soonest deadline first (keyset on (due_at, id), then the cases without
 * a deadline by id). Open cases follow the partial indexes over open cases (team, assignee, hot: see
 * the migration 2026-12-05-cases), so a page reads about `limit` index entries however many cases
 * are stored. `due-today` is due later on the local day of `now`, `overdue` past due (paused clocks
 * are in neither: their deadline does not run).
 */
export async function caseQueue(db: Kysely<Database>, query: QueueQuery): Promise<{ items: CaseRow[]; next: string | null }> {
  const position = query.cursor === undefined ? undefined : parseQueueCursor(query.cursor);
  const now = query.now ?? Date.now();
  const cal = query.cal ?? LUXEMBOURG_CALENDAR;
  const status = query.status ?? 'open';

  const base = () => {
    let select = db.selectFrom('cases').selectAll();
    if (query.kind !== undefined) select = select.where('kind', '=', query.kind);
    if (query.teamId !== undefined) select = select.where('team_id', '=', query.teamId);
    if (query.assigneeId !== undefined) select = select.where('assignee_id', '=', query.assigneeId);
    if (query.partyId !== undefined) select = select.where('party_id', '=', query.partyId);
    if (query.states !== undefined) select = select.where('state', 'in', query.states.length > 0 ? [...query.states] : ['']);
    // literal, so that both engines see the condition of the partial index of hot cases
    if (query.view === 'hot') select = select.where(sql<SqlBool>`hot = 1`);
    if (query.where) select = select.where(query.where);
    return select;
  };

  // Cases with a deadline: open ones only (closing clears the deadline), in deadline order.
  const rows: CaseRow[] = [];
  if (status !== 'closed' && position?.dueAt !== null) {
    let dated = base().where('closed_at', 'is', null).where('due_at', 'is not', null);
    if (query.view === 'overdue' || query.view === 'due-today') dated = dated.where('paused_at', 'is', null);
    if (query.view === 'overdue') dated = dated.where('due_at', '<', now);
    if (query.view === 'due-today') dated = dated.where('due_at', '>=', now).where('due_at', '<', dayStart(addDays(localDay(now, cal.timeZone), 1), cal.timeZone));
    if (position) {
      const { dueAt, id } = position;
      dated = dated.where((eb) => eb.or([eb('due_at', '>', dueAt), eb.and([eb('due_at', '=', dueAt), eb('id', '>', id)])]));
    }
    rows.push(...(await dated.orderBy('due_at').orderBy('id').limit(query.limit + 1).execute()).map(caseRow));
  }
  // Then those without one, if the view shows them and the page has room.
  if (rows.length <= query.limit && (query.view === 'all' || query.view === 'hot')) {
    let undated = base().where('due_at', 'is', null);
    if (status === 'open') undated = undated.where('closed_at', 'is', null);
    if (status === 'closed') undated = undated.where('closed_at', 'is not', null);
    if (position?.dueAt === null) undated = undated.where('id', '>', position.id);
    rows.push(...(await undated.orderBy('id').limit(query.limit + 1 - rows.length).execute()).map(caseRow));
  }
  const items = rows.slice(0, query.limit);
  const last = items.at(-1);
  return { items, next: rows.length > query.limit && last ? queueCursor(last) : null };
}
