import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Kysely, Transaction } from 'kysely';
import { DomainError } from '../shared/errors.js';
import type { Storage } from '../storage/database.js';
import type { Database } from '../storage/schema.js';
import { ImportBatch, Pacer, recoverInterruptedImports, type ImportKind } from './import-batches.js';
import { checkControlCharacters, checkFieldCount, checkHeader, openCsv, readRecords, REJECT_ERROR, REJECT_LINE, RejectWriter, type CsvFile, type CsvRecord, type RowError } from './csv-rows.js';

/**
 * One pass over the file, streaming: every row is validated (fields, duplicates inside the file,
 * conflicts with the database). A file with errors imports nothing, unless skipInvalid, in which case
 * the valid rows are imported and the others go to the reject file. Memory holds one batch of rows and
 * the keys needed to find duplicates inside the file, whatever the size of the file.
 *
 * Customers and contacts (an ImportPublisher) never hold the database for the whole file: the checked
 * rows are staged in short transactions, and only once the whole file has passed are they published,
 * a few hundred per short transaction, paced so that live writes get the write lock between two; a
 * publication that cannot finish is undone (import-batches.ts). Small imports (studies) write in one
 * transaction (an ImportWriter).
 */

export interface ImportOptions {
  /** the CSV file */
  file: string;
  /** how messages name the file (default: its path), e.g. the name of an uploaded file saved under another path */
  fileName?: string | undefined;
  /** import the valid rows and write the others to the reject file, instead of importing nothing */
  skipInvalid?: boolean | undefined;
  /**
   * where rejected rows go: with skipInvalid by default FILE.rejects.csv next to the input; without,
   * only when given (then the file lists every row to fix, though nothing was imported)
   */
  rejectsPath?: string | undefined;
  /** validate only: report what would be imported and rejected (and write the reject file), import nothing */
  dryRun?: boolean | undefined;
  /** row errors kept in the report (all are counted; default 1000) */
  maxErrors?: number | undefined;
  /** rows checked and written together (default 1000; tests use small batches) */
  batchSize?: number | undefined;
  /** called now and then while reading the file and publishing its rows (awaited when it returns a promise) */
  onProgress?: ((progress: ImportProgress) => void | Promise<void>) | undefined;
}

export interface ImportProgress {
  /** validating: dry run; importing: checking (and staging) the rows; publishing: writing the checked rows */
  phase: 'validating' | 'importing' | 'publishing';
  /** bytes of the file read so far in this phase (publishing: the share of the rows published, in bytes of the file) */
  bytes: number;
  totalBytes: number;
  /** rows read (publishing: published) so far in this phase */
  rows: number;
}

export interface ImportReport {
  file: string;
  /** data rows in the file (lines after the header, not counting empty lines) */
  rows: number;
  /** rows that passed validation (what a dry run would import) */
  valid: number;
  imported: number;
  rejected: number;
  /** rows already in the database (same external id), skipped */
  duplicates: number;
  /**
   * - `imported`: the valid rows are in the database (rejected > 0 only with skipInvalid);
   * - `rejected`: the file has errors and nothing was imported;
   * - `validated`: dry run, nothing written.
   */
  status: 'imported' | 'rejected' | 'validated';
  /** the first maxErrors row errors, in file order */
  errors: RowError[];
  /** number of row errors in the whole file (a row can have several) */
  errorCount: number;
  /** path of the reject file, when rows were rejected and a reject file was asked for (skipInvalid or rejectsPath) */
  rejectsFile: string | undefined;
  durationMs: number;
}

export type RowOutcome<R> = { kind: 'ok'; row: R } | { kind: 'error'; errors: RowError[] } | { kind: 'duplicate' };

export interface ImportWriter<R> {
  write(rows: { line: number; row: R }[]): Promise<void>;
  /** after the last row, inside the transaction, when rows were written */
  finish(): Promise<void>;
}

/** Writes checked rows of a large import, a short transaction at a time (import-batches.ts). */
export interface ImportPublisher<R> {
  kind: ImportKind;
  /** contacts: the FCR window their repeat links are computed with */
  fcrWindowDays?: number | undefined;
  /**
   * Writes these rows (file order; JSON-serialisable, they come back from the staging table) in the
   * caller's transaction, with everything they change (aggregates, links), and tags the customers or
   * contacts it creates with `batchId`.
   */
  publish(trx: Transaction<Database>, rows: { line: number; row: R }[], batchId: string): Promise<void>;
}

