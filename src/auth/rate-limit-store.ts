import { createRequire } from 'node:module';
import { sql, type Kysely } from 'kysely';
import type { IRateLimiterOptions, RateLimiterRes as RateLimiterResType, RateLimiterStoreAbstract as StoreAbstract } from 'rate-limiter-flexible';
import { RateLimiterRes } from 'rate-limiter-flexible';
import type { Database } from '../storage/schema.js';

// rate-limiter-flexible's documented way to add a store: extend RateLimiterStoreAbstract (declared in
// its types, not exported by its index) and implement _upsert, _get, _delete and _getRateLimiterRes.
const require = createRequire(import.meta.url);
const RateLimiterStoreAbstract = require('rate-limiter-flexible/lib/RateLimiterStoreAbstract') as typeof StoreAbstract;

interface Row {
  points: number;
  expire: number | null;
}

/**
 * rate-limiter-flexible counters in the `rate_limits` table through Kysely, so the same store runs
 * on SQLite and PostgreSQL and every process sharing the database shares the counters. Each change
 * is one atomic upsert (`insert … on conflict do update … returning`), as in the library's own SQL
 * stores.
 */
export class KyselyRateLimiter extends RateLimiterStoreAbstract {
  private readonly db: Kysely<Database>;

  constructor(db: Kysely<Database>, options: IRateLimiterOptions) {
    super({ ...options, storeClient: db });
    this.db = db;
  }

  async _upsert(rlKey: string, points: number, msDuration: number, forceExpire = false): Promise<Row> {
    const now = Date.now();
    const expire = msDuration > 0 ? now + msDuration : null;
    const ended = sql<boolean>`rate_limits.expire <= ${now}`;
    return this.db
      .insertInto('rate_limits')
      .values({ key: rlKey, points, expire })
      .onConflict((oc) =>
        oc.column('key').doUpdateSet({
          points: forceExpire ? sql`excluded.points` : sql`case when ${ended} then excluded.points else rate_limits.points + excluded.points end`,
          expire: forceExpire ? sql`excluded.expire` : sql`case when ${ended} then excluded.expire else rate_limits.expire end`,
        }),
      )
      .returning(['points', 'expire'])
      .executeTakeFirstOrThrow();
  }

  async _get(rlKey: string): Promise<Row | null> {
    const row = await this.db
      .selectFrom('rate_limits')
      .select(['points', 'expire'])
      .where('key', '=', rlKey)
      .where((eb) => eb.or([eb('expire', 'is', null), eb('expire', '>', Date.now())]))
      .executeTakeFirst();
    return row ?? null;
  }

  async _delete(rlKey: string): Promise<boolean> {
    const result = await this.db.deleteFrom('rate_limits').where('key', '=', rlKey).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  _getRateLimiterRes(_rlKey: string, changedPoints: number, row: Row): RateLimiterResType {
    const points = Number(row.points);
    const isFirstInDuration = changedPoints === points;
    const consumedPoints = isFirstInDuration ? changedPoints : points;
    const msBeforeNext = row.expire === null ? -1 : Math.max(Number(row.expire) - Date.now(), 0);
    return new RateLimiterRes(Math.max(this.points - consumedPoints, 0), msBeforeNext, consumedPoints, isFirstInDuration);
  }
}

/** Removes the counters that have ended (any limiter's); run now and then, never on a request's path. */
export async function clearEndedRateLimits(db: Kysely<Database>, now = Date.now()): Promise<number> {
  const result = await db.deleteFrom('rate_limits').where('expire', '<=', now).executeTakeFirst();
  return Number(result.numDeletedRows);
}
