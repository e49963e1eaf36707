import { basename } from 'node:path';
import type { Kysely, Selectable } from 'kysely';
import { fieldReader, type FieldReader, type RowError } from '../imports/csv-rows.js';
import { runImport, type ImportOptions, type ImportReport, type RequiredColumns, type RowOutcome } from '../imports/import-runner.js';
import { newId } from '../shared/ids.js';
import type { Storage } from '../storage/database.js';
import type { Database, ExternalStudyTable } from '../storage/schema.js';
import { BASIS_COLUMNS, parseFigures, SCORE_COLUMNS, SHARE_COLUMNS, type Fail, type StudyFigures } from './study-figures.js';
import { parsePeriod, type Period } from './study-period.js';

/** Columns of a studies file (docs/studies.md). */
export const STUDY_COLUMNS: readonly string[] = [
  'firm', 'study', 'period', 'segment', 'n', ...SHARE_COLUMNS, ...SCORE_COLUMNS, ...BASIS_COLUMNS, 'method',
];

export interface StudyImportOptions extends ImportOptions {
  /** the user or API token importing; none from the command line */
  importedBy?: string | undefined;
}

interface StudyRow extends StudyFigures {
  firm: string;
  name: string;
  period: Period;
  segment: string | null;
  n: number;
  method: string | null;
}

/** What makes a study itself: the same firm, study, period and segment is the same study. */
type StudyKey = string;

/** More than any study of a country has respondents; also keeps n inside a 32-bit integer. */
const MAX_N = 10_000_000;

/**
 * Imports external relational NPS studies from a CSV file, all or nothing unless skipInvalid.
 * A study already in Ecoute with the same figures is skipped (a duplicate), so a file can be
 * imported again; with other figures it is an error: an imported study is never overwritten (it is
 * corrected by deleting it, then importing again).
 */
export async function importStudies(storage: Storage, options: StudyImportOptions): Promise<ImportReport> {
  const sourceFile = basename(options.fileName ?? options.file);
  return runImport<StudyRow>(storage, options, {
    columns: STUDY_COLUMNS,
    required: requiredColumns,
    async open(file) {
      const read = fieldReader(file);
      const firstLines = new Map<StudyKey, number>();
      return {
        async check(records, db) {
          const parsed = records.map((record) => parseRow(read(record), record.line));
          // The same study twice in the file: the later row is rejected, whatever the earlier one's fate.
          const repeats = parsed.map(({ key }, i) => {
            if (key === undefined) return undefined;
            const first = firstLines.get(key);
            if (first === undefined) firstLines.set(key, records[i]!.line);
            return first;
          });
          const stored = await storedStudies(db, parsed.flatMap(({ row }, i) => (row && repeats[i] === undefined ? [row] : [])));
          return parsed.map(({ key, row, errors }, i): RowOutcome<StudyRow> => {
            const line = records[i]!.line;
            const first = repeats[i];
            if (first !== undefined) {
              const reason = `the same study (firm, study, period and segment) is also on line ${first}`;
              return { kind: 'error', errors: [{ line, field: undefined, reason, code: 'repeated-in-file', params: { line: first } }, ...errors] };
            }
            if (!row) return { kind: 'error', errors };
            const existing = stored.get(key!);
            if (!existing) return { kind: 'ok', row };
            if (sameFigures(existing, row)) return { kind: 'duplicate' };
            const params = { file: existing.source_file, date: new Date(existing.imported_at).toISOString().slice(0, 10) };
            return { kind: 'error', errors: [{ line, field: undefined, reason: alreadyImported(existing), code: 'imported-with-other-figures', params }] };
          });
        },

        async writer(trx) {
          const importedAt = Date.now();
          return {
            async write(rows) {
              await trx
                .insertInto('external_studies')
                .values(rows.map(({ row }) => toRecord(row, { sourceFile, importedAt, importedBy: options.importedBy ?? null })))
                .execute();
            },
            // Nothing to derive once the rows are in.
            async finish() {},
          };
        },
      };
    },
  });
}

/**
 * firm, study, period and n, and the figures: the three shares, or the scores (score_1 … score_10;
 * score_0 exists only on the 0-10 scale). Without either, the shares are asked for.
 */
function requiredColumns(header: readonly string[]): RequiredColumns {
  const scores = header.some((column) => SCORE_COLUMNS.includes(column));
  const shares = header.some((column) => (SHARE_COLUMNS as readonly string[]).includes(column));
  return ['firm', 'study', 'period', 'n', ...(shares || !scores ? SHARE_COLUMNS : []), ...(scores ? SCORE_COLUMNS.slice(1) : [])];
}

/** Every error of the row; `key` as soon as the study is identified, even when its figures are wrong. */
function parseRow(get: FieldReader, line: number): { key: StudyKey | undefined; row: StudyRow | undefined; errors: RowError[] } {
  const errors: RowError[] = [];
  const fail: Fail = (field, reason, code, params) => errors.push({ line, field, reason, code, ...(params ? { params } : {}) });
  const firm = text(get, 'firm', 200, fail, true);
  const name = text(get, 'study', 200, fail, true);
  const period = parsePeriodField(get('period'), fail);
  const segment = text(get, 'segment', 100, fail)?.toLowerCase() ?? null;
  const n = parseN(get('n'), fail);
  const figures = parseFigures(get, n, fail);
  const method = text(get, 'method', 2000, fail);
  const key = firm && name && period ? studyKey({ firm, name, period, segment }) : undefined;
  if (errors.length > 0 || !firm || !name || !period || n === undefined || !figures) return { key, row: undefined, errors };
  return { key, row: { firm, name, period, segment, n, method, ...figures }, errors };
}

