import { strToU8, zipSync } from 'fflate';
import { customerExport, EXPORT_KINDS, type CustomerExport } from '../contract/privacy.js';
import { toCsv } from '../shared/csv-export.js';

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
    // every text cell neutralised, never a formula (src/shared/csv-export.ts)
    files[`${kind}.csv`] = `\ufeff${toCsv(rows, columnsOf(kind))}`;
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
