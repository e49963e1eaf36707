import type { Kysely } from 'kysely';
import { auditTrailRead, readAuditTrail, type AuditQuery } from '../auth/audit.js';
import type { Actor } from '../auth/policies.js';
import { DomainError } from '../shared/errors.js';
import { toCsv } from '../shared/csv-export.js';
import type { Database } from '../storage/schema.js';

/** The most rows one CSV export of the audit trail holds: beyond it, narrow the filters. */
export const AUDIT_EXPORT_MAX_ROWS = 10_000;

const COLUMNS = ['at', 'reader_kind', 'reader_id', 'reader_name', 'action', 'customer_id', 'customer_number', 'subject', 'via'] as const;

/**
 * The audit trail as a CSV file, newest first, with the filters of the trail's page; at most
 * AUDIT_EXPORT_MAX_ROWS rows (422 `audit-export-too-large` beyond). Exporting it is a reading of it,
 * recorded in it.
 */
export async function auditTrailCsv(db: Kysely<Database>, actor: Actor, query: Omit<AuditQuery, 'limit' | 'before'>): Promise<string> {
  const page = await readAuditTrail(db, { ...query, limit: AUDIT_EXPORT_MAX_ROWS });
  if (page.next !== null) {
    throw new DomainError(422, 'audit-export-too-large', `More than ${AUDIT_EXPORT_MAX_ROWS} rows match: narrow the filters (a period, a reader, a customer)`, [], {
      max: AUDIT_EXPORT_MAX_ROWS,
    });
  }
  await auditTrailRead(db, actor, query);
  return toCsv(
    page.items.map((r) => ({
      at: new Date(r.at).toISOString(),
      reader_kind: r.actorKind,
      reader_id: r.actorId,
      reader_name: r.actorName ?? '',
      action: r.action,
      customer_id: r.partyId ?? '',
      customer_number: r.customerNumber ?? '',
      subject: r.subject ?? '',
      via: r.via,
    })),
    COLUMNS,
  );
}
