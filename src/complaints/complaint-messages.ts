import type { Kysely } from 'kysely';
import { can } from '../auth/policies.js';
import { findCase } from '../cases/case-service.js';
import { enqueue, type Topic } from '../jobs/outbox.js';
import type { JobHandler, JobResult } from '../jobs/worker.js';
import type { ReferenceReader } from '../notifications/notification-service.js';
import { notify } from '../notifications/notify.js';
import { partyEmail } from '../notifications/recipients.js';
import { addDays, dayStart, formatDay, localDay, parseDay } from '../shared/calendar.js';
import type { Language } from '../shared/languages.js';
import type { ComplaintTable, Database } from '../storage/schema.js';
import { withinScope } from './complaint-access.js';
import { COMPLAINT, type Outcome } from './complaint-kind.js';
import { recordMediationInfoSent } from './complaint-service.js';

/**
 * Talking to the customer about their complaint (docs/complaints.md, "Talking to the customer"):
 * the worker's handlers of the jobs a complaint's actions write, each a notification
 * (src/notifications) written in the job's transaction, in the complaint's language, on the channel
 * it came by: a complaint by e-mail is answered by e-mail, any other by SMS to the customer's mobile
 * (e-mail when they have none). The final answer, and a rejection, which is one, carry the right to
 * the ILR's mediation with its dates; a complaint unanswered after eight weeks, or at deadlock, is
 * told of it on its own. Every message is written once: a job run twice finds it written.
 */

const DAY_MS = 86_400_000;
/** The UK code's eight weeks, in calendar days from receipt. */
export const EIGHT_WEEKS_DAYS = 56;
/** The daily look for complaints open eight weeks runs at 07:00 Europe/Luxembourg (the SMS leave from 08:00). */
const RUN_HOUR_MS = 7 * 3_600_000;
/** Complaints made by speaking: no written complaint yet, which the ILR's mediation needs first. */
const SPOKEN = ['phone', 'shop'];
/** A complaint not yet answered. */
const UNANSWERED = ['received', 'acknowledged', 'under_investigation'];

/**
 * The outcome of an answer as the customer reads it, one sentence in the GSM alphabet (an SMS
 * template puts it in as given). A rejection reads as `not_upheld`: the reason given for it is
 * the team's record, not a text written for the customer. Luxembourgish readers get French, as
 * with the templates.
 */
export const OUTCOME_TEXTS: Readonly<Record<Outcome, Readonly<Record<'fr' | 'de' | 'en', string>>>> = {
  upheld: {
    fr: 'Nous vous donnons raison et corrigeons la situation.',
    de: 'Wir geben Ihnen recht und beheben das Problem.',
    en: 'We agree with you and are putting it right.',
  },
  partially_upheld: {
    fr: 'Nous vous donnons raison en partie et corrigeons ce point.',
    de: 'Wir geben Ihnen teilweise recht und beheben diesen Punkt.',
    en: 'We agree with you in part and are putting that part right.',
  },
  not_upheld: {
    fr: 'Après examen, nous ne pouvons pas donner suite à votre réclamation.',
    de: 'Nach Prüfung können wir Ihrer Beschwerde nicht stattgeben.',
    en: 'Having looked into it, we cannot uphold your complaint.',
  },
};

export function outcomeText(outcome: Outcome, language: Language): string {
  const texts = OUTCOME_TEXTS[outcome];
  return language === 'de' || language === 'en' ? texts[language] : texts.fr;
}

type Complaint = ComplaintTable & { partyId: string; caseId: string; state: string };

async function complaintOfCase(db: Kysely<Database>, caseId: string): Promise<Complaint | undefined> {
  const found = await findCase(db, caseId);
  if (!found || found.kind !== COMPLAINT.kind || found.party_id === null) return undefined;
  const row = await db.selectFrom('complaints').selectAll().where('case_id', '=', caseId).executeTakeFirst();
  return row && { ...row, received_at: Number(row.received_at), partyId: found.party_id, caseId, state: found.state };
}

/** E-mail for a complaint that came by e-mail (to the customer's address, when one is on file), else an SMS to the mobile, else e-mail. */
async function channelOf(db: Kysely<Database>, complaint: Complaint): Promise<'email' | 'auto'> {
  return complaint.channel === 'email' && (await partyEmail(db, complaint.partyId)) !== undefined ? 'email' : 'auto';
}

