import type { Kysely } from 'kysely';
import type { CustomerActor } from '../auth/customer-sessions.js';
import { createComplaint } from '../complaints/complaint-service.js';
import { after, pageOf, parseBefore } from '../shared/cursor.js';
import { DomainError, invalid } from '../shared/errors.js';
import type { Language } from '../shared/languages.js';
import type { Database } from '../storage/schema.js';
import { linesOf } from './my-account.js';

/** What the customer app shows of a contact: when, on which channel, what about, and whether it was settled there and then. */
export interface MyContact {
  id: string;
  channel: string;
  direction: 'inbound' | 'outbound';
  startedAt: number;
  reasonCode: string | null;
  reason: string | null;
  resolved: boolean | null;
}

export interface MyComplaint {
  id: string;
  reference: string;
  state: string;
  category: string;
  categoryLabel: string;
  channel: string;
  receivedAt: number;
  closedAt: number | null;
  outcome: string | null;
  line: string | null;
}

const labelColumn = (language: Language) => (language === 'de' ? 'label_de' : language === 'en' ? 'label_en' : 'label_fr') as 'label_fr';

/**
 * The customer's own contacts on every channel, newest first, a page at a time. A business's line user
 * sees the contacts made from or to their number only. Advisors' names and notes are not shown here
 * (the data download holds every record).
 */
export async function myContacts(db: Kysely<Database>, customer: CustomerActor, options: { before?: string; limit?: number } = {}) {
  const limit = options.limit ?? 20;
  const label = labelColumn(customer.language);
  let query = db
    .selectFrom('interactions as i')
    .leftJoin('reasons as r', 'r.code', 'i.reason_code')
    .select(['i.id', 'i.channel', 'i.direction', 'i.started_at', 'i.reason_code', `r.${label} as reason`, 'i.resolved'])
    .where('i.party_id', '=', customer.partyId);
  if (customer.scope === 'line') {
    const own = await db.selectFrom('lines').select('msisdn').where('id', '=', customer.lineId).executeTakeFirstOrThrow();
    query = query.where('i.phone', '=', own.msisdn);
  }
  if (options.before) query = query.where(after('i.started_at', 'i.id', parseBefore(options.before)));
  const rows = await query.orderBy('i.started_at', 'desc').orderBy('i.id', 'desc').limit(limit + 1).execute();
  const page = pageOf(rows, limit, (r) => [Number(r.started_at), r.id]);
  return {
    items: page.items.map((r): MyContact => ({
      id: r.id, channel: r.channel, direction: r.direction, startedAt: Number(r.started_at), reasonCode: r.reason_code, reason: r.reason ?? null,
      resolved: r.resolved === null ? null : r.resolved === 1,
    })),
    next: page.next,
  };
}

/** The customer's complaints, newest first (a business's line user: those about their line). */
export async function myComplaints(db: Kysely<Database>, customer: CustomerActor): Promise<MyComplaint[]> {
  const label = labelColumn(customer.language);
  let query = db
    .selectFrom('complaints as c')
    .innerJoin('cases as k', 'k.id', 'c.case_id')
    .leftJoin('complaint_categories as cat', 'cat.code', 'c.category')
    .leftJoin('lines as l', 'l.id', 'c.line_id')
    .select(['c.case_id', 'c.reference', 'k.state', 'c.category', `cat.${label} as categoryLabel`, 'c.channel', 'c.received_at', 'k.closed_at', 'c.outcome', 'l.msisdn'])
    .where('k.party_id', '=', customer.partyId);
  if (customer.scope === 'line') query = query.where('c.line_id', '=', customer.lineId);
  const rows = await query.orderBy('c.received_at', 'desc').limit(100).execute();
  return rows.map((r) => ({
    id: r.case_id, reference: r.reference, state: r.state, category: r.category, categoryLabel: r.categoryLabel ?? r.category, channel: r.channel,
    receivedAt: Number(r.received_at), closedAt: r.closed_at === null ? null : Number(r.closed_at), outcome: r.outcome, line: r.msisdn ?? null,
  }));
}

/** The categories a customer files a complaint under, in their language, in the catalogue's order. */
export async function complaintCategories(db: Kysely<Database>, language: Language) {
  const label = labelColumn(language);
  return db.selectFrom('complaint_categories').select(['code', `${label} as label`]).where('active', '=', 1).orderBy('sort_order').orderBy('code').execute();
}

/**
 * The team that takes what a customer asks in the app (a complaint, a callback): a business
 * account's manager's team, else the team of the customer's last contact with a team, else the
 * configured team (ECOUTE_SELF_SERVICE_TEAM), else the first team created.
 */
export async function selfServiceTeam(db: Kysely<Database>, partyId: string, configured: string | undefined): Promise<string> {
  const manager = await db
    .selectFrom('accounts as a')
    .innerJoin('users as u', 'u.id', 'a.account_manager_id')
    .select('u.team_id')
    .where('a.party_id', '=', partyId)
    .where('u.active', '=', 1)
    .where('u.team_id', 'is not', null)
    .orderBy('a.created_at')
    .executeTakeFirst();
  if (manager?.team_id) return manager.team_id;
  const last = await db
    .selectFrom('interactions')
    .select('team_id')
    .where('party_id', '=', partyId)
    .where('team_id', 'is not', null)
    .orderBy('started_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (last?.team_id) return last.team_id;
  const team = configured
    ? await db.selectFrom('teams').select('id').where((eb) => eb.or([eb('id', '=', configured), eb('name', '=', configured)])).executeTakeFirst()
    : await db.selectFrom('teams').select('id').orderBy('created_at').orderBy('id').limit(1).executeTakeFirst();
  if (!team) throw new DomainError(503, 'no-team', 'No team takes requests from the customer app yet: an administrator creates one first');
  return team.id;
}

/** A complaint the customer files in the app: received now on the `app` channel, about one of their lines if they say which. */
export async function fileMyComplaint(
  db: Kysely<Database>,
  customer: CustomerActor,
  input: { category: string; description: string; msisdn?: string | undefined },
  options: { team?: string | undefined; now?: number } = {},
): Promise<{ id: string; reference: string }> {
  const categories = await complaintCategories(db, customer.language);
  const issues = [];
  if (!categories.some((c) => c.code === input.category)) issues.push({ field: 'category', reason: 'is not a category of complaints', code: 'not-one-of', params: { options: categories.map((c) => c.code).join(', ') } });
  const lines = await linesOf(db, customer);
  const line = input.msisdn === undefined ? undefined : lines.find((l) => l.msisdn === input.msisdn);
  if (input.msisdn !== undefined && !line) issues.push({ field: 'msisdn', reason: 'is none of your lines', code: 'not-your-line' });
  if (issues.length > 0) throw new DomainError(400, 'invalid-input', issues.map((i) => `${i.field} ${i.reason}`).join('; '), issues);
  if (input.description.trim().length < 10) throw invalid('description', 'must say what happened (10 characters at least)', 'too-short', { minimum: 10 });
  const teamId = await selfServiceTeam(db, customer.partyId, options.team);
  return createComplaint(
    db,
    { partyId: customer.partyId, lineId: line?.id ?? (customer.scope === 'line' ? customer.lineId : null), channel: 'app', category: input.category, description: input.description.trim(), language: customer.language, teamId },
    customer,
    options.now === undefined ? {} : { now: options.now },
  );
}
