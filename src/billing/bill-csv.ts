import { createHash } from 'node:crypto';
import { checkControlCharacters, checkFieldCount, checkHeader, fieldReader, openCsv, parseFlag, readRecords, REJECT_ERROR, REJECT_LINE, type CsvRecord, type RowError } from '../imports/csv-rows.js';
import { runImport, type ImportDefinition, type ImportOptions, type ImportReport, type RowOutcome } from '../imports/import-runner.js';
import { DomainError } from '../shared/errors.js';
import type { Storage } from '../storage/database.js';
import { importBills, MAX_BATCH_BILLS } from './bill-import.js';
import type { BillInput } from './bill-rows.js';

/**
 * Bills in a CSV file (docs/self-service.md, "Bills"): the columns, a row read as a bill, the file
 * import of `ecoute bills import` and the CSV body of `POST /api/v1/bills`. The same checks as the
 * API's JSON (bill-rows.ts, bill-import.ts), each error named by its line and column.
 */
export const BILL_COLUMNS = ['bill_number', 'account_number', 'period_start', 'period_end', 'amount_cents', 'issued_on', 'due_on', 'paid_at', 'pdf_url', 'currency'] as const;
/** paid_at and pdf_url may be left out (not paid, no PDF); currency is EUR when left out. */
export const BILL_REQUIRED_COLUMNS = ['bill_number', 'account_number', 'period_start', 'period_end', 'amount_cents', 'issued_on', 'due_on'] as const;
/** The column of each field of a bill. */
export const BILL_FIELD_COLUMN: Record<string, string> = {
  billNumber: 'bill_number', accountNumber: 'account_number', periodStart: 'period_start', periodEnd: 'period_end', amountCents: 'amount_cents',
  issuedOn: 'issued_on', dueOn: 'due_on', paid: 'paid_at', paidAt: 'paid_at', pdfUrl: 'pdf_url', currency: 'currency',
};
/** Bills checked, and written, together: a short transaction each, so live work gets the database between two. */
const FILE_BATCH = 1_000;

/** A row as a bill: `paid_at` is a day or a time, or yes / no (paid, its time not known). */
export function billOfRow(field: (column: string) => string): BillInput {
  const paid = field('paid_at');
  const flag = parseFlag(paid);
  return {
    billNumber: field('bill_number'), accountNumber: field('account_number'), periodStart: field('period_start'), periodEnd: field('period_end'),
    amountCents: field('amount_cents'), issuedOn: field('issued_on'), dueOn: field('due_on'), currency: field('currency'), pdfUrl: field('pdf_url'),
    ...(flag.ok ? { paid: flag.value ?? false } : { paidAt: paid }),
  };
}

/** A bill's issue as a row's error: its line and column. */
export function rowErrorOf(line: number, issue: { field: string; reason: string; code?: string | undefined; params?: Record<string, string | number> | undefined }): RowError {
  return { line, field: BILL_FIELD_COLUMN[issue.field], reason: issue.reason, code: issue.code, params: issue.params ?? {} };
}

/** A row of a CSV body: read as a bill, or the reasons it cannot be (a wrong number of values, a control character). */
export type BillCsvRow = { line: number; input: BillInput } | { line: number; errors: RowError[] };

/**
 * Every row of a CSV file of bills, read whole, in file order (a body sent to the API, at most
 * MAX_BATCH_BILLS rows). A file without the required columns is refused (`invalid-header`).
 */
export async function readBillCsv(path: string, name: string): Promise<BillCsvRow[]> {
  const file = openCsv(path, name);
  checkHeader(file, BILL_COLUMNS, BILL_REQUIRED_COLUMNS, [REJECT_LINE, REJECT_ERROR]);
  const read = fieldReader(file);
  const rows: BillCsvRow[] = [];
  for await (const record of readRecords(file)) {
    if (rows.length >= MAX_BATCH_BILLS) {
      throw new DomainError(413, 'too-many-bills', `At most ${MAX_BATCH_BILLS} bills per request: send the rest in further requests. Nothing was recorded.`, [], { maximum: MAX_BATCH_BILLS });
    }
    const countError = checkFieldCount(file, record);
    const errors = countError ? [countError] : checkControlCharacters(file, record);
    rows.push(errors.length > 0 ? { line: record.line, errors } : { line: record.line, input: billOfRow(read(record)) });
  }
  return rows;
}

export interface BillFileReport extends ImportReport {
  /** of `imported`: bills Ecoute did not hold */
  created: number;
  /** of `imported`: bills held whose payment, due date or PDF link changed */
  updated: number;
  /** bills held as they were sent, and bills given twice in the file (`duplicates`) */
  unchanged: number;
}

