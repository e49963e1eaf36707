import type { Database } from './schema.js';

/** Column order of the rows handed to a bulk writer as values (BulkWriter.add), per table (parents before children). */
export const BULK_COLUMNS = {
  sites: ['id', 'code', 'name', 'kind', 'city', 'created_at'],
  teams: ['id', 'name', 'site_id', 'created_at'],
  users: ['id', 'email', 'display_name', 'role', 'team_id', 'site_id', 'password_hash', 'language', 'active', 'created_at'],
  parties: [
    'id', 'customer_number', 'kind', 'given_name', 'family_name', 'organisation_name', 'display_name', 'search_name',
    'preferred_language', 'consent_surveys', 'consent_marketing', 'created_at', 'updated_at', 'locality',
  ],
  party_search_terms: ['term', 'party_id', 'name'],
  accounts: ['id', 'account_number', 'party_id', 'segment', 'account_manager_id', 'status', 'created_at'],
  lines: ['id', 'account_id', 'msisdn', 'kind', 'plan', 'status', 'activated_at'],
  contact_points: ['id', 'party_id', 'kind', 'value', 'is_primary'],
  interactions: [
    'id', 'external_id', 'party_id', 'account_id', 'channel', 'direction', 'reason_code', 'started_at', 'ended_at',
    'advisor_id', 'team_id', 'site_id', 'outcome', 'resolved', 'recording_ref', 'notes', 'phone', 'repeat_of',
    'next_contact_at', 'created_at',
  ],
} as const satisfies { [T in keyof Database]?: readonly (keyof Database[T] & string)[] };

export type BulkTable = keyof typeof BULK_COLUMNS;

/** One row as a tuple of values in BULK_COLUMNS[table] order, typed from the schema. */
export type BulkRow<T extends BulkTable> = TupleOf<Database[T], (typeof BULK_COLUMNS)[T]>;
type TupleOf<Row, Columns extends readonly unknown[]> = {
  -readonly [I in keyof Columns]: Columns[I] extends keyof Row ? Row[Columns[I]] : never;
};

/** Tables in the order rows must reach the database (foreign keys). */
export const BULK_TABLE_ORDER = Object.keys(BULK_COLUMNS) as BulkTable[];

const RANK = new Map<string, number>(BULK_TABLE_ORDER.map((table, i) => [table, i]));

/** The tables of queued rows in the order their rows are written: those of BULK_COLUMNS in its order, then the others as first used. */
export function writeOrder(tables: Iterable<string>): string[] {
  return [...tables].sort((a, b) => (RANK.get(a) ?? RANK.size) - (RANK.get(b) ?? RANK.size));
}
