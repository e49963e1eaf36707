import type { Kysely, Transaction } from 'kysely';
import { after, type Position } from '../shared/cursor.js';
import { DomainError, invalid } from '../shared/errors.js';
import { newId } from '../shared/ids.js';
import { LANGUAGES } from '../shared/languages.js';
import { reusableQuery } from '../storage/reusable-query.js';
import type { Channel, Database, Direction, Flag, Language } from '../storage/schema.js';
import { enqueue } from '../jobs/outbox.js';
import { trackContacts } from '../nps/contact-facts.js';
import { fcrStatus, recomputeRepeats, type FcrStatus } from './fcr.js';


/** External id of the interaction a call produces: the advisor's log and the end event meet on it. */
export const callExternalId = (callId: string) => `call:${callId}`;

export interface NewInteraction {
  /** id in the source system; a second record with the same external id changes nothing */
  externalId?: string | null | undefined;
  partyId: string;
  accountId?: string | null | undefined;
  channel: Channel;
  direction: Direction;
  reasonCode?: string | null | undefined;
  startedAt: number;
  endedAt?: number | null | undefined;
  advisorId?: string | null | undefined;
  teamId?: string | null | undefined;
  siteId?: string | null | undefined;
  outcome?: string | null | undefined;
  resolved?: boolean | null | undefined;
  recordingRef?: string | null | undefined;
  notes?: string | null | undefined;
  phone?: string | null | undefined;
}

async function assertActiveReason(db: Kysely<Database>, code: string): Promise<void> {
  const reason = await db.selectFrom('reasons').select('active').where('code', '=', code).executeTakeFirst();
  if (!reason || reason.active !== 1) {
    throw invalid('reasonCode', `"${code}" is not an active contact reason (see GET /api/v1/reasons)`, 'unknown-reason', { code });
  }
}

/** Checks references (customer, reason, advisor) and fills team and site from the advisor. */
async function prepare(trx: Kysely<Database>, input: NewInteraction) {
  if (input.endedAt != null && input.endedAt < input.startedAt) {
    throw invalid('endedAt', 'must not be before startedAt', 'end-before-start');
  }
  const party = await trx.selectFrom('parties').select(['id', 'erased_at']).where('id', '=', input.partyId).executeTakeFirst();
  if (!party) throw new DomainError(404, 'not-found', `No customer has id ${input.partyId}`, [
    { field: 'customerId', reason: 'no customer has this id' },
  ]);
  // An erased customer's record keeps only what the figures need: nothing new is written to it.
  if (party.erased_at !== null) {
    throw new DomainError(409, 'customer-erased', `Customer ${input.partyId} was erased: record the contact on the customer as they are now known (search again)`, [
      { field: 'customerId', reason: 'this customer was erased' },
    ]);
  }
  if (input.reasonCode != null) await assertActiveReason(trx, input.reasonCode);
  let teamId = input.teamId ?? null;
  let siteId = input.siteId ?? null;
  if (input.advisorId != null) {
    const advisor = await trx
      .selectFrom('users')
      .select(['team_id', 'site_id'])
      .where('id', '=', input.advisorId)
      .executeTakeFirst();
    if (!advisor) throw invalid('advisorId', `no user has id ${input.advisorId}`, 'unknown-user');
    teamId ??= advisor.team_id;
    siteId ??= advisor.site_id;
  }
  let accountId = input.accountId ?? null;
  if (accountId === null) {
    const account = await trx
      .selectFrom('accounts')
      .select('id')
      .where('party_id', '=', input.partyId)
      .orderBy('created_at')
      .executeTakeFirst();
    accountId = account?.id ?? null;
  }
  return { teamId, siteId, accountId };
}

/**
 * Records one contact and refreshes the customer's repeat-contact links.
 * Idempotent on externalId: a second call with the same external id returns the first record.
 * Runs inside the caller's transaction when given one.
 */
