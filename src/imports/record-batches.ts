import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { DomainError, type FieldIssue } from '../shared/errors.js';
import type { Storage } from '../storage/database.js';
import type { Database } from '../storage/schema.js';
import { checkControlCharacters, checkFieldCount, checkHeader, fieldReader, openCsv, readRecords, REJECT_ERROR, REJECT_LINE, type CsvRecord, type RowError } from './csv-rows.js';
import { runImport, type ImportDefinition, type ImportOptions, type ImportReport, type RowOutcome } from './import-runner.js';

/**
 * Records another system sends in batches, each under a key of its own (bills by their number, a line's
 * devices by number and IMEI): the same batch by API (a JSON array or a CSV body) and by file (`ecoute …
 * import`), checked by one function per kind, recorded idempotently (sent again as it is: unchanged).
 * This module is what every such kind shares: reading the CSV, the file import's two passes, the body's
 * refusals named by place (`bills[3].amountCents` in JSON, `line 4, amount_cents` in CSV).
 */

/** What a kind's batch writer reports: the refused records by their place in the batch. */
export interface RecordBatchReport<R extends RefusedRecord> {
  received: number;
  created: number;
  updated: number;
  unchanged: number;
  refused: R[];
  /** false: nothing was written (records were refused and not skipInvalid, or only checked) */
  written: boolean;
}

export interface RefusedRecord {
  /** 0-based place in the batch */
  index: number;
  issues: FieldIssue[];
}

export interface RecordKind<Input, R extends RefusedRecord> {
  /** the records in messages and in a JSON body's object (`{ "bills": [...] }`): plural and one */
  plural: string;
  singular: string;
  columns: readonly string[];
  required: readonly string[];
  /** the column of each field */
  fieldColumn: Record<string, string>;
  /** the field a column holds, where it is not the reverse of `fieldColumn` */
  fieldOfColumn?: Record<string, string>;
  rowOf(field: (column: string) => string): Input;
  /** a row's key in the file ('' when it has none, checked later) and the column named when it repeats */
  keyOf(field: (column: string) => string): string;
  keyColumn: string;
  /** why a key seen again with other values is refused: "appears on line N …" */
  repeated: string;
  /** why a record refused when written, after it passed the check, was refused */
  maxBatch: number;
  tooManyCode: string;
  refusedCode: string;
  /** the batch checked (`checkOnly`) or written in one transaction */
  write(db: Kysely<Database>, inputs: readonly Input[], options: { skipInvalid?: boolean; now?: number; checkOnly?: boolean }): Promise<RecordBatchReport<R>>;
  /** a refused record for an item that could not be read at all (no key) */
  unreadable(index: number, issues: FieldIssue[]): R;
}

/** A record's issue as a row's error: its line and column. */
export function rowErrorOf(kind: { fieldColumn: Record<string, string> }, line: number, issue: FieldIssue): RowError {
  return { line, field: kind.fieldColumn[issue.field], reason: issue.reason, code: issue.code, params: issue.params ?? {} };
}

function tooMany(kind: RecordKind<unknown, RefusedRecord>): DomainError {
  return new DomainError(413, kind.tooManyCode, `At most ${kind.maxBatch} ${kind.plural} per request: send the rest in further requests. Nothing was recorded.`, [], { maximum: kind.maxBatch });
}

/** A row of a CSV body: read as a record, or the reasons it cannot be (a wrong number of values, a control character). */
export type RecordCsvRow<Input> = { line: number; input: Input } | { line: number; errors: RowError[] };

/** Every row of a CSV body, read whole, in file order (at most `maxBatch` rows). A file without the required columns is refused (`invalid-header`). */
export async function readRecordCsv<Input>(kind: RecordKind<Input, RefusedRecord>, path: string, name: string): Promise<RecordCsvRow<Input>[]> {
  const file = openCsv(path, name);
  checkHeader(file, kind.columns, kind.required, [REJECT_LINE, REJECT_ERROR]);
  const read = fieldReader(file);
  const rows: RecordCsvRow<Input>[] = [];
  for await (const record of readRecords(file)) {
    if (rows.length >= kind.maxBatch) throw tooMany(kind as RecordKind<unknown, RefusedRecord>);
    const countError = checkFieldCount(file, record);
    const errors = countError ? [countError] : checkControlCharacters(file, record);
    rows.push(errors.length > 0 ? { line: record.line, errors } : { line: record.line, input: kind.rowOf(read(record)) });
  }
  return rows;
}

export interface RecordFileReport extends ImportReport {
  /** of `imported`: records Ecoute did not hold */
  created: number;
  /** of `imported`: records held that changed */
  updated: number;
  /** records held as they were sent, and records given twice in the file (`duplicates`) */
  unchanged: number;
}

/** Records checked, and written, together: a short transaction each, so live work gets the database between two. */
const FILE_BATCH = 1_000;

