import type { Insertable } from 'kysely';
import { listCategories } from '../complaints/complaint-categories.js';
import { factOf, FactDelta } from '../complaints/complaint-facts.js';
import { followupRules } from '../followups/followup-rules.js';
import { inChunks } from '../shared/batches.js';
import { LUXEMBOURG_CALENDAR } from '../shared/business-calendar.js';
import { bulkWriter, type BulkWriter } from '../storage/bulk.js';
import type { Storage } from '../storage/database.js';
import type { CauseCodingTable, CauseCountTable, Database } from '../storage/schema.js';
import { loadStaff } from './case-ledger.js';
import { CauseCalendar } from './demo-causes.js';
import { chooseRepeatCodings, codeRepeatContacts, CustomerHoldingsDirectory, DemoCodings, type RepeatContact, type RepeatGlance } from './demo-codings.js';
import { COMPLAINING_CHANNELS, ComplaintHistory, type DemoComplaint, type DemoIntake, type UnsettledContact } from './demo-complaints.js';
import { FollowupHistory, type DetractorAnswer, type DemoFollowup, type ManagedAccount } from './demo-followups.js';
import { hash32, Random } from './random.js';

/**
 * Slots of the demo ids the cases take, one per case: after any customer's (a customer index is a
 * slot), so that a case's id never shares its time field with a customer's rows.
 */
const CASE_SLOTS_FROM = 10_000_000;

export interface DemoCaseOptions {
  seed: number;
  /** the moment the history ends (default: the current time), as for the survey history */
  now?: number;
}

export interface DemoCaseSummary {
  followups: number;
  complaints: number;
  /** events of their timelines */
  events: number;
  /** root causes coded: on complaints, follow-ups and repeat contacts */
  codings: number;
  /** still open at `now` */
  openFollowups: number;
  openComplaints: number;
  durationMs: number;
}

const num = (v: number | string | null) => (v === null ? null : Number(v));

/**
 * The follow-ups and complaints of the demo's history (docs/followups.md, docs/complaints.md, "Demo"),
 * after its survey history: every detractor's answer gets the follow-up `followUpAnswer` would have
 * opened, worked as the follow-up actions allow; unsettled contacts and follow-ups lead to complaints
 * on every channel, handled through their lifecycle. Every opening and action is decided by the
 * services' own pure steps (the case mechanism's, the complaints', the follow-ups'), in the order
 * of the history, and the complaints' facts and report aggregates are those their events make. Every
 * complaint that closes, about half the follow-ups closed with the customer reached and a share of the
 * repeat contacts are coded with their root cause, as the coding actions code them, the causes rising
 * and falling over the year (demo-causes.ts); the codings' links and aggregates are those the codings
 * make. The rows are written in one transaction by the bulk writer. The customers are not told (no
 * message is queued for the past). Same seed and `now`, same history.
 */
export async function loadDemoCases(storage: Storage, options: DemoCaseOptions): Promise<DemoCaseSummary> {
  const started = performance.now();
  const { db } = storage;
  const { seed } = options;
  const now = options.now ?? Date.now();
  const [rules, staff, categoryList] = [await followupRules(db), await loadStaff(db), await listCategories(db, 'en', true)];
  const categories = new Map(categoryList.map((c) => [c.code, c]));
  const idRng = new Random(hash32(seed, 0xca5e));
  let slot = CASE_SLOTS_FROM;
  const nextSlot = () => slot++;
  const calendar = new CauseCalendar(now);
  const codings = new DemoCodings();

  const history = new ComplaintHistory({ seed, now, staff, categories, idRng, nextSlot, calendar, codings });
  const answers = await detractorAnswers(storage, rules.detractorMax);
  const unsettled = await unsettledContacts(storage, now, history);
  const repeats = chooseRepeatCodings(await repeatContacts(storage, now), { seed, now, calendar, coaches: staff.coaches });
  const repeated = await repeatDetails(storage, repeats.map((r) => r.contactId));
  const holdings = await CustomerHoldingsDirectory.load(storage, [
    ...answers.map((a) => a.partyId), ...unsettled.map(([, k]) => k.partyId), ...[...repeated.values()].map((k) => k.partyId),
  ]);

  const followups = new FollowupHistory({
    seed, now, rules, staff, idRng, nextSlot, calendar, codings, holdings,
    categories: new Set(categoryList.filter((c) => c.active).map((c) => c.code)),
    managedAccounts: await managedAccounts(storage),
  });
  for (const answer of answers) await followups.add(answer);

  const intakes = [...followups.complaints];
  for (const [i, contact] of unsettled) {
    const intake = history.fromContact(contact, i);
    if (intake) intakes.push(intake);
  }
  await findLines(storage, intakes);
  const { complaints, sequences } = history.record(intakes, holdings);
  codeRepeatContacts(repeats, repeated, codings, holdings);
  const coded = codings.rows();

  await db.transaction().execute(async (trx) => {
    const writer = bulkWriter(storage, trx);
    writeCases(writer, followups.followups, complaints, coded);
    queue(writer, 'complaint_sequences', sequences);
    await writer.flush();
  });
  const events = [...followups.followups, ...complaints].reduce((n, { c }) => n + c.events.length, 0);
  return {
    followups: followups.followups.length,
    complaints: complaints.length,
    events,
    codings: coded.codings.length,
    openFollowups: followups.followups.filter(({ c }) => c.row.closed_at === null).length,
    openComplaints: complaints.filter(({ c }) => c.row.closed_at === null).length,
    durationMs: Math.round(performance.now() - started),
  };
}

