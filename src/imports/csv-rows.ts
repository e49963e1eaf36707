import { createReadStream, createWriteStream, openSync, readSync, closeSync, statSync, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { parse } from 'csv-parse';
import { parse as parseSync } from 'csv-parse/sync';
import { stringify, type Stringifier } from 'csv-stringify';
import { DomainError } from '../shared/errors.js';

/**
 * Shared plumbing of the CSV imports: streaming reader with real file line numbers,
 * header checks, field helpers, row errors and the reject file.
 */

/** One data record of the file. */
export interface CsvRecord {
  /** 1-based line of the file where the record starts (the header is line 1) */
  line: number;
  /** raw values, as in the file */
  values: string[];
}

/** What is wrong with one row; `field` is the column name, or undefined for the row as a whole. */
export interface RowError {
  line: number;
  field: string | undefined;
  reason: string;
  /** a stable code of the error and the values its reason is made of, where a client words it in its reader's language (studies) */
  code?: string | undefined;
  params?: Record<string, string | number>;
}

/** `line 14, phones: "62x" is not a valid phone number (...)` */
export function formatRowError(error: RowError): string {
  return error.field === undefined ? `line ${error.line}: ${error.reason}` : `line ${error.line}, ${error.field}: ${error.reason}`;
}

export interface CsvFormat {
  delimiter: ',' | ';' | '\t';
  bom: boolean;
}

/**
 * Reads the first line of the file: its byte-order mark, its delimiter (a comma unless the header has
 * more semicolons or tabs: spreadsheets set to French or German save with semicolons; column names
 * never contain any of them) and the column names.
 */
function readHeaderLine(path: string, name: string): { format: CsvFormat; rawHeader: string[] } {
  const fd = openSync(path, 'r');
  let text: string;
  try {
    const buffer = Buffer.alloc(64 * 1024);
    const length = readSync(fd, buffer, 0, buffer.length, 0);
    text = buffer.subarray(0, length).toString('utf8');
  } finally {
    closeSync(fd);
  }
  const bom = text.startsWith('\uFEFF');
  if (bom) text = text.slice(1);
  const end = text.search(/\r|\n/);
  const line = end === -1 ? text : text.slice(0, end);
  const count = (c: string) => line.split(c).length - 1;
  const candidates: CsvFormat['delimiter'][] = [',', ';', '\t'];
  const delimiter = candidates.reduce((best, c) => (count(c) > count(best) ? c : best), ',');
  let rawHeader: string[] = [];
  try {
    rawHeader = (parseSync(line, { delimiter }) as string[][])[0] ?? [];
  } catch (error) {
    throw new DomainError(422, 'invalid-file', `${name}, line 1 (header): not valid CSV (${(error as Error).message}). Nothing was imported.`);
  }
  return { format: { delimiter, bom }, rawHeader };
}

export interface CsvFile {
  path: string;
  /** how messages name the file: its path, or the name it had before being saved (an upload) */
  name: string;
  format: CsvFormat;
  /** header names, trimmed and lower-cased */
  header: string[];
  /** header as written in the file (for the reject file) */
  rawHeader: string[];
  /** file size in bytes, for progress */
  size: number;
}

/**
 * Streams the data records of a CSV file with the line each one starts on.
 * `onBytes` receives the number of bytes read so far (for progress bars).
 */
export async function* readRecords(file: CsvFile, onBytes?: (bytes: number) => void): AsyncGenerator<CsvRecord> {
  const input = createReadStream(file.path, { highWaterMark: 256 * 1024 });
  const parser = input.pipe(parse({ bom: true, delimiter: file.format.delimiter, relax_column_count: true }));
  // Line numbers counted here: csv-parse's own count (info) costs time and counts a CRLF inside a
  // quoted value as two lines.
  let line = 1;
  let first = true;
  let count = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      const start = line;
      line++;
      if (record.length === 1 && record[0] === '') continue; // an empty line
      for (const value of record) {
        if (value.includes('\n') || value.includes('\r')) line += value.match(/\r\n|\r|\n/g)?.length ?? 0;
      }
      if (first) {
        first = false; // the header
        continue;
      }
      if (onBytes && (++count & 1023) === 0) onBytes(input.bytesRead);
      yield { line: start, values: record };
    }
  } catch (error) {
    if (error instanceof Error && 'code' in error && typeof error.code === 'string' && error.code.startsWith('CSV_')) {
      // An unclosed quote is noticed at the end of the file, after every complete record was read:
      // it opens the record after them. Other errors are noticed on the line csv-parse reports.
      const unclosed = error.code === 'CSV_QUOTE_NOT_CLOSED';
      const at = unclosed || !('lines' in error) || typeof error.lines !== 'number' ? line : error.lines;
      const what = unclosed ? 'a value opens a double quote that is never closed' : `this is not valid CSV (${error.message})`;
      throw new DomainError(422, 'invalid-file', `${file.name}, line ${at}: ${what}. Nothing was imported.`);
    }
    throw error;
  } finally {
    // Also when the caller stops early (an error while importing).
    input.destroy();
  }
  onBytes?.(file.size);
}