function studyKey(study: { firm: string; name: string; period: Period; segment: string | null }): StudyKey {
  return JSON.stringify([study.firm, study.name, study.period.start, study.period.end, study.segment ?? '']);
}

function text(get: FieldReader, column: string, maxLength: number, fail: Fail, required = false): string | null {
  const value = get(column);
  if (value === '') {
    if (required) fail(column, 'is required', 'required');
    return null;
  }
  if (value.length > maxLength) {
    fail(column, `is longer than ${maxLength} characters`, 'too-long', { max: maxLength });
    return null;
  }
  return value;
}

function parsePeriodField(raw: string, fail: Fail): Period | undefined {
  if (raw === '') {
    fail('period', 'is required (e.g. 2025, 2025-Q1, 2025-03 or 2025-01-06/2025-02-14)', 'period-required');
    return undefined;
  }
  const parsed = parsePeriod(raw);
  if (parsed.ok) return parsed.period;
  fail('period', parsed.reason, parsed.code, parsed.params);
  return undefined;
}

function parseN(raw: string, fail: Fail): number | undefined {
  if (raw === '') {
    fail('n', 'is required (the number of respondents)', 'n-required');
    return undefined;
  }
  const n = /^\d+$/.test(raw) ? Number(raw) : 0;
  if (n < 1) fail('n', `must be a positive whole number, got "${raw}"`, 'n-not-positive', { value: raw });
  else if (n > MAX_N) fail('n', `${raw} respondents is more than a study has (at most ${MAX_N.toLocaleString('en')})`, 'n-too-large', { value: raw, max: MAX_N });
  else return n;
  return undefined;
}

type StoredStudy = Pick<
  Selectable<ExternalStudyTable>,
  'id' | 'firm' | 'name' | 'period_start' | 'period_end' | 'segment' | 'n' | 'scale_min' | 'scale_max' | 'promoter_min' | 'detractor_max' | 'promoters' | 'passives' | 'detractors' | 'source_file' | 'imported_at'
>;

/** The studies of these rows already in the database, by key. */
async function storedStudies(db: Kysely<Database>, rows: StudyRow[]): Promise<Map<StudyKey, StoredStudy>> {
  if (rows.length === 0) return new Map();
  const found = await db
    .selectFrom('external_studies')
    .select([
      'id', 'firm', 'name', 'period_start', 'period_end', 'segment', 'n', 'scale_min', 'scale_max', 'promoter_min', 'detractor_max',
      'promoters', 'passives', 'detractors', 'source_file', 'imported_at',
    ])
    .where('firm', 'in', [...new Set(rows.map((row) => row.firm))])
    .where('name', 'in', [...new Set(rows.map((row) => row.name))])
    .execute();
  return new Map(found.map((s) => [studyKey({ firm: s.firm, name: s.name, period: { start: s.period_start, end: s.period_end }, segment: s.segment }), s]));
}

function sameFigures(stored: StoredStudy, row: StudyRow): boolean {
  const close = (a: number, b: number) => Math.abs(a - b) < 1e-9;
  return (
    stored.n === row.n &&
    stored.scale_min === row.basis.scaleMin &&
    stored.scale_max === row.basis.scaleMax &&
    stored.promoter_min === row.basis.promoterMin &&
    stored.detractor_max === row.basis.detractorMax &&
    close(stored.promoters, row.shares.promoters) &&
    close(stored.passives, row.shares.passives) &&
    close(stored.detractors, row.shares.detractors)
  );
}

function alreadyImported(stored: StoredStudy): string {
  const percent = (share: number) => `${(100 * share).toFixed(1)}%`;
  const figures = `n ${stored.n}, promoters ${percent(stored.promoters)}, passives ${percent(stored.passives)}, detractors ${percent(stored.detractors)}`;
  const when = new Date(stored.imported_at).toISOString().slice(0, 10);
  return (
    `this study is already in Ecoute with other figures (${figures}; from ${stored.source_file}, imported on ${when}): ` +
    `an imported study is never overwritten; to correct it, delete it first (ecoute studies delete ${stored.id}) and import the file again`
  );
}

function toRecord(row: StudyRow, provenance: { sourceFile: string; importedAt: number; importedBy: string | null }): ExternalStudyTable {
  return {
    id: newId(),
    firm: row.firm,
    name: row.name,
    period_start: row.period.start,
    period_end: row.period.end,
    segment: row.segment,
    n: row.n,
    scale_min: row.basis.scaleMin,
    scale_max: row.basis.scaleMax,
    promoter_min: row.basis.promoterMin,
    detractor_max: row.basis.detractorMax,
    promoters: row.shares.promoters,
    passives: row.shares.passives,
    detractors: row.shares.detractors,
    distribution: row.distribution && JSON.stringify(row.distribution),
    method: row.method,
    source_file: provenance.sourceFile,
    imported_at: provenance.importedAt,
    imported_by: provenance.importedBy,
  };
}
