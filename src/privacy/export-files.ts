import { stringify } from 'csv-stringify/sync';
import { strToU8, zipSync } from 'fflate';
import { customerExport, EXPORT_KINDS, type CustomerExport } from '../contract/privacy.js';

/**
 * A cell as a spreadsheet shows it, never as a formula: a text starting with `=`, `+`, `-`, `@`, a
 * tab or a carriage return gets a leading apostrophe (OWASP, CSV injection). Numbers stay numbers.
 */
export function safeCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const text = String(value);
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** The columns of each list of the export, from its schema: an empty list still gets its header. */
function columnsOf(kind: (typeof EXPORT_KINDS)[number]): string[] {
  const schema = customerExport.shape[kind];
  const row = 'element' in schema ? schema.element : schema;
  return Object.keys(row.shape);
}

/** One CSV (UTF-8 with a byte-order mark, so spreadsheets read the accents) per list of the export. */
export function exportCsvFiles(data: CustomerExport): Record<string, string> {
  const files: Record<string, string> = {};
  for (const kind of EXPORT_KINDS) {
    const value = data[kind];
    const rows = (Array.isArray(value) ? value : [value]) as Record<string, unknown>[];
    const columns = columnsOf(kind);
    const records = rows.map((row) => columns.map((c) => safeCell(row[c])));
    files[`${kind}.csv`] = `\ufeff${stringify([columns, ...records])}`;
  }
  return files;
}

/** The export as a zip: one CSV per list, and a README saying what each holds. */
export function exportZip(data: CustomerExport): Uint8Array<ArrayBuffer> {
  const files = exportCsvFiles(data);
  const mtime = new Date(data.exportedAt);
  const readme = [
    `Ecoute: everything held on customer ${data.customer.id}, exported ${data.exportedAt}.`,
    'One CSV file per kind of record (UTF-8, comma-separated, header on the first line).',
    "A cell that would start with = + - @ begins with an apostrophe ('), so that no spreadsheet runs it as a formula.",
    '',
    ...EXPORT_KINDS.map((kind) => `${kind}.csv`),
    '',
  ].join('\r\n');
  const entries: Record<string, [Uint8Array, { mtime: Date }]> = { 'README.txt': [strToU8(readme), { mtime }] };
  for (const [name, text] of Object.entries(files)) entries[name] = [strToU8(text), { mtime }];
  return zipSync(entries, { level: 6 });
}
