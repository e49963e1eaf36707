import type { ActorKind } from '../storage/schema.js';
import { sql, type Kysely, type SqlBool } from 'kysely';
import { ADMINISTRATION_TARGETS, type AdministrationTargetKind, type AuditAction } from '../shared/audit-actions.js';
import { after, pageOf, parseBefore } from '../shared/cursor.js';
import { canRunNow, reusableQuery } from '../storage/reusable-query.js';
import { auditBehind, writeWaitingAudits } from './audit-behind.js';
import type { Database } from '../storage/schema.js';
import type { CustomerActor } from './customer-sessions.js';
import type { Actor } from './policies.js';

/**
 * Through what a customer's data was read: their card (and its ways in), their survey comments, the
 * SMS log, the opt-out list, the phone simulator's thread; their consents; the messages sent to them
 * (notifications) or caught by the demo's mail catcher; their complaints (a complaint, its timeline, a
 * list or export of complaints); their detractor follow-ups (the same); their contacts listed behind a
 * figure of the analysis of causes; the causes they were coded with more than once (`recurrences`, on the
 * card); the evidence of an improvement
 * action (a complaint's description, a follow-up's or a survey answer's comment); or the audit trail itself.
 */
export type ReadChannel =
  | 'recognize' | 'search' | 'card' | 'telephony' | 'verbatims' | 'sms-log' | 'opt-outs' | 'phone-simulator' | 'audit' | 'consents'
  | 'notifications' | 'mail-catcher' | 'complaints' | 'followups' | 'contacts'
  | 'recurrences' | 'actions' | 'evaluations' | 'recordings' | 'quality-samples' | 'consumption' | 'callbacks' | 'bills' | 'plans' | 'devices';

const auditRead = reusableQuery((db, v: { at: number; actorKind: ActorKind; actorId: string; partyId: string; via: ReadChannel }) =>
  db.insertInto('audit_log').values({ at: v.at, actor_kind: v.actorKind, actor_id: v.actorId, action: 'customer.read', party_id: v.partyId, via: v.via }),
);

/** Someone at the command line: the account of the operating system that ran the command (`cli:<user>`). */
export type CommandLineActor = { cli: string };

/** The actor columns of a row that records who did something (the audit trail, the erasure record). */
export const actorColumns = (actor: Actor | 'system' | CommandLineActor | CustomerActor) =>
  actor === 'system'
    ? { actor_kind: 'system' as const, actor_id: 'system' }
    : 'cli' in actor
      ? { actor_kind: 'system' as const, actor_id: `cli:${actor.cli}` }
      : actor.kind === 'customer'
        ? { actor_kind: 'customer' as const, actor_id: actor.partyId }
        : { actor_kind: actor.kind, actor_id: actor.id };

/**
 * Writes who read which customer's record, when and through what. Called on every card read, so
 * compiled once. On SQLite, when the row cannot be written at once (another process holds the write
 * lock: a bulk import), the read is not held up: the row is written as soon as the lock is free
 * (`audit-behind.ts`). Inside a transaction it is written in that transaction.
 */
export async function auditCustomerRead(db: Kysely<Database>, actor: Actor | 'system', partyId: string, via: ReadChannel): Promise<void> {
  const { actor_kind, actor_id } = actorColumns(actor);
  const values = { at: Date.now(), actorKind: actor_kind, actorId: actor_id, partyId, via };
  if (!canRunNow(db)) return auditRead.run(db, values);
  if (!auditRead.tryNow(db, values)) {
    await auditBehind(db, { at: values.at, actor_kind, actor_id, action: 'customer.read', party_id: partyId, subject: null, via });
  }
}

/** The same for a page that shows several customers' data (comments behind an NPS figure, search results): a row per customer. */
export async function auditCustomerReads(db: Kysely<Database>, actor: Actor | 'system', partyIds: readonly string[], via: ReadChannel): Promise<void> {
  if (partyIds.length === 0) return;
  const at = Date.now();
  await db
    .insertInto('audit_log')
    .values([...new Set(partyIds)].map((partyId) => ({ at, ...actorColumns(actor), action: 'customer.read', party_id: partyId, via })))
    .execute();
}

