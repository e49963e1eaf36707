import type { Kysely } from 'kysely';
import { numberHash } from '../shared/number-hash.js';
import type { Database } from '../storage/schema.js';
import { inChunks } from '../shared/batches.js';
import { reusableQuery } from '../storage/reusable-query.js';

/**
 * The numbers among `numbers` that opted out: by the number itself, or by its keyed hash, which is
 * what stays of an erased customer's opt-out (docs/privacy.md). `key` is the configured
 * ECOUTE_PRIVACY_SECRET.
 */
export async function optedOutNumbers(db: Kysely<Database>, numbers: readonly string[], key: string): Promise<Set<string>> {
  const byValue = new Map<string, string>();
  for (const n of new Set(numbers)) {
    byValue.set(n, n);
    byValue.set(numberHash(key, n), n);
  }
  const rows = await inChunks([...byValue.keys()], (list) => db.selectFrom('opt_outs').select('msisdn').where('msisdn', 'in', list).execute());
  return new Set(rows.map((r) => byValue.get(r.msisdn)!));
}

/**
 * The numbers of a customer (their lines and phone contact points) that opted out of automatic SMS,
 * latest first, with when and by which keyword: what the card shows beside the survey consent.
 * Compiled once: the card runs it on every recognition.
 */
export const partyOptOuts = reusableQuery((db, v: { partyId: string }) =>
  db
    .selectFrom('opt_outs')
    .select(['opt_outs.msisdn', 'opt_outs.opted_out_at', 'opt_outs.keyword'])
    .where((eb) =>
      eb.or([
        eb(
          'opt_outs.msisdn',
          'in',
          eb.selectFrom('lines').innerJoin('accounts', 'accounts.id', 'lines.account_id').select('lines.msisdn').where('accounts.party_id', '=', v.partyId),
        ),
        eb('opt_outs.msisdn', 'in', eb.selectFrom('contact_points').select('contact_points.value').where('contact_points.party_id', '=', v.partyId).where('contact_points.kind', '=', 'phone')),
      ]),
    )
    .orderBy('opt_outs.opted_out_at', 'desc'),
);
