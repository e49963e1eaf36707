import type { Kysely, Selectable } from 'kysely';
import { after, pageOf, parseBefore } from '../shared/cursor.js';
import { DomainError } from '../shared/errors.js';
import type { GatewayStatus } from '../sms/gateway.js';
import type { Database, OptOutTable, SmsMessageTable } from '../storage/schema.js';

/** A page of rows newest first and the cursor of the next. */
export interface Page<T> {
  items: T[];
  next: string | null;
}

/** A message of the SMS log, with when a message still waiting to go is tried again. */
export type SmsLogEntry = Selectable<SmsMessageTable> & { nextAttemptAt: number | null };

/** The SMS log, newest first, optionally of one status. */
export async function smsLog(
  db: Kysely<Database>,
  query: { limit: number; before?: string | undefined; status?: string | undefined },
): Promise<Page<SmsLogEntry>> {
  let select = db.selectFrom('sms_messages').selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(query.limit + 1);
  if (query.before !== undefined) select = select.where(after('created_at', 'id', parseBefore(query.before)));
  if (query.status) select = select.where('status', '=', query.status as never);
  const { items: rows, next } = pageOf(await select.execute(), query.limit, (m) => [m.created_at, m.id]);
  // When a message waiting to go will be tried again: its job in the outbox.
  const waiting = rows.filter((m) => m.status === 'queued' || m.status === 'sending');
  const jobs = waiting.length
    ? await db
        .selectFrom('outbox')
        .select(['ref_id', 'run_after'])
        .where('done_at', 'is', null)
        .where('ref_id', 'in', [...new Set(waiting.flatMap((m) => [m.id, ...(m.survey_id ? [m.survey_id] : [])]))])
        .execute()
    : [];
  const nextAttempt = new Map(jobs.map((j) => [j.ref_id, j.run_after]));
  const nextAttemptOf = (m: Selectable<SmsMessageTable>) => {
    if (m.status !== 'queued' && m.status !== 'sending') return null;
    return nextAttempt.get(m.id) ?? (m.survey_id ? nextAttempt.get(m.survey_id) : undefined) ?? null;
  };
  return { items: rows.map((m) => ({ ...m, nextAttemptAt: nextAttemptOf(m) })), next };
}

/** The SMS transport of this process and the work waiting in the outbox. */
export interface SmsTransportStatus {
  gateway: (GatewayStatus & { name: string }) | null;
  pendingJobs: number;
  retrying: number;
  /** epoch ms of the next retry, null when nothing is retrying */
  nextRetryAt: number | null;
  lastJobError: string | null;
}

/** The transport's state (null when this process has none) and the outbox's pending and retrying jobs. */
export async function smsTransportStatus(
  db: Kysely<Database>,
  gateway: { name: string; status(): GatewayStatus } | undefined,
): Promise<SmsTransportStatus> {
  const pending = await db
    .selectFrom('outbox')
    .select((eb) => [eb.fn.countAll<number>().as('n')])
    .where('done_at', 'is', null)
    .executeTakeFirstOrThrow();
  const retrying = await db
    .selectFrom('outbox')
    .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.min('run_after').as('next')])
    .where('done_at', 'is', null)
    .where('last_error', 'is not', null)
    .executeTakeFirstOrThrow();
  const last = await db
    .selectFrom('outbox')
    .select('last_error')
    .where('done_at', 'is', null)
    .where('last_error', 'is not', null)
    .orderBy('run_after', 'desc')
    .limit(1)
    .executeTakeFirst();
  return {
    gateway: gateway ? { name: gateway.name, ...gateway.status() } : null,
    pendingJobs: Number(pending.n),
    retrying: Number(retrying.n),
    nextRetryAt: retrying.next == null ? null : Number(retrying.next),
    lastJobError: last?.last_error ?? null,
  };
}

/** Survey decisions taken in [from, to) (ISO 8601), counted by outcome and reason. */
export async function decisionCounts(db: Kysely<Database>, from: string, to: string): Promise<{ outcome: string; reason: string; count: number }[]> {
  if (Date.parse(from) >= Date.parse(to)) throw new DomainError(400, 'invalid-input', 'from must be before to', [{ field: 'from', reason: 'must be before to', code: 'from-after-to' }]);
  const rows = await db
    .selectFrom('survey_decisions')
    .select(['outcome', 'reason', (eb) => eb.fn.countAll<number>().as('count')])
    .where('decided_at', '>=', Date.parse(from))
    .where('decided_at', '<', Date.parse(to))
    .groupBy(['outcome', 'reason'])
    .orderBy('outcome')
    .orderBy('reason')
    .execute();
  return rows.map((r) => ({ outcome: r.outcome, reason: r.reason, count: Number(r.count) }));
}

/** Numbers that asked for no more surveys, newest first. */
export async function optOuts(db: Kysely<Database>, query: { limit: number; before?: string | undefined }): Promise<Page<Selectable<OptOutTable>>> {
  let select = db.selectFrom('opt_outs').selectAll().orderBy('opted_out_at', 'desc').orderBy('msisdn', 'desc').limit(query.limit + 1);
  if (query.before !== undefined) select = select.where(after('opted_out_at', 'msisdn', parseBefore(query.before)));
  return pageOf(await select.execute(), query.limit, (r) => [r.opted_out_at, r.msisdn]);
}
