import { gzipSync } from 'node:zlib';
import type { Kysely } from 'kysely';
import { formatDay, localDay } from '../shared/calendar.js';
import { toCsv } from '../shared/csv-export.js';
import type { Database, Language } from '../storage/schema.js';
import { presentLabels, presentReportRow } from './nps-presenters.js';
import { npsReport, type ReportQuery } from './nps-report.js';
import { columnsOf, labelsOf, tableRows } from './nps-table.js';

export interface ReportDocumentOptions {
  format: 'json' | 'csv';
  /** leave out the groups with contacts but no survey */
  surveyed: boolean;
  /** the language of the reasons' names */
  language: Language;
  /** compressed with gzip (the client takes it): a twelfth of the bytes to send and to hold */
  gzip: boolean;
}

/**
 * The whole answer of `GET /nps` as the bytes sent (UTF-8, gzip-compressed when asked): the report, the names of its groups, its
 * table presented or written as CSV. Made in a report thread and handed over without a copy, so that
 * the serving thread only sends it: a twelve-month report by advisor is about 1 MB of JSON, and building,
 * serialising and collecting it there held every other request for tens of milliseconds.
 */
export async function npsReportDocument(db: Kysely<Database>, query: ReportQuery, options: ReportDocumentOptions): Promise<Uint8Array<ArrayBuffer>> {
  const text = new TextEncoder().encode(await documentText(db, query, options));
  // A copy of its own: the compressed bytes may sit in a buffer shared with others, which cannot move between threads.
  return options.gzip ? new Uint8Array(gzipSync(text)) : text;
}

async function documentText(db: Kysely<Database>, asked: ReportQuery, options: ReportDocumentOptions): Promise<string> {
  // One day for every period of the report, the one the answer names.
  const query = { ...asked, today: asked.today ?? localDay(Date.now()) };
  const full = await npsReport(db, query);
  const report = options.surveyed ? { ...full, rows: full.rows.filter((r) => r.basis !== '') } : full;
  const labels = await labelsOf(db, report, query.groupBy, options.language);
  const rows = tableRows(report, query.groupBy, labels);
  const columns = columnsOf(query.groupBy, labels);
  if (options.format === 'csv') return toCsv(rows, columns);
  return JSON.stringify({
    query: { from: formatDay(query.from), to: formatDay(query.to), today: formatDay(query.today), interval: query.interval, groupBy: query.groupBy, filters: query.filters },
    source: report.source, minResponses: query.minResponses, columns, labels: presentLabels(labels), rows: rows.map(presentReportRow),
  });
}