/** Opens a CSV file and reads its header line; messages call it `name`. */
export function openCsv(path: string, name = path): CsvFile {
  let size: number;
  try {
    const stat = statSync(path);
    if (!stat.isFile()) throw new Error('not a file');
    size = stat.size;
  } catch {
    throw new DomainError(400, 'invalid-input', `${name}: no such file`, [{ field: 'file', reason: 'no such file' }]);
  }
  const { format, rawHeader } = readHeaderLine(path, name);
  if (rawHeader.every((h) => h.trim() === '')) {
    throw new DomainError(422, 'invalid-file', `${name}: the first line must name the columns (see docs/import.md). Nothing was imported.`);
  }
  return { path, name, format, rawHeader, header: rawHeader.map((h) => h.trim().toLowerCase()), size };
}

/**
 * Checks the header: every column must be known, none twice, and the required ones present.
 * `required` lists alternatives: ['customer_number', 'phone'] means one of the two.
 */
export function checkHeader(
  file: CsvFile,
  known: readonly string[],
  required: readonly (string | readonly string[])[],
  /** accepted and not read */
  ignored: readonly string[] = [],
): void {
  const problems: string[] = [];
  const unknown = file.header.filter((h) => !known.includes(h) && !ignored.includes(h));
  if (unknown.length > 0) {
    problems.push(
      `unknown column${unknown.length > 1 ? 's' : ''} ${unknown.map((h) => `"${h}"`).join(', ')} (the columns are: ${known.join(', ')})`,
    );
  }
  const twice = [...new Set(file.header.filter((h, i) => file.header.indexOf(h) !== i))];
  if (twice.length > 0) problems.push(`column${twice.length > 1 ? 's' : ''} ${twice.map((h) => `"${h}"`).join(', ')} appear more than once`);
  const missing = required
    .filter((r) => (typeof r === 'string' ? !file.header.includes(r) : !r.some((c) => file.header.includes(c))))
    .map((r) => (typeof r === 'string' ? `"${r}"` : r.map((c) => `"${c}"`).join(' or ')));
  if (missing.length > 0) problems.push(`missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`);
  if (problems.length > 0) {
    throw new DomainError(
      422,
      'invalid-header',
      `${file.name}, line 1 (header): ${problems.join('; ')}. Nothing was imported.`,
      problems.map((reason) => ({ field: 'header', reason })),
    );
  }
}

/** Reads the values of one record by column name (trimmed; '' when the column is absent). */
export type FieldReader = (column: string) => string;

export function fieldReader(file: CsvFile): (record: CsvRecord) => FieldReader {
  const index = new Map(file.header.map((h, i) => [h, i]));
  return (record) => (column) => {
    const i = index.get(column);
    return i === undefined ? '' : (record.values[i] ?? '').trim();
  };
}

/** Splits a multi-value field (`a; b;c`): trimmed, without empty items. */
export function splitList(value: string): string[] {
  if (value === '') return [];
  return value
    .split(';')
    .map((v) => v.trim())
    .filter((v) => v !== '');
}

const TRUE_WORDS = new Set(['yes', '1', 'true', 'y']);
const FALSE_WORDS = new Set(['no', '0', 'false', 'n']);

