import type { Kysely } from 'kysely';
import { normalizePhone } from '../shared/phone.js';
import type { Database } from '../storage/schema.js';

/** Users by lower-case e-mail (the users table is small: staff and integrations). */
export async function loadUsersByEmail(
  db: Kysely<Database>,
): Promise<Map<string, { id: string; teamId: string | null; siteId: string | null }>> {
  const rows = await db.selectFrom('users').select(['id', 'email', 'team_id', 'site_id']).execute();
  return new Map(rows.map((u) => [u.email.toLowerCase(), { id: u.id, teamId: u.team_id, siteId: u.site_id }]));
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