/**
 * `ecoute bills import FILE.csv`: the whole file is checked first (every error listed, a reject file on
 * demand), and a file with errors records nothing unless skipInvalid. Then the rows that passed are
 * recorded a batch per short transaction. Recording is idempotent on the bill number: a run stopped
 * half-way is finished by running it again.
 */
export async function importBillFile(storage: Storage, options: ImportOptions & { now?: number }): Promise<BillFileReport> {
  const started = Date.now();
  const now = options.now ?? Date.now();
  const accepted = new Set<number>();
  const checked = await runImport(storage, { ...options, dryRun: true, batchSize: FILE_BATCH }, definition(now, accepted));
  const tally = { created: 0, updated: 0, unchanged: checked.duplicates };
  if (options.dryRun || (checked.rejected > 0 && !options.skipInvalid) || checked.valid === 0) {
    return { ...checked, ...tally, status: options.dryRun ? 'validated' : checked.rejected > 0 ? 'rejected' : 'imported' };
  }

  const file = openCsv(options.file, options.fileName);
  const read = fieldReader(file);
  const report: BillFileReport = { ...checked, ...tally, imported: 0, status: 'imported' };
  let batch: { line: number; input: BillInput }[] = [];
  let done = 0;
  const write = async () => {
    const result = await importBills(storage.db, batch.map((b) => b.input), { skipInvalid: true, now });
    report.created += result.created;
    report.updated += result.updated;
    report.unchanged += result.unchanged;
    // Refused now, though it passed the check: the bill held under its number changed meanwhile.
    for (const refused of result.refused) {
      const errors = refused.issues.map((issue) => rowErrorOf(batch[refused.index]!.line, issue));
      report.rejected++;
      report.errorCount += errors.length;
      for (const error of errors) if (report.errors.length < (options.maxErrors ?? 1000)) report.errors.push(error);
    }
    done += batch.length;
    batch = [];
    await options.onProgress?.({ phase: 'publishing', bytes: Math.round((file.size * done) / Math.max(1, accepted.size)), totalBytes: file.size, rows: done });
  };
  for await (const record of readRecords(file)) {
    if (!accepted.has(record.line)) continue;
    batch.push({ line: record.line, input: billOfRow(read(record)) });
    if (batch.length >= FILE_BATCH) await write();
  }
  if (batch.length > 0) await write();
  report.imported = report.created + report.updated;
  report.duplicates = report.unchanged;
  report.durationMs = Date.now() - started;
  return report;
}

/** The check of the first pass: each row as the API checks it, and a bill given twice in the file. */
function definition(now: number, accepted: Set<number>): ImportDefinition<BillInput> {
  return {
    columns: BILL_COLUMNS,
    required: BILL_REQUIRED_COLUMNS,
    open: async (file, storage) => {
      const read = fieldReader(file);
      // each bill number's first line and a digest of its values
      const seen = new Map<string, { line: number; digest: string }>();
      return {
        check: async (records: CsvRecord[]): Promise<RowOutcome<BillInput>[]> => {
          const outcomes: (RowOutcome<BillInput> | undefined)[] = [];
          const firsts: { i: number; input: BillInput }[] = [];
          records.forEach((record, i) => {
            const field = read(record);
            const input = billOfRow(field);
            const number = field('bill_number');
            const digest = createHash('sha256').update(BILL_COLUMNS.map((c) => field(c)).join('\u001f')).digest('base64');
            const earlier = number === '' ? undefined : seen.get(number);
            if (earlier === undefined) {
              if (number !== '') seen.set(number, { line: record.line, digest });
              firsts.push({ i, input });
            } else if (earlier.digest === digest) {
              outcomes[i] = { kind: 'duplicate' };
            } else {
              outcomes[i] = { kind: 'error', errors: [{ line: record.line, field: 'bill_number', reason: `appears on line ${earlier.line} with other values`, code: 'repeated', params: { line: earlier.line } }] };
            }
          });
          const result = await importBills(storage.db, firsts.map((f) => f.input), { checkOnly: true, now });
          const refused = new Map(result.refused.map((r) => [r.index, r]));
          firsts.forEach(({ i, input }, k) => {
            const problems = refused.get(k);
            if (problems) outcomes[i] = { kind: 'error', errors: problems.issues.map((issue) => rowErrorOf(records[i]!.line, issue)) };
            else (outcomes[i] = { kind: 'ok', row: input }), accepted.add(records[i]!.line);
          });
          return outcomes as RowOutcome<BillInput>[];
        },
        // never written by runImport: the first pass is a dry run, the writing is ours
        writer: async () => ({ write: async () => undefined, finish: async () => undefined }),
      };
    },
  };
}