/** yes/no/1/0/true/false (any case; also y/n); empty gives null, for the caller's default. */
export function parseFlag(value: string): { ok: true; value: boolean | null } | { ok: false; reason: string } {
  if (value === '') return { ok: true, value: null };
  const v = value.toLowerCase();
  if (TRUE_WORDS.has(v)) return { ok: true, value: true };
  if (FALSE_WORDS.has(v)) return { ok: true, value: false };
  return { ok: false, reason: `"${value}" is not yes or no (expected yes, no, 1, 0, true or false)` };
}

/** Checks that the record has as many values as the header; returns the row error otherwise. */
export function checkFieldCount(file: CsvFile, record: CsvRecord): RowError | undefined {
  if (record.values.length === file.header.length) return undefined;
  return {
    line: record.line,
    field: undefined,
    reason: `has ${record.values.length} value${record.values.length === 1 ? '' : 's'} but the header has ${file.header.length} columns (a value containing "${file.format.delimiter === '\t' ? '\\t' : file.format.delimiter}" must be in double quotes)`,
  };
}

/** Control characters no value may hold (tab and line breaks are text; NUL cannot even be stored by PostgreSQL). */
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/** An error per column whose value holds a control character, naming it. */
export function checkControlCharacters(file: CsvFile, record: CsvRecord): RowError[] {
  const errors: RowError[] = [];
  record.values.forEach((value, i) => {
    const found = CONTROL.exec(value);
    if (!found) return;
    const code = `U+${found[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
    errors.push({ line: record.line, field: file.header[i], reason: `contains the control character ${code} at position ${found.index + 1}; remove it` });
  });
  return errors;
}

/** Columns the reject file adds; an import ignores them, so a corrected reject file can be imported as it is. */
export const REJECT_LINE = 'line';
export const REJECT_ERROR = 'error';

/**
 * The reject file: the rejected records with their original columns plus `line` and `error`,
 * in the input's delimiter, created on the first reject.
 */
export class RejectWriter {
  private stringifier: Stringifier | undefined;
  private output: WriteStream | undefined;
  private failure: Error | undefined;
  count = 0;

  constructor(
    readonly path: string,
    private readonly file: CsvFile,
  ) {}

  async write(record: CsvRecord, errors: RowError[]): Promise<void> {
    // A reject file being imported again already has the columns: their values are replaced.
    const lineColumn = this.file.header.indexOf(REJECT_LINE);
    const errorColumn = this.file.header.indexOf(REJECT_ERROR);
    if (!this.stringifier) {
      let fd: number;
      try {
        fd = openSync(this.path, 'w');
      } catch (error) {
        throw new DomainError(400, 'invalid-input', `cannot write the reject file ${this.path} (${(error as Error).message})`, [
          { field: 'rejects', reason: 'cannot be written' },
        ]);
      }
      this.output = createWriteStream(this.path, { fd });
      this.output.on('error', (error) => (this.failure ??= error));
      this.stringifier = stringify({ delimiter: this.file.format.delimiter, bom: this.file.format.bom, record_delimiter: 'unix' });
      this.stringifier.pipe(this.output);
      const header = [...this.file.rawHeader];
      if (lineColumn === -1) header.push(REJECT_LINE);
      if (errorColumn === -1) header.push(REJECT_ERROR);
      this.stringifier.write(header);
    }
    const values = this.file.header.map((_, i) => record.values[i] ?? '');
    const error = errors.map((e) => (e.field === undefined ? e.reason : `${e.field}: ${e.reason}`)).join(' | ');
    if (lineColumn === -1) values.push(String(record.line));
    else values[lineColumn] = String(record.line);
    if (errorColumn === -1) values.push(error);
    else values[errorColumn] = error;
    this.count++;
    if (!this.stringifier.write(values)) await once(this.stringifier, 'drain');
  }

  /** Closes the file; returns its path, or undefined when nothing was rejected. */
  async close(): Promise<string | undefined> {
    if (!this.stringifier || !this.output) return undefined;
    if (!this.failure) {
      const finished = once(this.output, 'close');
      this.stringifier.end();
      await finished.catch((error: Error) => (this.failure ??= error));
    }
    if (this.failure) throw new DomainError(400, 'invalid-input', `cannot write the reject file ${this.path} (${this.failure.message})`);
    return this.path;
  }
}