/** Queues the cases with their events, the follow-ups, the complaints with their contacts, facts and the report's aggregates, the codings and theirs. */
function writeCases(
  writer: BulkWriter, followups: readonly DemoFollowup[], complaints: readonly DemoComplaint[], coded: { codings: CauseCodingTable[]; counts: CauseCountTable[] },
): void {
  const cases = [...followups, ...complaints].map(({ c }) => c);
  queue(writer, 'cases', cases.map((c) => c.row));
  for (const c of cases) queue(writer, 'case_events', c.events);
  queue(writer, 'followups', followups.map((f) => f.followup));
  queue(writer, 'complaints', complaints.map((k) => k.complaint));
  for (const k of complaints) queue(writer, 'complaint_contacts', k.contacts);
  const delta = new FactDelta();
  const facts = complaints.map(({ c, complaint }) => {
    const fact = factOf({ ...complaint, team_id: c.row.team_id, state: c.row.state }, c.events, LUXEMBOURG_CALENDAR);
    delta.add(fact, 1);
    return fact;
  });
  queue(writer, 'complaint_facts', facts);
  const { counts, durations } = delta.rows();
  queue(writer, 'complaint_counts', counts);
  queue(writer, 'complaint_durations', durations);
  queue(writer, 'cause_codings', coded.codings);
  queue(writer, 'cause_counts', coded.counts);
}

function queue<T extends keyof Database>(writer: BulkWriter, table: T, rows: readonly Insertable<Database[T]>[]): void {
  for (const row of rows) writer.insert(table, row);
}

/** The answers that open a follow-up (a score within the detractor range of their basis, or up to the rules' threshold), in the order they came. */
async function detractorAnswers(storage: Storage, detractorMax: number | null): Promise<DetractorAnswer[]> {
  const rows = await storage.db
    .selectFrom('survey_responses as r')
    .innerJoin('surveys as s', 's.id', 'r.survey_id')
    .innerJoin('interactions as i', 'i.id', 'r.interaction_id')
    .innerJoin('parties as p', 'p.id', 'r.party_id')
    .select([
      'r.id', 'r.survey_id', 'r.interaction_id', 'r.party_id', 'r.score', 'r.detractor_max', 'r.promoter_min', 'r.comment', 'r.received_at',
      's.team_id', 's.site_id', 'i.repeat_of', 'i.account_id', 'i.reason_code', 'i.channel', 'p.kind', 'p.preferred_language',
    ])
    .where('r.score', 'is not', null)
    .$if(detractorMax === null, (q) => q.whereRef('r.score', '<=', 'r.detractor_max'))
    .$if(detractorMax !== null, (q) => q.where('r.score', '<=', detractorMax!))
    .orderBy('r.received_at')
    .orderBy('r.interaction_id')
    .execute();
  return rows.map((r) => ({
    surveyId: r.survey_id, responseId: r.id, interactionId: r.interaction_id, partyId: r.party_id, score: Number(r.score),
    detractorMax: Number(r.detractor_max), promoterMin: Number(r.promoter_min), comment: r.comment, receivedAt: Number(r.received_at),
    teamId: r.team_id, siteId: r.site_id, repeat: r.repeat_of !== null, channel: r.channel, accountId: r.account_id, reasonCode: r.reason_code,
    language: r.preferred_language, partyKind: r.kind,
  }));
}

/** Business accounts with an active account manager, per customer, oldest first. */
async function managedAccounts(storage: Storage): Promise<Map<string, ManagedAccount[]>> {
  const rows = await storage.db
    .selectFrom('accounts')
    .innerJoin('users', 'users.id', 'accounts.account_manager_id')
    .select(['accounts.id', 'accounts.party_id', 'accounts.created_at', 'users.id as manager_id', 'users.team_id'])
    .where('accounts.segment', '=', 'business')
    .where('users.active', '=', 1)
    .orderBy('accounts.created_at')
    .orderBy('accounts.id')
    .execute();
  const byParty = new Map<string, ManagedAccount[]>();
  for (const r of rows) {
    const account = { id: r.id, createdAt: Number(r.created_at), managerId: r.manager_id, managerTeamId: r.team_id };
    const accounts = byParty.get(r.party_id);
    if (accounts) accounts.push(account);
    else byParty.set(r.party_id, [account]);
  }
  return byParty;
}

