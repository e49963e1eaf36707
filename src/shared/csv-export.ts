import { stringify } from 'csv-stringify/sync';

/** Characters a spreadsheet reads as the start of a formula (OWASP, CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;
/** A plain number: a spreadsheet reads it as a number, never as a formula, so it is written as it is (-12.5, +352621123456). */
const PLAIN_NUMBER = /^[+-]?\d+(\.\d+)?([eE][+-]?\d+)?$/;

/**
 * A text cell as it may be written to a CSV file a person opens in a spreadsheet: a value starting
 * with = + - @, a tab or a carriage return gets a leading apostrophe, so that `=HYPERLINK(…)` is
 * shown as text and never run as a formula. Plain numbers are left as they are.
 */
export function neutraliseCsvCell(value: string): string {
  return FORMULA_START.test(value) && !PLAIN_NUMBER.test(value) ? `'${value}` : value;
}

/**
 * Rows as a CSV document with a header line, every text cell neutralised (`neutraliseCsvCell`),
 * booleans as true/false. Every CSV export of Ecoute (API and command line) is written by it.
 */
export function toCsv(rows: readonly Record<string, unknown>[], columns?: readonly string[]): string {
  return stringify(rows as Record<string, unknown>[], {
    header: true,
    ...(columns ? { columns: [...columns] } : {}),
    cast: { string: neutraliseCsvCell, boolean: (b) => (b ? 'true' : 'false') },
  });
}
