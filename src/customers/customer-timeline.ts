import type { Kysely } from 'kysely';
import { auditCustomerRead } from '../auth/audit.js';
import type { Actor } from '../auth/policies.js';
import { listInteractions, type InteractionView } from '../interactions/interaction-service.js';
import { pageOf, parseBefore } from '../shared/cursor.js';
import { DomainError } from '../shared/errors.js';
import type { Database, Language } from '../storage/schema.js';

/** Which page of the timeline, in which language. */
export interface TimelineQuery {
  /** the `next` of the previous page, or an ISO 8601 time */
  before?: string | undefined;
  limit: number;
  language: Language;
  fcrWindowDays: number;
}

/** A page of a customer's contacts on every channel, newest first; the read is audited like a card. */
export async function customerTimeline(
  db: Kysely<Database>,
  partyId: string,
  actor: Actor,
  query: TimelineQuery,
): Promise<{ items: InteractionView[]; next: string | null }> {
  const exists = await db.selectFrom('parties').select('id').where('id', '=', partyId).executeTakeFirst();
  if (!exists) throw new DomainError(404, 'not-found', `No customer has id ${partyId}`);
  const rows = await listInteractions(db, partyId, {
    limit: query.limit + 1,
    before: query.before === undefined ? undefined : parseBefore(query.before),
    language: query.language,
    fcrWindowDays: query.fcrWindowDays,
    now: Date.now(),
  });
  await auditCustomerRead(db, actor, partyId, 'card');
  return pageOf(rows, query.limit, (v) => [Date.parse(v.startedAt), v.id]);
}