/**
 * `ecoute … import FILE.csv`: the whole file is checked first (every error listed, a reject file on
 * demand), and a file with errors records nothing unless skipInvalid. Then the rows that passed are
 * recorded a batch per short transaction. Recording is idempotent on the key: a run stopped half-way is
 * finished by running it again.
 */
export async function importRecordFile<Input, R extends RefusedRecord>(
  kind: RecordKind<Input, R>,
  storage: Storage,
  options: ImportOptions & { now?: number },
): Promise<RecordFileReport> {
  const started = Date.now();
  const now = options.now ?? Date.now();
  const accepted = new Set<number>();
  const checked = await runImport(storage, { ...options, dryRun: true, batchSize: FILE_BATCH }, definition(kind, now, accepted));
  const tally = { created: 0, updated: 0, unchanged: checked.duplicates };
  if (options.dryRun || (checked.rejected > 0 && !options.skipInvalid) || checked.valid === 0) {
    return { ...checked, ...tally, status: options.dryRun ? 'validated' : checked.rejected > 0 ? 'rejected' : 'imported' };
  }

  const file = openCsv(options.file, options.fileName);
  const read = fieldReader(file);
  const report: RecordFileReport = { ...checked, ...tally, imported: 0, status: 'imported' };
  let batch: { line: number; input: Input }[] = [];
  let done = 0;
  const write = async () => {
    const result = await kind.write(storage.db, batch.map((b) => b.input), { skipInvalid: true, now });
    report.created += result.created;
    report.updated += result.updated;
    report.unchanged += result.unchanged;
    // Refused now, though it passed the check: what it refers to changed meanwhile.
    for (const refused of result.refused) {
      const errors = refused.issues.map((issue) => rowErrorOf(kind, batch[refused.index]!.line, issue));
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
    batch.push({ line: record.line, input: kind.rowOf(read(record)) });
    if (batch.length >= FILE_BATCH) await write();
  }
  if (batch.length > 0) await write();
  report.imported = report.created + report.updated;
  report.duplicates = report.unchanged;
  report.durationMs = Date.now() - started;
  return report;
}

/** The check of the first pass: each row as the API checks it, and a key given twice in the file. */
function definition<Input, R extends RefusedRecord>(kind: RecordKind<Input, R>, now: number, accepted: Set<number>): ImportDefinition<Input> {
  return {
    columns: kind.columns,
    required: kind.required,
    open: async (file, storage) => {
      const read = fieldReader(file);
      // each key's first line and a digest of its values
      const seen = new Map<string, { line: number; digest: string }>();
      return {
        check: async (records: CsvRecord[]): Promise<RowOutcome<Input>[]> => {
          const outcomes: (RowOutcome<Input> | undefined)[] = [];
          const firsts: { i: number; input: Input }[] = [];
          records.forEach((record, i) => {
            const field = read(record);
            const input = kind.rowOf(field);
            const key = kind.keyOf(field);
            const digest = createHash('sha256').update(kind.columns.map((c) => field(c)).join('\u001f')).digest('base64');
            const earlier = key === '' ? undefined : seen.get(key);
            if (earlier === undefined) {
              if (key !== '') seen.set(key, { line: record.line, digest });
              firsts.push({ i, input });
            } else if (earlier.digest === digest) {
              outcomes[i] = { kind: 'duplicate' };
            } else {
              const reason = `appears on line ${earlier.line} ${kind.repeated}`;
              outcomes[i] = { kind: 'error', errors: [{ line: record.line, field: kind.keyColumn, reason, code: 'repeated', params: { line: earlier.line } }] };
            }
          });
          const result = await kind.write(storage.db, firsts.map((f) => f.input), { checkOnly: true, now });
          const refused = new Map(result.refused.map((r) => [r.index, r]));
          firsts.forEach(({ i, input }, k) => {
            const problems = refused.get(k);
            if (problems) outcomes[i] = { kind: 'error', errors: problems.issues.map((issue) => rowErrorOf(kind, records[i]!.line, issue)) };
            else (outcomes[i] = { kind: 'ok', row: input }), accepted.add(records[i]!.line);
          });
          return outcomes as RowOutcome<Input>[];
        },
        // never written by runImport: the first pass is a dry run, the writing is ours
        writer: async () => ({ write: async () => undefined, finish: async () => undefined }),
      };
    },
  };
}

/** A body's report: each refused record's CSV line too (the header is line 1; null for JSON). */
export type RecordBodyReport<R extends RefusedRecord> = Omit<RecordBatchReport<R>, 'refused'> & { refused: (R & { line: number | null })[] };

interface Item<Input> {
  index: number;
  line: number | null;
  input?: Input;
  issues?: FieldIssue[];
}

/**
 * A request's body (a JSON array, `{ "<plural>": [...] }`, or a CSV file with its header line) recorded
 * as one batch. A CSV row that cannot be read (a wrong number of values) and a JSON item that is not an
 * object are refused like a record with a wrong field.
 */
export async function importRecordBody<Input, R extends RefusedRecord>(
  kind: RecordKind<Input, R>,
  storage: Storage,
  body: string,
  contentType: 'application/json' | 'text/csv',
  options: { skipInvalid: boolean; now?: number },
): Promise<RecordBodyReport<R>> {
  const items = contentType === 'application/json' ? fromJson<Input>(kind, body) : await fromCsv(kind, body);
  if (items.length > kind.maxBatch) throw tooMany(kind as RecordKind<unknown, RefusedRecord>);
  const readable = items.filter((i) => i.input !== undefined);
  const unreadable = items.filter((i) => i.input === undefined);
  // An unreadable item refuses the batch like any other: the readable ones are only checked then, to name all at once.
  const report = await kind.write(storage.db, readable.map((i) => i.input!), {
    skipInvalid: options.skipInvalid, checkOnly: unreadable.length > 0 && !options.skipInvalid, ...(options.now !== undefined ? { now: options.now } : {}),
  });
  // Indexes in the batch written are positions among the readable items: back to the body's.
  const refused = [
    ...report.refused.map((r) => ({ ...r, index: readable[r.index]!.index, line: readable[r.index]!.line })),
    ...unreadable.map((u) => ({ ...kind.unreadable(u.index, u.issues!), line: u.line })),
  ].sort((a, b) => a.index - b.index);
  if (!report.written && refused.length > 0) throw refusedBatch(kind, refused, contentType);
  return { ...report, received: items.length, refused };
}

function refusedBatch(kind: RecordKind<unknown, RefusedRecord>, refused: (RefusedRecord & { line: number | null })[], contentType: 'application/json' | 'text/csv'): DomainError {
  const fieldOf = (r: { index: number; line: number | null }, field: string) =>
    contentType === 'text/csv'
      ? field === '' ? `line ${r.line}` : `line ${r.line}, ${kind.fieldColumn[field] ?? field}`
      : field === '' ? `${kind.plural}[${r.index}]` : `${kind.plural}[${r.index}].${field}`;
  const fields = refused.flatMap((r) => r.issues.map((i) => ({ ...i, field: fieldOf(r, i.field) })));
  const n = refused.length;
  return new DomainError(
    422, kind.refusedCode,
    `${n} ${n === 1 ? `${kind.singular} was` : `${kind.plural} were`} refused, so nothing was recorded: correct ${n === 1 ? 'it' : 'them'} and send the batch again, or send it with skipInvalid=true to record the others.`,
    fields, { count: n },
  );
}

function fromJson<Input>(kind: RecordKind<Input, RefusedRecord>, body: string): Item<Input>[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw new DomainError(400, 'malformed-json', 'The body is not valid JSON. Nothing was recorded.');
  }
  const wrapped = parsed !== null && typeof parsed === 'object' ? (parsed as Record<string, unknown>)[kind.plural] : undefined;
  const list = Array.isArray(parsed) ? parsed : Array.isArray(wrapped) ? wrapped : null;
  if (list === null) {
    throw new DomainError(400, 'invalid-input', `The body must be an array of ${kind.plural}, or an object with an array "${kind.plural}". Nothing was recorded.`, [
      { field: kind.plural, reason: 'must be an array', code: 'wrong-type', params: { expected: 'array' } },
    ]);
  }
  return list.map((value, index): Item<Input> =>
    value !== null && typeof value === 'object' && !Array.isArray(value)
      ? { index, line: null, input: value as Input }
      : { index, line: null, issues: [{ field: '', reason: 'must be an object', code: 'wrong-type', params: { expected: 'object' } }] },
  );
}

