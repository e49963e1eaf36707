import type { Storage } from '../storage/database.js';
import { usageFastPath } from '../storage/usage-fast-path.js';
import { type CheckedBatch, type IngestOptions, type IngestReport } from './usage-batch.js';
import { checkUsageEvent, type UsageEventInput } from './usage-events.js';
import { ingestThroughKysely } from './usage-ingest-kysely.js';
import { ingestOnSqlite } from './usage-ingest-sqlite.js';

/**
 * Usage ingestion (docs/self-service.md, "Usage sources" and "Counters"): a batch of events, checked,
 * recorded by their id and added to the counters of their line, billing period and bucket, in one
 * transaction. Idempotent on the event id: an event already received (in this batch or an earlier one,
 * through any source) is a duplicate and counts nowhere, so a sender may replay a batch it is not sure
 * was received. A batch with any event refused writes nothing unless `skipInvalid`, which records the
 * valid ones and reports the others.
 *
 * The checks are the same everywhere; the writing is the engine's: on SQLite, prepared statements on
 * the connection and the lines' terms kept in memory (usage-ingest-sqlite.ts), elsewhere Kysely
 * (usage-ingest-kysely.ts). Both count, refuse and alert alike (the tests run on both).
 */

export { countryMoves, MAX_BATCH_EVENTS, type CheckedBatch, type IngestOptions, type IngestReport, type RefusedEvent } from './usage-batch.js';

export async function ingestUsage(storage: Storage, inputs: readonly UsageEventInput[], options: IngestOptions = {}): Promise<IngestReport> {
  const now = options.now ?? Date.now();
  const batch: CheckedBatch = { received: inputs.length, valid: [], refused: [] };
  for (let index = 0; index < inputs.length; index++) {
    const input = inputs[index]!;
    const checked = checkUsageEvent(input, now);
    if ('event' in checked) batch.valid.push({ index, event: checked.event });
    else batch.refused.push({ index, eventId: typeof input.eventId === 'string' ? input.eventId : null, issues: checked.issues });
  }
  const fast = usageFastPath(storage);
  return fast ? ingestOnSqlite(storage, fast, batch, options, now) : ingestThroughKysely(storage, batch, options, now);
}

