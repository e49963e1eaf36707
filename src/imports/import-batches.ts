import { sql, type Kysely } from 'kysely';
import { recomputeRepeats } from '../interactions/fcr.js';
import { contactStates, countContactChanges } from '../nps/contact-facts.js';
import { newId } from '../shared/ids.js';
import { bulkWriter } from '../storage/bulk.js';
import type { Storage } from '../storage/database.js';
import type { Database, ImportBatchTable } from '../storage/schema.js';

/**
 * The life of an imported file in the database, in short transactions (docs/import.md, "While
 * Ecoute is in use"): a batch row; the checked rows staged until the whole file has passed; then
 * published a few hundred at a time, each piece tagged with the batch id; a batch that cannot finish
 * is undone from those tags. The batch row carries a heartbeat: a batch whose process stopped
 * (killed, machine down) is undone by the next import.
 */

export type ImportKind = ImportBatchTable['kind'];

/** A batch whose heartbeat is older than this belongs to a process that stopped. */
export const STALE_BATCH_MS = 120_000;
/** The heartbeat is written at least this often while an import runs. */
const HEARTBEAT_MS = 5_000;

export class ImportBatch {
  private lastBeat = 0;
  private seq = 0;

  private constructor(
    private readonly storage: Storage,
    readonly id: string,
    readonly kind: ImportKind,
    private readonly fcrWindowDays: number | null,
  ) {}

  static async open(storage: Storage, kind: ImportKind, fileName: string, fcrWindowDays: number | null): Promise<ImportBatch> {
    const id = newId();
    const now = Date.now();
    await storage.db
      .insertInto('import_batches')
      .values({ id, kind, file_name: fileName, status: 'staging', started_at: now, heartbeat_at: now, finished_at: null, rows: 0, fcr_window_days: fcrWindowDays })
      .execute();
    const batch = new ImportBatch(storage, id, kind, fcrWindowDays);
    batch.lastBeat = now;
    return batch;
  }

  /** Writes the heartbeat if it is due (in the caller's transaction, or alone). */
  async beat(db: Kysely<Database> = this.storage.db, force = false): Promise<void> {
    const now = Date.now();
    if (!force && now - this.lastBeat < HEARTBEAT_MS) return;
    this.lastBeat = now;
    await db.updateTable('import_batches').set({ heartbeat_at: now }).where('id', '=', this.id).execute();
  }

  /** Stages checked rows, in file order, in one short transaction. */
  async stage(rows: readonly { line: number; row: unknown }[]): Promise<void> {
    if (rows.length === 0) return;
    await this.storage.db.transaction().execute(async (trx) => {
      const writer = bulkWriter(this.storage, trx);
      for (const { line, row } of rows) writer.insert('import_staged_rows', { batch_id: this.id, seq: ++this.seq, line, payload: JSON.stringify(row) });
      await writer.flush();
      await this.beat(trx);
    });
  }

  /** Staged rows from `afterSeq` on, in file order. */
  async staged<R>(afterSeq: number, limit: number): Promise<{ seq: number; line: number; row: R }[]> {
    const rows = await this.storage.db
      .selectFrom('import_staged_rows')
      .select(['seq', 'line', 'payload'])
      .where('batch_id', '=', this.id)
      .where('seq', '>', afterSeq)
      .orderBy('seq')
      .limit(limit)
      .execute();
    return rows.map((r) => ({ seq: r.seq, line: r.line, row: JSON.parse(r.payload) as R }));
  }

  /** Drops staged rows up to `seq` (in the caller's transaction: the rows it just published). */
  async unstage(db: Kysely<Database>, uptoSeq: number): Promise<void> {
    await db.deleteFrom('import_staged_rows').where('batch_id', '=', this.id).where('seq', '<=', uptoSeq).execute();
  }

  async setStatus(status: ImportBatchTable['status'], rows?: number): Promise<void> {
    const now = Date.now();
    await this.storage.db
      .updateTable('import_batches')
      .set({ status, heartbeat_at: now, ...(status === 'published' || status === 'failed' ? { finished_at: now } : {}), ...(rows === undefined ? {} : { rows }) })
      .where('id', '=', this.id)
      .execute();
  }

  /** Removes everything of this batch: its staged rows and what it published. */
  async undo(pause: () => Promise<void>): Promise<void> {
    await undoBatch(this.storage, { id: this.id, kind: this.kind, fcr_window_days: this.fcrWindowDays }, pause);
    await this.setStatus('failed', 0);
  }
}

/** The FCR window of a contacts batch written before it was recorded (none: the column came with the batches). */
const DEFAULT_FCR_WINDOW_DAYS = 7;

/** Customers (or contacts) undone per transaction. */
const UNDO_CHUNK = 200;

type UndoTarget = Pick<ImportBatchTable, 'id' | 'kind' | 'fcr_window_days'>;

/**
 * Undoes the batches that a stopped process left staging or publishing (no heartbeat for
 * STALE_BATCH_MS); returns how many.
 */
export async function recoverInterruptedImports(storage: Storage, pause: () => Promise<void>): Promise<number> {
  const stale = await storage.db
    .selectFrom('import_batches')
    .select(['id', 'kind', 'fcr_window_days'])
    .where('status', 'in', ['staging', 'publishing'])
    .where('heartbeat_at', '<', Date.now() - STALE_BATCH_MS)
    .execute();
  for (const batch of stale) {
    await undoBatch(storage, batch, pause);
    await storage.db.updateTable('import_batches').set({ status: 'failed', rows: 0, finished_at: Date.now() }).where('id', '=', batch.id).execute();
  }
  return stale.length;
}

