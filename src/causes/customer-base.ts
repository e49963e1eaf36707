import type { Kysely } from 'kysely';
import type { Database } from '../storage/schema.js';

/**
 * The customers a rate per 1,000 customers is taken over (docs/improvement.md, "Rates"): those who
 * were customers at `at` (created by then, not erased by then), narrowed to a segment (an account of
 * that segment) or a plan (a line on that plan) when the filter has one. Channel, team and site are
 * not properties of a customer: a filter on them keeps the whole base.
 */
export interface BaseFilter {
  segment?: 'residential' | 'business' | undefined;
  plan?: string | undefined;
}

export async function customerBase(db: Kysely<Database>, filter: BaseFilter, at: number): Promise<number> {
  if (!filter.segment && !filter.plan) {
    // The whole base from two index counts: those created by then, less those erased by then (erased after being created).
    const [created, erased] = await Promise.all([
      db.selectFrom('parties').select((eb) => eb.fn.countAll<number | string>().as('n')).where('created_at', '<=', at).executeTakeFirstOrThrow(),
      db.selectFrom('parties').select((eb) => eb.fn.countAll<number | string>().as('n')).where('erased_at', 'is not', null).where('erased_at', '<=', at).where('created_at', '<=', at).executeTakeFirstOrThrow(),
    ]);
    return Number(created.n) - Number(erased.n);
  }
  let q = db
    .selectFrom('parties')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('parties.created_at', '<=', at)
    .where((eb) => eb.or([eb('parties.erased_at', 'is', null), eb('parties.erased_at', '>', at)]));
  if (filter.segment) {
    const segment = filter.segment;
    q = q.where((eb) => eb.exists(eb.selectFrom('accounts').select('accounts.id').whereRef('accounts.party_id', '=', 'parties.id').where('accounts.segment', '=', segment)));
  }
  if (filter.plan) {
    const plan = filter.plan;
    q = q.where((eb) =>
      eb.exists(eb.selectFrom('accounts').innerJoin('lines', 'lines.account_id', 'accounts.id').select('lines.id').whereRef('accounts.party_id', '=', 'parties.id').where('lines.plan', '=', plan)),
    );
  }
  const row = await q.executeTakeFirstOrThrow();
  return Number(row.n);
}