/** The CSV body, read as the file import reads a file: saved to a private temporary folder for the time of the reading. */
async function fromCsv<Input>(kind: RecordKind<Input, RefusedRecord>, body: string): Promise<Item<Input>[]> {
  const dir = await mkdtemp(join(tmpdir(), `ecoute-${kind.plural}-`));
  const fieldOfColumn = (column: string) => kind.fieldOfColumn?.[column] ?? Object.entries(kind.fieldColumn).find(([, c]) => c === column)?.[0] ?? column;
  try {
    const file = join(dir, `${kind.plural}.csv`);
    await writeFile(file, body);
    const rows = await readRecordCsv(kind, file, 'the body');
    return rows.map((row, index): Item<Input> =>
      'input' in row
        ? { index, line: row.line, input: row.input }
        : { index, line: row.line, issues: row.errors.map((e) => ({ field: e.field === undefined ? '' : fieldOfColumn(e.field), reason: e.reason, code: e.field === undefined ? 'invalid' : 'unsafe-text' })) },
    );
  } catch (error) {
    // A body that is not a readable CSV file with the required columns is a bad request; 422 is for records refused.
    if (error instanceof DomainError && (error.code === 'invalid-header' || error.code === 'invalid-file')) throw new DomainError(400, error.code, error.message, error.fields);
    throw error;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