/**
 * The unsettled contacts (not resolved, ended before `now`) that lead to a complaint, with their index
 * in the order of the history: all are looked at, only those read in full.
 */
async function unsettledContacts(storage: Storage, now: number, history: ComplaintHistory): Promise<[number, UnsettledContact][]> {
  // read in the table's order and sorted here: far cheaper than following the index of start times
  const all = await storage.db
    .selectFrom('interactions')
    .select(['id', 'channel', 'reason_code', 'started_at'])
    .where('resolved', '=', 0)
    .where('channel', 'in', COMPLAINING_CHANNELS)
    .where('ended_at', '<', now)
    .execute();
  const ordered = all
    .map((r) => ({ id: r.id, channel: r.channel, reasonCode: r.reason_code, startedAt: Number(r.started_at) }))
    .sort((a, b) => a.startedAt - b.startedAt || (a.id < b.id ? -1 : 1));
  const chosen = new Map<string, number>();
  ordered.forEach((k, i) => history.complainedOf(k, i) && chosen.set(k.id, i));
  const rows = await inChunks([...chosen.keys()], (ids) =>
    storage.db
      .selectFrom('interactions as i')
      .innerJoin('parties as p', 'p.id', 'i.party_id')
      .leftJoin('accounts as a', 'a.id', 'i.account_id')
      .select([
        'i.id', 'i.party_id', 'i.account_id', 'i.channel', 'i.reason_code', 'i.started_at', 'i.ended_at', 'i.advisor_id', 'i.team_id',
        'p.preferred_language', 'p.kind', 'a.segment',
      ])
      .where('i.id', 'in', ids)
      .where('p.erased_at', 'is', null)
      .execute(),
  );
  const contacts: [number, UnsettledContact][] = rows.map((r) => [
    chosen.get(r.id)!,
    {
      id: r.id, partyId: r.party_id, accountId: r.account_id, channel: r.channel, reasonCode: r.reason_code, startedAt: Number(r.started_at),
      endedAt: num(r.ended_at)!, advisorId: r.advisor_id, teamId: r.team_id, language: r.preferred_language, partyKind: r.kind, segment: r.segment,
    },
  ]);
  return contacts.sort((a, b) => a[0] - b[0]);
}

/** The repeat contacts of the history (each brought the customer back for the same reason), as first looked at, in its order. */
async function repeatContacts(storage: Storage, now: number): Promise<RepeatGlance[]> {
  // read in the table's order and sorted here, as the unsettled contacts are
  const rows = await storage.db.selectFrom('interactions').select(['id', 'reason_code', 'started_at']).where('repeat_of', 'is not', null).where('started_at', '<', now).execute();
  return rows
    .map((r) => ({ id: r.id, reasonCode: r.reason_code, startedAt: Number(r.started_at) }))
    .sort((a, b) => a.startedAt - b.startedAt || (a.id < b.id ? -1 : 1));
}

/** The repeat contacts chosen for coding, read in full (an erased customer's left out). */
async function repeatDetails(storage: Storage, ids: string[]): Promise<Map<string, RepeatContact>> {
  const rows = await inChunks(ids, (chunk) =>
    storage.db
      .selectFrom('interactions as i')
      .innerJoin('parties as p', 'p.id', 'i.party_id')
      .select(['i.id', 'i.party_id', 'i.account_id', 'i.channel', 'i.reason_code', 'i.started_at', 'i.team_id', 'i.site_id'])
      .where('i.id', 'in', chunk)
      .where('p.erased_at', 'is', null)
      .execute(),
  );
  return new Map(
    rows.map((r) => [
      r.id,
      { id: r.id, partyId: r.party_id, accountId: r.account_id, channel: r.channel, reasonCode: r.reason_code, startedAt: Number(r.started_at), teamId: r.team_id, siteId: r.site_id },
    ]),
  );
}

/** The line of each complaint about one: the first mobile line of its account. */
async function findLines(storage: Storage, intakes: readonly DemoIntake[]): Promise<void> {
  const accounts = intakes.flatMap((intake) => (intake.lineOf === undefined ? [] : [intake.lineOf]));
  const rows = await inChunks(accounts, (chunk) =>
    storage.db
      .selectFrom('lines')
      .select(['account_id', (eb) => eb.fn.min('id').as('line_id')])
      .where('account_id', 'in', chunk)
      .where('kind', '=', 'mobile')
      .groupBy('account_id')
      .execute(),
  );
  const lines = new Map(rows.map((r) => [r.account_id, r.line_id]));
  for (const intake of intakes) if (intake.lineOf !== undefined) intake.checked.lineId = lines.get(intake.lineOf) ?? null;
}
