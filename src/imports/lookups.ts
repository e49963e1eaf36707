import type { Statement } from 'better-sqlite3';
import { CompiledQuery, type Kysely } from 'kysely';
import type { Storage } from '../storage/database.js';
import { normalizePhone } from '../shared/phone.js';
import type { Database } from '../storage/schema.js';

/** Users by lower-case e-mail (the users table is small: staff and integrations). */
export async function loadUsersByEmail(
  db: Kysely<Database>,
): Promise<Map<string, { id: string; teamId: string | null; siteId: string | null }>> {
  const rows = await db.selectFrom('users').select(['id', 'email', 'team_id', 'site_id']).execute();
  return new Map(rows.map((u) => [u.email.toLowerCase(), { id: u.id, teamId: u.team_id, siteId: u.site_id }]));
}

const LOOKUP_CHUNK = 250;

/**
 * A query looking rows up by a list of keys (`… where x in (:keys)`), run in chunks: on SQLite with
 * one prepared statement on the raw handle (the last chunk padded by repeating a key), on PostgreSQL
 * through Kysely on the given connection or transaction. Raw SQL, written for both engines.
 */
export class KeyLookup<T> {
  private statement: Statement | undefined;

  constructor(
    private readonly storage: Storage,
    /** the query, with `:keys` where the list of keys goes */
    private readonly text: string,
  ) {}

  async find(db: Kysely<Database>, keys: readonly string[]): Promise<T[]> {
    const unique = [...new Set(keys)];
    const out: T[] = [];
    for (let i = 0; i < unique.length; i += LOOKUP_CHUNK) {
      const chunk = unique.slice(i, i + LOOKUP_CHUNK);
      if (this.storage.sqlite) {
        this.statement ??= this.storage.sqlite.prepare(this.text.replace(':keys', Array(LOOKUP_CHUNK).fill('?').join(', ')));
        while (chunk.length < LOOKUP_CHUNK) chunk.push(chunk[0]!);
        out.push(...(this.statement.all(chunk) as T[]));
      } else {
        const query = this.text.replace(':keys', chunk.map((_, n) => `$${n + 1}`).join(', '));
        out.push(...(await db.executeQuery<T>(CompiledQuery.raw(query, chunk))).rows);
      }
    }
    return out;
  }
}

export type PhoneCheck = { ok: true; e164: string; kind: 'mobile' | 'landline' | 'other' } | { ok: false; reason: string };

/** normalizePhone with a reason that quotes the value and shows the expected form. */
export function checkPhone(raw: string): PhoneCheck {
  const parsed = normalizePhone(raw);
  if (parsed.ok) return parsed;
  if (parsed.reason.startsWith('"')) return parsed;
  return { ok: false, reason: `"${raw}" is not a valid phone number (${parsed.reason}; expected e.g. +352 621 123 456)` };
}

export const EMAIL_PATTERN = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