async function undoBatch(storage: Storage, batch: UndoTarget, pause: () => Promise<void>): Promise<void> {
  const batchId = batch.id;
  const kind = batch.kind;
  for (;;) {
    const done = await storage.db.transaction().execute(async (trx) => {
      const staged = await trx.selectFrom('import_staged_rows').select('seq').where('batch_id', '=', batchId).orderBy('seq').limit(1).offset(UNDO_CHUNK * 5).executeTakeFirst();
      if (staged) {
        await trx.deleteFrom('import_staged_rows').where('batch_id', '=', batchId).where('seq', '<', staged.seq).execute();
        return false;
      }
      await trx.deleteFrom('import_staged_rows').where('batch_id', '=', batchId).execute();
      return kind === 'customers' ? undoCustomers(trx, batchId) : undoContacts(trx, batchId, batch.fcr_window_days ?? DEFAULT_FCR_WINDOW_DAYS);
    });
    if (done) return;
    await pause();
  }
}

/**
 * Removes up to UNDO_CHUNK customers of the batch with their accounts, lines and contact points; true
 * when none is left. A customer someone already recorded a contact or a call with (the batch was
 * visible for a moment) stays: that contact is real.
 */
async function undoCustomers(trx: Kysely<Database>, batchId: string): Promise<boolean> {
  const parties = (
    await trx
      .selectFrom('parties as p')
      .select('p.id')
      .where('p.import_batch_id', '=', batchId)
      .where(({ not, exists, selectFrom }) =>
        not(exists(selectFrom('interactions').select('interactions.id').whereRef('interactions.party_id', '=', 'p.id'))),
      )
      .where(({ not, exists, selectFrom }) => not(exists(selectFrom('calls').select('calls.call_id').whereRef('calls.party_id', '=', 'p.id'))))
      .limit(UNDO_CHUNK)
      .execute()
  ).map((p) => p.id);
  if (parties.length === 0) return true;
  await trx.deleteFrom('contact_points').where('party_id', 'in', parties).execute();
  await trx.deleteFrom('party_search_terms').where('party_id', 'in', parties).execute();
  await trx
    .deleteFrom('lines')
    .where('account_id', 'in', (eb) => eb.selectFrom('accounts').select('accounts.id').where('accounts.party_id', 'in', parties))
    .execute();
  await trx.deleteFrom('accounts').where('party_id', 'in', parties).execute();
  await trx.deleteFrom('parties').where('id', 'in', parties).execute();
  return parties.length < UNDO_CHUNK;
}

/** What may refer to a contact once it is visible: a contact something refers to is real and stays. */
const CONTACT_REFERENCES: readonly [table: string, column: string][] = [
  ['calls', 'interaction_id'], ['surveys', 'interaction_id'], ['survey_decisions', 'interaction_id'], ['complaint_contacts', 'interaction_id'], ['followups', 'interaction_id'],
  ['evaluations', 'interaction_id'], ['recordings', 'interaction_id'], ['quality_sample_items', 'contact_id'], ['calibration_contacts', 'interaction_id'],
];

/**
 * Removes the batch's contacts of up to UNDO_CHUNK customers, with their repeat links and contact
 * aggregates set back; true when none is left. A contact something already refers to (the batch was
 * visible for a moment: a call, a survey, an evaluation, a recording…) stays, no longer part of the batch.
 */
async function undoContacts(trx: Kysely<Database>, batchId: string, fcrWindowDays: number): Promise<boolean> {
  const parties = (
    await trx.selectFrom('interactions').select('party_id').distinct().where('import_batch_id', '=', batchId).limit(UNDO_CHUNK).execute()
  ).map((r) => r.party_id);
  if (parties.length === 0) return true;
  const before = await contactStates(trx, parties);
  const referenced = sql<boolean>`(${sql.join(
    CONTACT_REFERENCES.map(([table, column]) => sql`exists (select 1 from ${sql.table(table)} as r where ${sql.ref(`r.${column}`)} = interactions.id)`),
    sql` or `,
  )})`;
  await trx.updateTable('interactions').set({ import_batch_id: null }).where('import_batch_id', '=', batchId).where('party_id', 'in', parties).where(referenced).execute();
  await trx.deleteFrom('interactions').where('import_batch_id', '=', batchId).where('party_id', 'in', parties).execute();
  for (const partyId of parties) await recomputeRepeats(trx, fcrWindowDays, partyId);
  await countContactChanges(trx, before, await contactStates(trx, parties));
  return false;
}

/**
 * Paces the short transactions of an import: each should hold the write lock about `targetMs`, so
 * the number of rows per transaction follows the time the last ones took; on an engine with one
 * writer at a time, the import then pauses as long as it wrote, so that live writes waiting for the
 * lock get it at once.
 */
export class Pacer {
  size: number;
  constructor(
    private readonly singleWriter: boolean,
    private readonly options: { targetMs: number; min: number; max: number; initial: number },
  ) {
    this.size = options.initial;
  }

  /** Runs one transaction's work and adapts the size to the time it took. */
  async timed<T>(work: () => Promise<T>): Promise<T> {
    const started = performance.now();
    const result = await work();
    const took = performance.now() - started;
    this.lastMs = took;
    const { targetMs, min, max } = this.options;
    if (took > targetMs) this.size = Math.max(min, Math.floor(this.size / 2));
    else if (took < targetMs / 2) this.size = Math.min(max, this.size * 2);
    return result;
  }

  private lastMs = 0;

  /** Between two transactions. */
  async pause(): Promise<void> {
    const ms = this.singleWriter ? Math.max(2, Math.min(this.lastMs, 50)) : 0;
    await new Promise((resolve) => (ms > 0 ? setTimeout(resolve, ms) : setImmediate(resolve)));
  }
}
