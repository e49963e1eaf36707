import type { Kysely } from 'kysely';
import { notFound } from '../shared/errors.js';
import type { Database } from '../storage/schema.js';
import { listPlans, type Plan } from './plans.js';

/** What a change of plan reads of a line and of the catalogue (plan-changes.ts, plan-change-apply.ts). */

/** The line with its account's segment and billing day; 404 when no line has the id. */
export async function lineRow(db: Kysely<Database>, lineId: string) {
  const line = await db
    .selectFrom('lines')
    .innerJoin('accounts', 'accounts.id', 'lines.account_id')
    .select([
      'lines.id', 'lines.msisdn', 'lines.kind', 'lines.plan', 'lines.status', 'lines.activated_at', 'lines.roaming_limit_cents', 'lines.roaming_limit_off',
      'lines.roaming_stopped_period', 'accounts.party_id', 'accounts.segment', 'accounts.billing_day',
    ])
    .where('lines.id', '=', lineId)
    .executeTakeFirst();
  if (!line) throw notFound('No line has this id.');
  return line;
}
export type LineRow = Awaited<ReturnType<typeof lineRow>>;

/** The plans of the catalogue by code (a few dozen: read whole). */
export async function catalogue(db: Kysely<Database>): Promise<Map<string, Plan>> {
  return new Map((await listPlans(db)).map((p) => [p.code, p]));
}