/** Tells the customer the complaint is recorded, with the date an answer is due. */
async function sendAcknowledgement(trx: Kysely<Database>, complaint: Complaint, eventId: string, at: number): Promise<void> {
  const due = await trx.selectFrom('cases').select('due_at').where('id', '=', complaint.caseId).executeTakeFirstOrThrow();
  await notify(
    trx,
    {
      class: 'service', templateKey: 'complaint.acknowledged', customerId: complaint.partyId, channel: await channelOf(trx, complaint), language: complaint.language,
      params: { reference: complaint.reference, receivedDate: complaint.received_at, dueDate: Number(due.due_at ?? complaint.answer_due_at) },
      refType: COMPLAINT.kind, refId: complaint.caseId, occasion: eventId,
    },
    at,
  );
}

/**
 * The final answer (or the rejection): its outcome, the right to the ILR's mediation and the dates
 * the ILR asks for (written complaint received, final answer sent), recorded as mediation
 * information sent. A complaint made by speaking (phone, shop) has no written complaint yet: its
 * answer (`complaint.answered-oral`) tells the customer to write first, quoting the reference. Each answer of a reopened complaint is a message of its own (the event's id).
 */
async function sendFinalAnswer(trx: Kysely<Database>, complaint: Complaint, eventId: string, answeredAt: number, outcome: Outcome, at: number): Promise<void> {
  const sent = await notify(
    trx,
    {
      class: 'regulatory', templateKey: SPOKEN.includes(complaint.channel) ? 'complaint.answered-oral' : 'complaint.answered', customerId: complaint.partyId, channel: await channelOf(trx, complaint), language: complaint.language,
      params: { reference: complaint.reference, receivedDate: complaint.received_at, answerDate: answeredAt, outcome: outcomeText(outcome, complaint.language) },
      refType: COMPLAINT.kind, refId: complaint.caseId, occasion: eventId,
    },
    at,
  );
  if (sent.created && sent.status !== 'failed') await recordMediationInfoSent(trx, complaint.caseId, at);
}

/**
 * Tells a complaint unanswered for eight weeks, or at deadlock, of the ILR's mediation, without
 * waiting to be asked: once per complaint whatever causes it (no occasion), recorded as mediation
 * information sent. Answers whether a message was written now.
 */
export async function sendMediationRight(db: Kysely<Database>, caseId: string, at = Date.now()): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const complaint = await complaintOfCase(trx, caseId);
    if (!complaint || !UNANSWERED.includes(complaint.state)) return false;
    const sent = await notify(
      trx,
      {
        class: 'regulatory', templateKey: 'complaint.eight-weeks', customerId: complaint.partyId, channel: await channelOf(trx, complaint), language: complaint.language,
        params: { reference: complaint.reference, receivedDate: complaint.received_at }, refType: COMPLAINT.kind, refId: complaint.caseId,
      },
      at,
    );
    if (sent.created && sent.status !== 'failed') await recordMediationInfoSent(trx, complaint.caseId, at);
    return sent.created;
  });
}

/** The event a job is about, with its complaint; undefined when either is gone (nothing to tell). */
async function eventOf(trx: Kysely<Database>, eventId: string) {
  const event = await trx.selectFrom('case_events').select(['case_id', 'at', 'data']).where('id', '=', eventId).executeTakeFirst();
  const complaint = event && (await complaintOfCase(trx, event.case_id));
  if (!event || !complaint) return undefined;
  return { at: Number(event.at), data: (event.data ? JSON.parse(event.data) : {}) as { outcome?: Outcome }, complaint };
}

const DONE: JobResult = { done: true };

/** A handler that runs `work` on the job's event and complaint in one transaction. */
function onEvent(db: Kysely<Database>, clock: () => number, work: (trx: Kysely<Database>, e: NonNullable<Awaited<ReturnType<typeof eventOf>>>, eventId: string, now: number) => Promise<void>): JobHandler {
  return async (eventId) => {
    await db.transaction().execute(async (trx) => {
      const e = await eventOf(trx, eventId);
      if (e) await work(trx, e, eventId, clock());
    });
    return DONE;
  };
}

