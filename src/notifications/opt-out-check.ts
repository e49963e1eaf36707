import type { Kysely } from 'kysely';
import { numberHash } from '../shared/number-hash.js';
import type { Database } from '../storage/schema.js';
import { inChunks } from '../shared/batches.js';

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