export async function recordInteraction(
  db: Kysely<Database> | Transaction<Database>,
  input: NewInteraction,
  fcrWindowDays: number,
): Promise<{ id: string; created: boolean }> {
  const run = async (trx: Kysely<Database>) => {
    if (input.externalId) {
      const existing = await trx
        .selectFrom('interactions')
        .select('id')
        .where('external_id', '=', input.externalId)
        .executeTakeFirst();
      if (existing) return { id: existing.id, created: false };
    }
    const { teamId, siteId, accountId } = await prepare(trx, input);
    const id = newId();
    await trackContacts(trx, input.partyId, async () => {
      await trx
        .insertInto('interactions')
        .values({
          id,
          external_id: input.externalId ?? null,
          party_id: input.partyId,
          account_id: accountId,
          channel: input.channel,
          direction: input.direction,
          reason_code: input.reasonCode ?? null,
          started_at: input.startedAt,
          ended_at: input.endedAt ?? null,
          advisor_id: input.advisorId ?? null,
          team_id: teamId,
          site_id: siteId,
          outcome: input.outcome ?? null,
          resolved: input.resolved == null ? null : ((input.resolved ? 1 : 0) as Flag),
          recording_ref: input.recordingRef ?? null,
          notes: input.notes ?? null,
          phone: input.phone ?? null,
          repeat_of: null,
          next_contact_at: null,
          created_at: Date.now(),
        })
        .execute();
      if (input.reasonCode != null) await recomputeRepeats(trx, fcrWindowDays, input.partyId);
    });
    // The end of a contact is what surveys react to: recorded with the contact, handled by the worker.
    if (input.endedAt != null) await enqueue(trx, 'interaction.ended', id, Date.now());
    return { id, created: true };
  };
  return db.isTransaction ? run(db) : db.transaction().execute(run);
}

/** One contact as it leaves the server. */
export interface InteractionView {
  id: string;
  externalId: string | null;
  channel: Channel;
  direction: Direction;
  reason: { code: string; label: string } | null;
  startedAt: string;
  endedAt: string | null;
  durationSeconds: number | null;
  advisor: { id: string; name: string } | null;
  team: { id: string; name: string } | null;
  site: { id: string; name: string } | null;
  outcome: string | null;
  resolved: boolean | null;
  fcr: FcrStatus;
  /** this contact came within the window after one for the same reason */
  repeat: boolean;
  recordingRef: string | null;
  /** the contact's recording kept by Ecoute (docs/quality.md, "Recordings"), null when none */
  recordingId: string | null;
  notes: string | null;
}

const LABEL_COLUMN = { fr: 'reasons.label_fr', de: 'reasons.label_de', en: 'reasons.label_en', lb: 'reasons.label_fr' } as const;

/** A customer's contacts with the names of their reason, advisor, team and site, newest first. */
function timeline(db: Kysely<Database>, language: Language) {
  return db
    .selectFrom('interactions')
    .leftJoin('reasons', 'reasons.code', 'interactions.reason_code')
    .leftJoin('users', 'users.id', 'interactions.advisor_id')
    .leftJoin('teams', 'teams.id', 'interactions.team_id')
    .leftJoin('sites', 'sites.id', 'interactions.site_id')
    .select([
      'interactions.id',
      'interactions.external_id',
      'interactions.channel',
      'interactions.direction',
      'interactions.reason_code',
      `${LABEL_COLUMN[language]} as reason_label`,
      'interactions.started_at',
      'interactions.ended_at',
      'interactions.advisor_id',
      'users.display_name as advisor_name',
      'interactions.team_id',
      'teams.name as team_name',
      'interactions.site_id',
      'sites.name as site_name',
      'interactions.outcome',
      'interactions.resolved',
      'interactions.repeat_of',
      'interactions.next_contact_at',
      'interactions.recording_ref',
      // the contact's recording, if Ecoute keeps one (a subquery: the timeline's plan stays the same)
      (eb) => eb.selectFrom('recordings').select('recordings.id').whereRef('recordings.interaction_id', '=', 'interactions.id').as('recording_id'),
      'interactions.notes',
    ])
    .orderBy('interactions.started_at', 'desc')
    .orderBy('interactions.id', 'desc');
}

/** The first page of a timeline, in each label language: every card shows it, so it is compiled once. */
const latestInteractions = Object.fromEntries(
  LANGUAGES.map((language) => [
    language,
    reusableQuery((db, v: { partyId: string; limit: number }) => timeline(db, language).where('interactions.party_id', '=', v.partyId).limit(v.limit)),
  ]),
) as Record<Language, ReturnType<typeof reusableQuery<{ partyId: string; limit: number }, InteractionRow>>>;

/** A row of a customer's timeline, as the database returns it. */
export type InteractionRow = Awaited<ReturnType<ReturnType<typeof timeline>['execute']>>[number];

