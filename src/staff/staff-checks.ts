import type { Kysely } from 'kysely';
import { STAFF_REASONS, type StaffReason } from '../contract/staff.js';
import { DomainError } from '../shared/errors.js';
import type { Database } from '../storage/schema.js';

/** A field refused, with its reason (`STAFF_REASONS`); `conflict` when it clashes with another row, not when it is malformed. */
export interface Refusal {
  field: string;
  reason: StaffReason;
  /** the values of the reason (the longest length allowed) */
  params?: Record<string, string | number>;
}

/** The stable code of each reason (`errors[].code`, worded by the console), with the params every one of them has. */
const CODES: Record<StaffReason, { code: string; params?: Record<string, string | number> }> = {
  required: { code: 'required' },
  tooLong: { code: 'too-long' },
  email: { code: 'invalid-format', params: { format: 'email' } },
  emailTaken: { code: 'email-taken' },
  role: { code: 'not-one-of' },
  language: { code: 'not-one-of' },
  unknownTeam: { code: 'unknown-team' },
  unknownSite: { code: 'unknown-site' },
  password: { code: 'password-length', params: { minimum: 10, maximum: 200 } },
  teamNameTaken: { code: 'team-name-taken' },
  siteNameTaken: { code: 'site-name-taken' },
  siteKind: { code: 'not-one-of' },
};

const CONFLICTS: Partial<Record<StaffReason, string>> = { emailTaken: 'email-taken', teamNameTaken: 'team-name-taken', siteNameTaken: 'site-name-taken' };

/**
 * Every refusal of a request at once, so a form shows them all beside their fields: 409 with the
 * conflict's own code when each is a clash with another row (an e-mail in use), otherwise 400
 * `invalid-input`. Nothing is written.
 */
export function refuse(refusals: readonly Refusal[]): void {
  if (refusals.length === 0) return;
  const fields = refusals.map(({ field, reason, params }) => {
    const { code, params: fixed } = CODES[reason];
    const all = { ...fixed, ...params };
    return { field, reason: STAFF_REASONS[reason], code, ...(Object.keys(all).length > 0 ? { params: all } : {}) };
  });
  const detail = `${fields.map((f) => `${f.field} ${f.reason}`).join('; ')}. Nothing was changed.`;
  const codes = new Set(refusals.map((r) => CONFLICTS[r.reason]));
  const [only] = [...codes];
  if (codes.size === 1 && only !== undefined) throw new DomainError(409, only, detail, fields);
  throw new DomainError(400, 'invalid-input', detail, fields);
}

/** A text field: trimmed; required and at most `max` characters. */
export function text(refusals: Refusal[], field: string, value: string | undefined, max: number): string {
  const trimmed = (value ?? '').trim();
  if (!trimmed) refusals.push({ field, reason: 'required' });
  else if (trimmed.length > max) refusals.push({ field, reason: 'tooLong', params: { maximum: max } });
  return trimmed;
}

/** A team or a site named by id: it must exist (null: none). */
export async function existing(
  db: Kysely<Database>,
  refusals: Refusal[],
  field: string,
  table: 'teams' | 'sites',
  id: string | null | undefined,
): Promise<void> {
  if (id === null || id === undefined) return;
  const found = await db.selectFrom(table).select('id').where('id', '=', id).executeTakeFirst();
  if (!found) refusals.push({ field, reason: table === 'teams' ? 'unknownTeam' : 'unknownSite' });
}