/** The daily look for complaints open eight weeks, for `day` (one job per day: ref the day). */
async function scheduleDay(db: Kysely<Database>, day: number): Promise<void> {
  await enqueue(db, 'complaint.eight-weeks', formatDay(day), dayStart(day) + RUN_HOUR_MS);
}

/** Makes sure today's look for complaints open eight weeks is in the outbox (at start). */
export async function scheduleEightWeeks(db: Kysely<Database>, now = Date.now()): Promise<void> {
  await scheduleDay(db, localDay(now));
}

/**
 * Sends the mediation information to the complaints received at least eight weeks (56 calendar
 * days) before `now` and still unanswered, that have not had it, oldest first and at most `limit`
 * of them (a short job: the rest is for the next run); answers how many it looked at. One
 * complaint per transaction.
 */
export async function sendEightWeeks(db: Kysely<Database>, now: number, limit = 500): Promise<number> {
  const due = await db
    .selectFrom('cases')
    .innerJoin('complaints', 'complaints.case_id', 'cases.id')
    .select('cases.id')
    .where('cases.kind', '=', COMPLAINT.kind)
    .where('cases.closed_at', 'is', null)
    .where('cases.state', 'in', UNANSWERED)
    .where('complaints.received_at', '<=', now - EIGHT_WEEKS_DAYS * DAY_MS)
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('notifications').select('notifications.id').whereRef('notifications.ref_id', '=', 'cases.id').where('notifications.ref_type', '=', COMPLAINT.kind).where('notifications.template_key', '=', 'complaint.eight-weeks'))),
    )
    .orderBy('complaints.received_at')
    .limit(limit)
    .execute();
  for (const { id } of due) await sendMediationRight(db, id, now);
  return due.length;
}

/** The topics a complaint's messages travel on. */
export type ComplaintMessageTopic = Extract<Topic, `complaint.${string}`>;

/**
 * The worker's handlers of the complaints' jobs. Closing sends no message of its own (the final
 * answer was it): `complaint.closed` is the surveys' (the satisfaction survey about the handling). `clock` gives the time (tests fix it);
 * `eightWeeksBatch` how many complaints the daily job tells per run (it runs again at once for the rest).
 */
export function complaintMessageHandlers(
  db: Kysely<Database>,
  options: { clock?: () => number; eightWeeksBatch?: number } = {},
): Partial<Record<ComplaintMessageTopic, JobHandler>> {
  const clock = options.clock ?? Date.now;
  const batch = options.eightWeeksBatch ?? 500;
  return {
    'complaint.acknowledged': onEvent(db, clock, (trx, e, eventId, now) => sendAcknowledgement(trx, e.complaint, eventId, now)),
    'complaint.answered': onEvent(db, clock, (trx, e, eventId, now) => sendFinalAnswer(trx, e.complaint, eventId, e.at, e.data.outcome ?? e.complaint.outcome ?? 'not_upheld', now)),
    'complaint.rejected': onEvent(db, clock, (trx, e, eventId, now) => sendFinalAnswer(trx, e.complaint, eventId, e.at, 'not_upheld', now)),
    'complaint.deadlock': async (eventId) => {
      const event = await db.selectFrom('case_events').select('case_id').where('id', '=', eventId).executeTakeFirst();
      if (event) await sendMediationRight(db, event.case_id, clock());
      return DONE;
    },
    'complaint.eight-weeks': async (refId) => {
      const now = clock();
      if ((await sendEightWeeks(db, now, batch)) === batch) return { done: false, retryAt: Date.now(), error: `${batch} complaints told of the mediation: the next ones follow` };
      const day = parseDay(refId) ?? localDay(now);
      await scheduleDay(db, addDays(Math.max(day, localDay(now)), 1));
      return DONE;
    },
  };
}

/**
 * Who may read the messages about a complaint (`GET /notifications?ref=complaint:<id>`): whoever may
 * read the complaint (the action `complaint.read` and its team scope).
 */
export const complaintReference: ReferenceReader = async (db, actor, refId) => {
  if (!can(actor, 'complaint.read')) return undefined;
  const found = await findCase(db, refId);
  if (!found || found.kind !== COMPLAINT.kind || found.party_id === null || !withinScope(actor, found)) return undefined;
  return { customerId: found.party_id };
};