/** One contact as it leaves the server, from its timeline row. */
export function toInteractionView(row: InteractionRow, fcrWindowDays: number, now: number): InteractionView {
  return {
    id: row.id,
    externalId: row.external_id,
    channel: row.channel,
    direction: row.direction,
    reason: row.reason_code ? { code: row.reason_code, label: row.reason_label ?? row.reason_code } : null,
    startedAt: new Date(row.started_at).toISOString(),
    endedAt: row.ended_at === null ? null : new Date(row.ended_at).toISOString(),
    durationSeconds: row.ended_at === null ? null : Math.round((row.ended_at - row.started_at) / 1000),
    advisor: row.advisor_id ? { id: row.advisor_id, name: row.advisor_name ?? '' } : null,
    team: row.team_id ? { id: row.team_id, name: row.team_name ?? '' } : null,
    site: row.site_id ? { id: row.site_id, name: row.site_name ?? '' } : null,
    outcome: row.outcome,
    resolved: row.resolved === null ? null : row.resolved === 1,
    fcr: fcrStatus(row, fcrWindowDays, now),
    repeat: row.repeat_of !== null,
    recordingRef: row.recording_ref,
    recordingId: row.recording_id,
    notes: row.notes,
  };
}

/** The rows of a customer's most recent contacts on every channel, newest first. */
export async function interactionRows(
  db: Kysely<Database>,
  partyId: string,
  options: { limit: number; before?: Position | undefined; language: Language },
): Promise<InteractionRow[]> {
  if (!options.before) return latestInteractions[options.language].all(db, { partyId, limit: options.limit });
  return timeline(db, options.language)
    .where('interactions.party_id', '=', partyId)
    .where(after('interactions.started_at', 'interactions.id', options.before))
    .limit(options.limit)
    .execute();
}

/** The most recent contacts of a customer on every channel, newest first. */
export async function listInteractions(
  db: Kysely<Database>,
  partyId: string,
  options: { limit: number; before?: Position | undefined; language: Language; fcrWindowDays: number; now: number },
): Promise<InteractionView[]> {
  const rows = await interactionRows(db, partyId, options);
  return rows.map((row) => toInteractionView(row, options.fcrWindowDays, options.now));
}

/** Sets the start and end of a contact recorded earlier (the call's end arrives after the advisor logged it). */
export async function updateInteractionEnd(db: Kysely<Database>, id: string, startedAt: number, endedAt: number): Promise<void> {
  const { party_id } = await db.selectFrom('interactions').select('party_id').where('id', '=', id).executeTakeFirstOrThrow();
  await trackContacts(db, party_id, () => db.updateTable('interactions').set({ started_at: startedAt, ended_at: endedAt }).where('id', '=', id).execute());
  await enqueue(db, 'interaction.ended', id, Date.now());
}

export interface ContactDetails {
  reasonCode?: string | null | undefined;
  outcome?: string | null | undefined;
  resolved?: boolean | null | undefined;
  notes?: string | null | undefined;
}

/**
 * What the advisor records about a contact that already exists (a call the telephony platform
 * reported): reason, outcome, resolved, notes. Refreshes the repeat links of that customer.
 */
export async function recordContactDetails(
  db: Kysely<Database>,
  id: string,
  details: ContactDetails,
  fcrWindowDays: number,
): Promise<void> {
  const run = async (trx: Kysely<Database>) => {
    const row = await trx.selectFrom('interactions').select(['party_id']).where('id', '=', id).executeTakeFirst();
    if (!row) throw new DomainError(404, 'not-found', `No contact has id ${id}`);
    if (details.reasonCode != null) await assertActiveReason(trx, details.reasonCode);
    await trackContacts(trx, row.party_id, async () => {
      await trx
        .updateTable('interactions')
        .set({
          ...(details.reasonCode !== undefined ? { reason_code: details.reasonCode } : {}),
          ...(details.outcome !== undefined ? { outcome: details.outcome } : {}),
          ...(details.notes !== undefined ? { notes: details.notes } : {}),
          ...(details.resolved !== undefined
            ? { resolved: details.resolved === null ? null : ((details.resolved ? 1 : 0) as Flag) }
            : {}),
        })
        .where('id', '=', id)
        .execute();
      await recomputeRepeats(trx, fcrWindowDays, row.party_id);
    });
  };
  await (db.isTransaction ? run(db) : db.transaction().execute(run));
}