export interface ImportHandlers<R> {
  /**
   * Checks a batch of records (already known to have the right number of values), in file order:
   * fields, duplicates inside the file, conflicts with the database (with a writer, the database
   * already holds the rows of this file written so far), and resolves what writing needs.
   */
  check(records: CsvRecord[], db: Kysely<Database>): Promise<RowOutcome<R>[]>;
  /** one of the two: the whole file in one transaction (small files) … */
  writer?(trx: Transaction<Database>): Promise<ImportWriter<R>>;
  /** … or staged, then published in short transactions */
  publisher?: ImportPublisher<R>;
}

/** Columns the header must have; an inner list means one of them. */
export type RequiredColumns = readonly (string | readonly string[])[];

export interface ImportDefinition<R> {
  columns: readonly string[];
  /** or, when what is required depends on the other columns, a function of the header */
  required: RequiredColumns | ((header: readonly string[]) => RequiredColumns);
  open(file: CsvFile, storage: Storage): Promise<ImportHandlers<R>>;
}

const BATCH = 1_000;
/** How long one publishing transaction should hold the write lock. */
const PUBLISH_TARGET_MS = 10;

export function defaultRejectsPath(file: string): string {
  return file.replace(/\.csv$/i, '') + '.rejects.csv';
}

export async function runImport<R>(storage: Storage, options: ImportOptions, definition: ImportDefinition<R>): Promise<ImportReport> {
  const started = Date.now();
  const file = openCsv(options.file, options.fileName);
  const required = typeof definition.required === 'function' ? definition.required(file.header) : definition.required;
  checkHeader(file, definition.columns, required, [REJECT_LINE, REJECT_ERROR]);
  const handlers = await definition.open(file, storage);
  const maxErrors = options.maxErrors ?? 1000;
  const batchSize = options.batchSize ?? BATCH;
  const rejectsPath = options.rejectsPath ?? (options.skipInvalid ? defaultRejectsPath(options.file) : undefined);
  if (rejectsPath !== undefined && resolve(rejectsPath) === resolve(options.file)) {
    throw new DomainError(400, 'invalid-input', 'the reject file must not be the file being imported', [
      { field: 'rejects', reason: 'is the input file' },
    ]);
  }
  // The reject file describes this run only.
  if (rejectsPath !== undefined) rmSync(rejectsPath, { force: true });
  const rejects = rejectsPath !== undefined ? new RejectWriter(rejectsPath, file) : undefined;

  const report: ImportReport = {
    file: options.file,
    rows: 0,
    valid: 0,
    imported: 0,
    rejected: 0,
    duplicates: 0,
    status: 'imported',
    errors: [],
    errorCount: 0,
    rejectsFile: undefined,
    durationMs: 0,
  };
  const progress = options.onProgress
    ? (bytes: number) => void options.onProgress!({ phase: options.dryRun ? 'validating' : 'importing', bytes, totalBytes: file.size, rows: report.rows })
    : undefined;
  const column = (error: RowError) => (error.field === undefined ? -1 : file.header.indexOf(error.field));
  const reject = async (record: CsvRecord, errors: RowError[]) => {
    // In the order of the columns, whatever order the checks ran in.
    errors.sort((a, b) => column(a) - column(b));
    report.rejected++;
    report.errorCount += errors.length;
    for (const error of errors) if (report.errors.length < maxErrors) report.errors.push(error);
    await rejects?.write(record, errors);
  };

  /** Reads the whole file; hands the valid rows to `writer` for as long as the import can still succeed. */
  const readFile = async (db: Kysely<Database>, writer: Pick<ImportWriter<R>, 'write'> | undefined) => {
    let batch: CsvRecord[] = [];
    const checkBatch = async () => {
      const outcomes = await handlers.check(batch, db);
      const ready: { line: number; row: R }[] = [];
      for (let i = 0; i < batch.length; i++) {
        const outcome = outcomes[i]!;
        if (outcome.kind === 'ok') {
          report.valid++;
          ready.push({ line: batch[i]!.line, row: outcome.row });
        } else if (outcome.kind === 'duplicate') report.duplicates++;
        else await reject(batch[i]!, outcome.errors);
      }
      // Without skipInvalid the first error dooms the import: keep validating, stop writing.
      if (writer && ready.length > 0 && (options.skipInvalid || report.rejected === 0)) {
        await writer.write(ready);
        report.imported += ready.length;
      }
      batch = [];
    };
    for await (const record of readRecords(file, progress)) {
      report.rows++;
      const countError = checkFieldCount(file, record);
      const recordErrors = countError ? [countError] : checkControlCharacters(file, record);
      if (recordErrors.length > 0) {
        // Keep file order in the report: settle the rows before this one first.
        if (batch.length > 0) await checkBatch();
        await reject(record, recordErrors);
        continue;
      }
      batch.push(record);
      if (batch.length >= batchSize) await checkBatch();
    }
    if (batch.length > 0) await checkBatch();
  };

  try {
    if (options.dryRun) {
      await readFile(storage.db, undefined);
      return done('validated');
    }
    if (handlers.publisher) {
      report.imported = await staged(handlers.publisher);
      if (report.imported === 0 && report.rejected > 0 && !options.skipInvalid) return done('rejected');
    } else {
      await storage.db.transaction().execute(async (trx) => {
        const writer = await handlers.writer!(trx);
        await readFile(trx, writer);
        if (report.rejected > 0 && !options.skipInvalid) throw new RollBack();
        if (report.imported > 0) await writer.finish();
      });
    }
  } catch (error) {
    report.imported = 0;
    if (error instanceof RollBack) return done('rejected');
    if (isUniqueViolation(error)) throw changedDuringImport((error as Error).message);
    throw error;
  } finally {
    report.rejectsFile = await rejects?.close();
  }
  // With skipInvalid, a file whose rows are all invalid (none already imported either) imported nothing because of errors.
  return done(report.imported === 0 && report.rejected > 0 && report.duplicates === 0 ? 'rejected' : 'imported');

  /**
   * Checks and stages the whole file, then publishes the staged rows in short transactions; undoes
   * the batch if the file has errors (without skipInvalid) or publishing fails. Returns the rows published.
   */
  async function staged(publisher: ImportPublisher<R>): Promise<number> {
    const newPacer = () => new Pacer(storage.capabilities.singleWriter, { targetMs: PUBLISH_TARGET_MS, min: 10, max: 2_000, initial: 100 });
    const pacer = newPacer();
    const pause = () => pacer.pause();
    await recoverInterruptedImports(storage, pause);
    const batch = await ImportBatch.open(storage, publisher.kind, file.name, publisher.fcrWindowDays ?? null);
    try {
      // Staged in pieces paced like the publication: the checks of a batch read the database, the staging writes.
      await readFile(storage.db, {
        write: async (rows) => {
          for (let i = 0; i < rows.length; ) {
            const piece = rows.slice(i, i + pacer.size);
            await pacer.timed(() => batch.stage(piece));
            i += piece.length;
            await pause();
          }
        },
      });
      if (report.rejected > 0 && !options.skipInvalid) {
        await batch.undo(pause);
        return 0;
      }
      await batch.setStatus('publishing');
      // A piece of publication writes more per row than a piece of staging: sized afresh.
      const publishing = newPacer();
      let after = 0;
      let published = 0;
      for (;;) {
        const rows = await batch.staged<R>(after, publishing.size);
        if (rows.length === 0) break;
        const last = rows.at(-1)!.seq;
        await publishing.timed(() =>
          storage.db.transaction().execute(async (trx) => {
            await publisher.publish(trx, rows, batch.id);
            await batch.unstage(trx, last);
            await batch.beat(trx);
          }),
        );
        after = last;
        published += rows.length;
        await options.onProgress?.({
          phase: 'publishing',
          bytes: Math.round((file.size * published) / Math.max(1, report.imported)),
          totalBytes: file.size,
          rows: published,
        });
        await publishing.pause();
      }
      await batch.setStatus('published', published);
      return published;
    } catch (error) {
      // Nothing of the file stays; a failure of the undo itself is finished by the next import.
      await batch.undo(pause).catch(() => undefined);
      throw error;
    }
  }

  function done(status: ImportReport['status']): ImportReport {
    report.status = status;
    report.durationMs = Date.now() - started;
    return report;
  }
}

/** Thrown inside the transaction to undo the import of a file with errors. */
class RollBack extends Error {}

function changedDuringImport(detail: string): DomainError {
  return new DomainError(
    409,
    'conflict',
    `the database changed while the file was being imported (${detail}); nothing was imported, run the import again`,
  );
}

function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
