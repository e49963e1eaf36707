import type { Kysely } from 'kysely';
import { invalid } from '../shared/errors.js';
import type { Database } from '../storage/schema.js';
import { chargedCents, periodStartAt } from './buckets.js';

/** The spending limits on data roaming outside the EU/EEA a customer may choose, in cents excl. VAT: the default 50 EUR and higher ones. */
export const ROAMING_LIMIT_CHOICES = [5_000, 10_000, 20_000, 50_000] as const;

/**
 * The customer's choice of spending limit on data roaming outside the EU/EEA (Regulation (EU)
 * 2022/612, art. 15): one of the limits offered, or none (`off`: data roaming goes on past any
 * amount, without warning). A choice that puts the line above what it spent this period, or takes the
 * limit off, lifts the stop of this period: data roaming may go on.
 */
export async function chooseRoamingLimit(
  db: Kysely<Database>,
  lineId: string,
  choice: { limitCents?: number | undefined; off?: boolean | undefined },
  now = Date.now(),
): Promise<void> {
  if (choice.limitCents !== undefined && !(ROAMING_LIMIT_CHOICES as readonly number[]).includes(choice.limitCents)) {
    throw invalid('limitCents', `must be one of ${ROAMING_LIMIT_CHOICES.join(', ')}`, 'not-one-of', { options: ROAMING_LIMIT_CHOICES.join(', ') });
  }
  await db.transaction().execute(async (trx) => {
    const line = await trx
      .selectFrom('lines')
      .innerJoin('accounts', 'accounts.id', 'lines.account_id')
      .select(['lines.roaming_limit_cents', 'lines.roaming_limit_off', 'lines.roaming_stopped_period', 'accounts.billing_day'])
      .where('lines.id', '=', lineId)
      .executeTakeFirstOrThrow();
    const limit = choice.limitCents ?? Number(line.roaming_limit_cents);
    const off = choice.off ?? Number(line.roaming_limit_off) === 1;
    const period = periodStartAt(now, Number(line.billing_day));
    const counter = await trx.selectFrom('usage_counters').selectAll().where('line_id', '=', lineId).where('period_start', '=', period).where('bucket', '=', 'data_world').executeTakeFirst();
    const spent = counter ? chargedCents(Number(counter.used), { allowance: counter.allowance === null ? null : Number(counter.allowance), blockUnits: Number(counter.block_units), blockPriceCents: Number(counter.block_price_cents) }) : 0;
    const lift = line.roaming_stopped_period !== null && Number(line.roaming_stopped_period) === period && (off || spent < limit);
    await trx
      .updateTable('lines')
      .set({ roaming_limit_cents: limit, roaming_limit_off: off ? 1 : 0, ...(lift ? { roaming_stopped_period: null, roaming_stopped_at: null } : {}) })
      .where('id', '=', lineId)
      .execute();
  });
}