/**
 * Reads by phone number (SMS log, opt-outs, phone simulator): a row per number shown, the number as
 * the row's subject. The trail of a customer includes the reads of their numbers.
 */
export async function auditNumberReads(db: Kysely<Database>, actor: Actor | 'system', msisdns: readonly string[], via: ReadChannel): Promise<void> {
  if (msisdns.length === 0) return;
  const at = Date.now();
  await db
    .insertInto('audit_log')
    .values([...new Set(msisdns)].map((msisdn) => ({ at, ...actorColumns(actor), action: 'customer.read', party_id: null, subject: msisdn, via })))
    .execute();
}

/** What the audit trail is searched by: a customer (their reads and their numbers'), a number, a reader, a period. */
export interface AuditQuery {
  customer?: string | undefined;
  phone?: string | undefined;
  reader?: string | undefined;
  /** part of the reader's name, e-mail or token name, in any case */
  who?: string | undefined;
  /** what was done: `customer.read`, `audit.read`, an action on a record or an administrator's action */
  action?: string | undefined;
  /** epoch ms, inclusive */
  from?: number | undefined;
  /** epoch ms, exclusive */
  to?: number | undefined;
  limit: number;
  before?: string | undefined;
}

/** One row of the trail, with the reader's name where the reader still exists. */
export interface AuditEntry {
  id: number;
  at: number;
  actorKind: ActorKind;
  actorId: string;
  actorName: string | null;
  action: string;
  partyId: string | null;
  /** the customer's number, where the row is about a customer who still exists */
  customerNumber: string | null;
  subject: string | null;
  via: string;
}

/** A customer named by their id or their customer number: their id (what was given, when no customer has it as their number). */
async function customerIdOf(db: Kysely<Database>, customer: string): Promise<string> {
  const byNumber = await db.selectFrom('parties').select('id').where('customer_number', '=', customer).executeTakeFirst();
  return byNumber?.id ?? customer;
}

