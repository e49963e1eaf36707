import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DomainError, type FieldIssue } from '../shared/errors.js';
import type { Storage } from '../storage/database.js';
import { BILL_FIELD_COLUMN, readBillCsv } from './bill-csv.js';
import { importBills, MAX_BATCH_BILLS, type BillImportReport, type RefusedBill } from './bill-import.js';
import type { BillInput } from './bill-rows.js';

/**
 * A request's body of bills (a JSON array, `{ "bills": [...] }`, or a CSV file with its header line)
 * recorded as one batch. Refusals name each bill by its place: `bills[3].amountCents` in JSON,
 * `line 4, amount_cents` in CSV; a CSV row that cannot be read (a wrong number of values) and a JSON
 * item that is not an object are refused like a bill with a wrong field.
 */
export interface BillBodyReport extends BillImportReport {
  /** of a CSV body, each refused bill's line (the header is line 1); null for JSON */
  refused: (RefusedBill & { line: number | null })[];
}

interface Item {
  index: number;
  line: number | null;
  input?: BillInput;
  issues?: FieldIssue[];
}

export async function importBillBody(
  storage: Storage,
  body: string,
  contentType: 'application/json' | 'text/csv',
  options: { skipInvalid: boolean; now?: number },
): Promise<BillBodyReport> {
  const items = contentType === 'application/json' ? fromJson(body) : await fromCsv(body);
  if (items.length > MAX_BATCH_BILLS) {
    throw new DomainError(413, 'too-many-bills', `At most ${MAX_BATCH_BILLS} bills per request: send the rest in further requests. Nothing was recorded.`, [], { maximum: MAX_BATCH_BILLS });
  }
  const readable = items.filter((i) => i.input !== undefined);
  const unreadable = items.filter((i) => i.input === undefined);
  // An unreadable item refuses the batch like any other: the readable ones are only checked then, to name all at once.
  const report = await importBills(storage.db, readable.map((i) => i.input!), {
    skipInvalid: options.skipInvalid, checkOnly: unreadable.length > 0 && !options.skipInvalid, ...(options.now !== undefined ? { now: options.now } : {}),
  });
  // Indexes in the batch given to importBills are positions among the readable items: back to the body's.
  const refused = [
    ...report.refused.map((r) => ({ ...r, index: readable[r.index]!.index, line: readable[r.index]!.line })),
    ...unreadable.map((u) => ({ index: u.index, line: u.line, billNumber: null, issues: u.issues! })),
  ].sort((a, b) => a.index - b.index);
  if (!report.written && refused.length > 0) throw refusedBatch(refused, contentType);
  return { ...report, received: items.length, refused };
}

function refusedBatch(refused: (RefusedBill & { line: number | null })[], contentType: 'application/json' | 'text/csv'): DomainError {
  const fieldOf = (r: { index: number; line: number | null }, field: string) =>
    contentType === 'text/csv' ? (field === '' ? `line ${r.line}` : `line ${r.line}, ${BILL_FIELD_COLUMN[field] ?? field}`) : field === '' ? `bills[${r.index}]` : `bills[${r.index}].${field}`;
  const fields = refused.flatMap((r) => r.issues.map((i) => ({ ...i, field: fieldOf(r, i.field) })));
  return new DomainError(
    422, 'bills-refused',
    `${refused.length} bill${refused.length === 1 ? ' was' : 's were'} refused, so nothing was recorded: correct ${refused.length === 1 ? 'it' : 'them'} and send the batch again, or send it with skipInvalid=true to record the others.`,
    fields, { count: refused.length },
  );
}

function fromJson(body: string): Item[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw new DomainError(400, 'malformed-json', 'The body is not valid JSON. Nothing was recorded.');
  }
  const list = Array.isArray(parsed) ? parsed : parsed !== null && typeof parsed === 'object' && Array.isArray((parsed as { bills?: unknown }).bills) ? (parsed as { bills: unknown[] }).bills : null;
  if (list === null) {
    throw new DomainError(400, 'invalid-input', 'The body must be an array of bills, or an object with an array "bills". Nothing was recorded.', [{ field: 'bills', reason: 'must be an array', code: 'wrong-type', params: { expected: 'array' } }]);
  }
  return list.map((value, index): Item =>
    value !== null && typeof value === 'object' && !Array.isArray(value)
      ? { index, line: null, input: value as BillInput }
      : { index, line: null, issues: [{ field: '', reason: 'must be an object', code: 'wrong-type', params: { expected: 'object' } }] },
  );
}

/** The CSV body, read as the file import reads a file: saved to a private temporary folder for the time of the reading. */
async function fromCsv(body: string): Promise<Item[]> {
  const dir = await mkdtemp(join(tmpdir(), 'ecoute-bills-'));
  try {
    const file = join(dir, 'bills.csv');
    await writeFile(file, body);
    const rows = await readBillCsv(file, 'the body');
    return rows.map((row, index): Item =>
      'input' in row
        ? { index, line: row.line, input: row.input }
        : {
            index, line: row.line,
            issues: row.errors.map((e) => ({
              field: e.field === undefined ? '' : fieldOfColumn(e.field), reason: e.reason, code: e.field === undefined ? 'invalid' : 'unsafe-text',
            })),
          },
    );
  } catch (error) {
    // A body that is not a readable CSV file with the required columns is a bad request; 422 is for bills refused.
    if (error instanceof DomainError && (error.code === 'invalid-header' || error.code === 'invalid-file')) throw new DomainError(400, error.code, error.message, error.fields);
    throw error;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The field of a bill a column holds (the reverse of BILL_FIELD_COLUMN; paid_at is paidAt). */
function fieldOfColumn(column: string): string {
  if (column === 'paid_at') return 'paidAt';
  return Object.entries(BILL_FIELD_COLUMN).find(([, c]) => c === column)?.[0] ?? column;
}
