import { fieldReader, openCsv, readRecords, type CsvRecord, type RowError } from '../imports/csv-rows.js';
import { runImport, type ImportDefinition, type ImportOptions, type ImportReport, type RowOutcome } from '../imports/import-runner.js';
import type { Storage } from '../storage/database.js';
import { ingestUsage, MAX_BATCH_EVENTS } from './usage-ingest.js';
import type { UsageEventInput } from './usage-events.js';

/**
 * `ecoute usage import FILE.csv` (docs/self-service.md, "Usage sources"): columns event_id, msisdn,
 * occurred_at, type, quantity, country. The whole file is checked first (with the same checks as the
 * API, every error listed, a reject file on demand): a file with errors counts nothing unless
 * skipInvalid. Then it is counted a batch per short transaction, so live work gets the database between
 * two. Events are counted once by their id: a run stopped half-way is finished by running it again.
 */
const COLUMNS = ['event_id', 'msisdn', 'occurred_at', 'type', 'quantity', 'country'] as const;
const FIELD_COLUMN: Record<string, string> = { eventId: 'event_id', msisdn: 'msisdn', occurredAt: 'occurred_at', type: 'type', quantity: 'quantity', country: 'country' };

export async function importUsage(storage: Storage, options: ImportOptions & { now?: number }): Promise<ImportReport> {
  const started = Date.now();
  const now = options.now ?? Date.now();
  const checked = await runImport(storage, { ...options, dryRun: true }, definition(now));
  if (options.dryRun || (checked.rejected > 0 && !options.skipInvalid) || checked.valid === 0) {
    return { ...checked, status: options.dryRun ? 'validated' : checked.rejected > 0 ? 'rejected' : 'imported' };
  }

  const file = openCsv(options.file, options.fileName);
  const read = fieldReader(file);
  const report: ImportReport = { ...checked, imported: 0, duplicates: 0, status: 'imported' };
  let batch: UsageEventInput[] = [];
  let counted = 0;
  const count = async () => {
    // Checked already: a row refused now (its line ended meanwhile) was refused in the first pass too, or is reported below.
    const result = await ingestUsage(storage, batch, { skipInvalid: true, now });
    report.imported += result.accepted;
    report.duplicates += result.duplicates;
    counted += batch.length;
    batch = [];
    await options.onProgress?.({ phase: 'publishing', bytes: Math.round((file.size * counted) / Math.max(1, checked.rows)), totalBytes: file.size, rows: counted });
  };
  for await (const record of readRecords(file)) {
    batch.push(inputOf(read(record)));
    if (batch.length >= MAX_BATCH_EVENTS) await count();
  }
  if (batch.length > 0) await count();
  report.durationMs = Date.now() - started;
  return report;
}

function inputOf(field: (column: string) => string): UsageEventInput {
  return { eventId: field('event_id'), msisdn: field('msisdn'), occurredAt: field('occurred_at'), type: field('type'), quantity: field('quantity'), country: field('country') };
}

function definition(now: number): ImportDefinition<UsageEventInput> {
  return {
    columns: COLUMNS,
    required: COLUMNS,
    open: async (file, storage) => {
      const read = fieldReader(file);
      const seen = new Set<string>();
      return {
        check: async (records: CsvRecord[]): Promise<RowOutcome<UsageEventInput>[]> => {
          const inputs = records.map((r) => inputOf(read(r)));
          const result = await ingestUsage(storage, inputs, { checkOnly: true, now });
          const refused = new Map(result.refused.map((r) => [r.index, r]));
          return records.map((record, i): RowOutcome<UsageEventInput> => {
            const problems = refused.get(i);
            if (problems) {
              return { kind: 'error', errors: problems.issues.map((issue): RowError => ({ line: record.line, field: FIELD_COLUMN[issue.field], reason: issue.reason, code: issue.code, params: issue.params ?? {} })) };
            }
            // the same event twice in the file: counted once, like a replay
            const id = String(inputs[i]!.eventId).trim();
            if (seen.has(id)) return { kind: 'duplicate' };
            seen.add(id);
            return { kind: 'ok', row: inputs[i]! };
          });
        },
        // never written by runImport: the first pass is a dry run, the counting is ours
        writer: async () => ({ write: async () => undefined, finish: async () => undefined }),
      };
    },
  };
}