/** The audit trail, newest first, a page at a time. Reading it is itself a read the trail records (`auditTrailRead`). */
export async function readAuditTrail(db: Kysely<Database>, query: AuditQuery): Promise<{ items: AuditEntry[]; next: string | null }> {
  await writeWaitingAudits(db);
  let select = db
    .selectFrom('audit_log')
    .leftJoin('users', 'users.id', 'audit_log.actor_id')
    .leftJoin('api_tokens', 'api_tokens.id', 'audit_log.actor_id')
    .leftJoin('parties', 'parties.id', 'audit_log.party_id')
    .select([
      'audit_log.id',
      'audit_log.at',
      'audit_log.actor_kind',
      'audit_log.actor_id',
      'audit_log.action',
      'audit_log.party_id',
      'audit_log.subject',
      'audit_log.via',
      'users.display_name as user_name',
      'api_tokens.name as token_name',
      'parties.customer_number',
    ])
    .orderBy('audit_log.at', 'desc')
    .orderBy('audit_log.id', 'desc')
    .limit(query.limit + 1);
  if (query.customer !== undefined) {
    const customer = await customerIdOf(db, query.customer);
    select = select.where((eb) =>
      eb.or([
        eb('audit_log.party_id', '=', customer),
        eb(
          'audit_log.subject',
          'in',
          eb
            .selectFrom('lines')
            .innerJoin('accounts', 'accounts.id', 'lines.account_id')
            .select('lines.msisdn as number')
            .where('accounts.party_id', '=', customer)
            .union(eb.selectFrom('contact_points').select('contact_points.value as number').where('contact_points.party_id', '=', customer).where('contact_points.kind', '=', 'phone')),
        ),
      ]),
    );
  }
  if (query.phone !== undefined) select = select.where('audit_log.subject', '=', query.phone);
  if (query.reader !== undefined) select = select.where('audit_log.actor_id', '=', query.reader);
  if (query.who !== undefined && query.who.trim() !== '') {
    const pattern = `%${query.who.trim().toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const name = (column: string) => sql<SqlBool>`lower(${sql.ref(column)}) like ${pattern} escape ${'\\'}`;
    const exact = query.who.trim();
    select = select.where((eb) =>
      eb.or([name('users.display_name'), name('users.email'), name('api_tokens.name'), eb('audit_log.actor_id', '=', exact)]),
    );
  }
  if (query.action !== undefined) select = select.where('audit_log.action', '=', query.action);
  if (query.from !== undefined) select = select.where('audit_log.at', '>=', query.from);
  if (query.to !== undefined) select = select.where('audit_log.at', '<', query.to);
  if (query.before !== undefined) select = select.where(after('audit_log.at', 'audit_log.id', parseBefore(query.before)));
  const rows = await select.execute();
  const page = pageOf(rows, query.limit, (r) => [Number(r.at), String(r.id)]);
  return {
    items: page.items.map((r) => ({
      id: Number(r.id),
      at: Number(r.at),
      actorKind: r.actor_kind,
      actorId: r.actor_id,
      actorName: r.user_name ?? r.token_name ?? null,
      action: r.action,
      partyId: r.party_id,
      customerNumber: r.customer_number ?? null,
      subject: r.subject,
      via: r.via,
    })),
    next: page.next,
  };
}

/** Records a reading of the audit trail: who, when, and the customer or number it was about (if one was named). */
export async function auditTrailRead(db: Kysely<Database>, actor: Actor | CommandLineActor, query: Pick<AuditQuery, 'customer' | 'phone'>): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      at: Date.now(), ...actorColumns(actor), action: 'audit.read',
      party_id: query.customer === undefined ? null : await customerIdOf(db, query.customer), subject: query.phone ?? null, via: 'audit',
    })
    .execute();
}

/** What was done to a customer's record, beyond reading it: exported (art. 15), erased (art. 17), a consent changed, a passkey added or removed. */
export type RecordAction = 'customer.export' | 'customer.erase' | 'consent.change' | 'passkey.add' | 'passkey.remove' | 'plan.change' | 'plan.change-cancel';

/** Writes who exported, erased or changed a customer's record, when, and through what (`api`, `cli`, `console`). */
export async function auditCustomerAction(
  db: Kysely<Database>,
  actor: Actor | CommandLineActor | CustomerActor,
  partyId: string,
  action: RecordAction,
  via: 'api' | 'cli',
  at = Date.now(),
): Promise<void> {
  await db.insertInto('audit_log').values({ at, ...actorColumns(actor), action, party_id: partyId, via }).execute();
}

/**
 * What an administrator did: to a person's account, a team or a site (src/staff; a change of a user is
 * recorded field by field: `user.role`, `user.team`, `user.site`, `user.name`; never a password), to an
 * API token, a contact reason or an external study.
 */
export type AdministrationAction = Exclude<AuditAction, 'customer.read' | 'audit.read' | RecordAction>;

/**
 * What an administration row is about, kept in the row's subject as `<kind>:<id>`: the account, team,
 * site or token's id, the reason's code, the study's id (the file's name for an import).
 */
export type AdministrationTarget = { kind: AdministrationTargetKind; id: string };

/** Writes who did what to which account, team, site, token, reason or study, in the caller's transaction. */
export async function auditAdministration(
  db: Kysely<Database>,
  actor: Actor | CommandLineActor,
  actions: readonly AdministrationAction[],
  target: AdministrationTarget,
  via: 'api' | 'cli' = 'api',
  at = Date.now(),
): Promise<void> {
  if (actions.length === 0) return;
  await db
    .insertInto('audit_log')
    .values(actions.map((action) => ({ at, ...actorColumns(actor), action, party_id: null, subject: `${target.kind}:${target.id}`, via })))
    .execute();
}

const TARGET_PATTERN = new RegExp(`^(${ADMINISTRATION_TARGETS.join('|')}):(.+)$`, 's');

/** What an administration row is about (null for the rows of reads, whose subject is a number). */
export function administrationTarget(action: string, subject: string | null): AdministrationTarget | null {
  const match = TARGET_PATTERN.exec(subject ?? '');
  return match && action.startsWith(`${match[1]}.`) ? { kind: match[1] as AdministrationTarget['kind'], id: match[2]! } : null;
}
