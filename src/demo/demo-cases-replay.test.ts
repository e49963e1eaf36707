import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Kysely } from 'kysely';
import { testEngines } from '../../test/engines.js';
import type { Actor } from '../auth/policies.js';
import type { ComplaintAction } from '../complaints/complaint-kind.js';
import { COUNT_MEASURES } from '../complaints/complaint-facts.js';
import { actOnComplaint, createComplaint } from '../complaints/complaint-service.js';
import { actOnFollowup } from '../followups/followup-actions.js';
import { escalateMissedDeadlines, firstRunAfter } from '../followups/followup-escalation.js';
import { followUpAnswer } from '../followups/followup-opening.js';
import { codeRepeatContact } from '../interactions/contact-coding.js';
import type { Storage } from '../storage/database.js';
import type { Database } from '../storage/schema.js';
import { loadDemoCases } from './demo-cases.js';
import { loadDemoSurveys } from './demo-surveys.js';
import { loadDemo } from './load.js';

/**
 * The demo's follow-ups and complaints are written in bulk; this proves they are the rows the
 * services write: the history is replayed, event by event in the order of time, through
 * `followUpAnswer`, `actOnFollowup`, the hourly escalation job (run every hour a deadline was missed), `createComplaint` and `actOnComplaint`
 * on the same customers and answers, the repeat contacts coded through `codeRepeatContact`, and every
 * row of the cases, their events, the follow-ups, the complaints, the report's aggregates, the root
 * causes coded with their links and aggregates comes out the same (ids aside, and the wall-clock `updated_at`).
 */

/** Wednesday 4 November 2026, 16:00 in Luxembourg: the end of the history. */
const NOW = Date.UTC(2026, 10, 4, 15);
const CASE_TABLES = ['cause_counts', 'cause_codings', 'complaint_durations', 'complaint_counts', 'complaint_facts', 'complaint_contacts', 'complaint_sequences', 'followups', 'complaints', 'case_events', 'cases'] as const;

type Data = Record<string, unknown> & { complaintId?: string; fromCase?: string };

async function snapshot(db: Kysely<Database>) {
  const n = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  const cases = (await db.selectFrom('cases').selectAll().execute()).map(({ updated_at: _, ...c }) => ({
    ...c, hot: n(c.hot), opened_at: n(c.opened_at), due_at: n(c.due_at), paused_at: n(c.paused_at), paused_ms: n(c.paused_ms), closed_at: n(c.closed_at), version: n(c.version),
  }));
  const events = (await db.selectFrom('case_events').selectAll().orderBy('at').orderBy('id').execute()).map((e) => ({
    ...e, at: Number(e.at), data: e.data === null ? null : (JSON.parse(e.data) as Data),
  }));
  const complaints = (await db.selectFrom('complaints').selectAll().execute()).map(({ updated_at: _, ...c }) => ({
    ...c, received_at: n(c.received_at), amount_disputed_cents: n(c.amount_disputed_cents), ack_due_at: n(c.ack_due_at), answer_due_at: n(c.answer_due_at),
    acknowledged_at: n(c.acknowledged_at), answered_at: n(c.answered_at), mediation_info_sent_at: n(c.mediation_info_sent_at), created_at: n(c.created_at),
  }));
  const followups = (await db.selectFrom('followups').selectAll().execute()).map((f) => ({
    ...f, score: n(f.score), opened_at: n(f.opened_at), deadline_at: n(f.deadline_at), attempts: n(f.attempts), not_reached: n(f.not_reached),
    first_attempt_at: n(f.first_attempt_at), reached_at: n(f.reached_at), escalated_at: n(f.escalated_at),
  }));
  const contacts = (await db.selectFrom('complaint_contacts').selectAll().execute()).map((c) => ({ ...c, linked_at: Number(c.linked_at) }));
  const facts = (await db.selectFrom('complaint_facts').selectAll().execute()).map((f) => Object.fromEntries(Object.entries(f).map(([k, v]) => [k, typeof v === 'string' ? v : n(v)])));
  const numbers = <T extends object>(rows: T[]) => rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'string' ? v : n(v)]))).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  const codings = (await db.selectFrom('cause_codings').selectAll().execute()).map((c) => ({
    ...c, occurred_at: n(c.occurred_at), day: n(c.day), amount_cents: n(c.amount_cents), refund_cents: n(c.refund_cents), extra_contacts: n(c.extra_contacts),
    previous_at: n(c.previous_at), coded_at: n(c.coded_at),
  }));
  return {
    cases, events, complaints, followups, contacts, facts, codings,
    // a recoding leaves the service a row that counts nothing any more where the coding was counted before
    causeCounts: numbers(await db.selectFrom('cause_counts').selectAll().execute()).filter((r) => ['coded', 'recurrences', 'amount_cents', 'refund_cents', 'extra_contacts'].some((m) => r[m] !== 0)),
    // an edit or a transfer leaves the service a row that counts nothing any more where the complaint was counted before
    counts: numbers(await db.selectFrom('complaint_counts').selectAll().execute()).filter((r) => COUNT_MEASURES.some((m) => r[m] !== 0)),
    durations: numbers(await db.selectFrom('complaint_durations').selectAll().execute()).filter((r) => r.histogram !== '{}'),
    sequences: numbers(await db.selectFrom('complaint_sequences').selectAll().execute()),
  };
}
type Snapshot = Awaited<ReturnType<typeof snapshot>>;

/** Replays the demo's history through the services; answers the id each demo case got. */
async function replay(db: Kysely<Database>, demo: Snapshot): Promise<Map<string, string>> {
  const users = new Map(
    (await db.selectFrom('users').selectAll().execute()).map((u): [string, Actor] => [u.id, { kind: 'user', id: u.id, role: u.role, displayName: u.display_name, teamId: u.team_id, language: u.language }]),
  );
  const cases = new Map(demo.cases.map((c) => [c.id, c]));
  const complaints = new Map(demo.complaints.map((c) => [c.case_id, c]));
  const followups = new Map(demo.followups.map((f) => [f.case_id, f]));
  const trails = new Map<string, Snapshot['events']>();
  for (const e of demo.events) trails.set(e.case_id, [...(trails.get(e.case_id) ?? []), e]);
  const ids = new Map<string, string>();
  let last = 0;
  /** The hourly escalation runs between the last event and `until`, as the worker runs them: each where a deadline was missed. */
  const runEscalations = async (until: number) => {
    for (;;) {
      const next = await db
        .selectFrom('cases').innerJoin('followups', 'followups.case_id', 'cases.id')
        .select((eb) => eb.fn.min('cases.due_at').as('due'))
        .where('cases.closed_at', 'is', null).where('cases.paused_at', 'is', null).where('followups.escalated_at', 'is', null)
        .executeTakeFirst();
      if (next?.due === null || next?.due === undefined) return;
      const run = firstRunAfter(Math.max(Number(next.due), last));
      if (run > until) return;
      await escalateMissedDeadlines(db, run);
      last = run;
    }
  };
  const actorOf = (e: Snapshot['events'][number]) => (e.actor_kind === 'system' ? 'system' : users.get(e.actor_id)!);

  for (const e of demo.events) {
    const c = cases.get(e.case_id)!;
    const data = e.data ?? {};
    // the escalations are the hourly job's, not the history's
    if (e.action === 'escalate') continue;
    await runEscalations(e.at);
    last = e.at;
    if (e.action === 'opened' && c.kind === 'followup') {
      const f = followups.get(c.id)!;
      const r = await db
        .selectFrom('survey_responses as r').innerJoin('surveys as s', 's.id', 'r.survey_id')
        .select(['r.id', 'r.interaction_id', 'r.party_id', 'r.score', 'r.detractor_max', 'r.promoter_min', 'r.comment', 'r.received_at', 's.team_id', 's.site_id'])
        .where('r.survey_id', '=', f.survey_id).executeTakeFirstOrThrow();
      const id = await db.transaction().execute((trx) =>
        followUpAnswer(trx, {
          surveyId: f.survey_id, responseId: r.id, interactionId: r.interaction_id, partyId: r.party_id, score: Number(r.score), detractorMax: Number(r.detractor_max),
          promoterMin: Number(r.promoter_min), comment: r.comment, receivedAt: Number(r.received_at), teamId: r.team_id, siteId: r.site_id,
        }),
      );
      ids.set(c.id, id!);
    } else if (e.action === 'opened') {
      // a follow-up's complaint is recorded by its close
      if (data.fromCase !== undefined) continue;
      const k = complaints.get(c.id)!;
      const trail = trails.get(c.id)!;
      const assigneeAtIntake = trail.length === 1 ? c.assignee_id : trail[1]!.action === 'assign' ? null : e.actor_id;
      const made = await createComplaint(
        db,
        {
          partyId: c.party_id!, accountId: k.account_id, lineId: k.line_id, channel: k.channel, category: String(data.category), receivedAt: k.received_at!,
          description: k.description, language: k.language, amountDisputedCents: k.amount_disputed_cents, teamId: users.get(e.actor_id)!.teamId, assigneeId: assigneeAtIntake,
          contactIds: demo.contacts.filter((x) => x.case_id === c.id).map((x) => x.interaction_id),
        },
        users.get(e.actor_id)!,
        { now: e.at },
      );
      ids.set(c.id, made.id);
    } else if (c.kind === 'followup') {
      const complaint = data.complaintId === undefined ? undefined : complaints.get(data.complaintId)!;
      const category = complaint && String(trails.get(complaint.case_id)![0]!.data!.category);
      await actOnFollowup(
        db, ids.get(c.id)!, e.action,
        {
          reason: e.reason, reached: data.reached as boolean | undefined, cause: data.cause as string | undefined, causeCategory: data.causeCategory as string | undefined,
          actionTaken: data.actionTaken as string | undefined, ...(data.assigneeId !== undefined ? { assigneeId: data.assigneeId as string | null } : {}),
          causeCode: data.causeCode as string | undefined, unknownReason: data.unknownReason as string | undefined,
          ...(complaint ? { complaint: { category: category!, description: complaint.description, amountDisputedCents: complaint.amount_disputed_cents } } : {}),
        },
        actorOf(e), { now: e.at },
      );
      if (complaint) {
        const f = await db.selectFrom('followups').select('complaint_id').where('case_id', '=', ids.get(c.id)!).executeTakeFirstOrThrow();
        ids.set(complaint.case_id, f.complaint_id!);
      }
    } else {
      const edited = data.edited as { category?: { to: string } } | undefined;
      await actOnComplaint(
        db, ids.get(c.id)!, e.action as ComplaintAction,
        {
          reason: e.reason, outcome: data.outcome as never, rootCause: data.rootCause as string | undefined, category: edited?.category?.to,
          refundCents: data.refundCents as number | undefined, causeCode: data.causeCode as string | undefined, unknownReason: data.unknownReason as string | undefined,
          ...(e.action === 'assign' ? { assigneeId: data.assigneeId as string | null } : {}), ...(e.action === 'transfer' ? { teamId: data.teamId as string } : {}),
        },
        actorOf(e), { now: e.at, notify: false },
      );
    }
  }
  await runEscalations(NOW);
  // the repeat contacts, coded by the quality coaches when the history says
  for (const k of demo.codings.filter((c) => c.subject_kind === 'contact').sort((a, b) => a.coded_at! - b.coded_at!)) {
    await codeRepeatContact(db, k.subject_id, { causeCode: k.cause_code, unknownReason: k.unknown_reason }, users.get(k.coded_by_id)!, k.coded_at!);
  }
  return ids;
}

/** The demo's rows with the ids the replay gave its cases. */
function renamed(demo: Snapshot, ids: Map<string, string>): Snapshot {
  const id = (v: string | null) => (v === null ? null : (ids.get(v) ?? `unreplayed ${v}`));
  return {
    ...demo,
    cases: demo.cases.map((c) => ({ ...c, id: id(c.id)! })),
    events: demo.events.map((e) => ({
      ...e, case_id: id(e.case_id)!,
      data: e.data && { ...e.data, ...(e.data.complaintId ? { complaintId: id(e.data.complaintId)! } : {}), ...(e.data.fromCase ? { fromCase: id(e.data.fromCase)! } : {}) },
    })),
    complaints: demo.complaints.map((c) => ({ ...c, case_id: id(c.case_id)! })),
    followups: demo.followups.map((f) => ({ ...f, case_id: id(f.case_id)!, complaint_id: id(f.complaint_id) })),
    contacts: demo.contacts.map((c) => ({ ...c, case_id: id(c.case_id)! })),
    facts: demo.facts.map((f) => ({ ...f, case_id: id(f.case_id as string) })),
    codings: demo.codings.map((c) => ({ ...c, subject_id: c.subject_kind === 'contact' ? c.subject_id : id(c.subject_id)! })),
  };
}

/** Rows in an order that does not depend on ids: cases by kind and opening, events by case then time. */
function comparable(s: Snapshot) {
  const byKey = <T>(rows: T[], key: (r: T) => string) => [...rows].sort((a, b) => key(a).localeCompare(key(b)));
  return {
    ...s,
    cases: byKey(s.cases, (c) => c.id),
    events: byKey(s.events.map(({ id: _, ...e }) => e), (e) => `${e.case_id}|${String(e.at).padStart(15, '0')}|${e.action}`),
    complaints: byKey(s.complaints, (c) => c.case_id),
    followups: byKey(s.followups, (f) => f.case_id),
    contacts: byKey(s.contacts, (c) => `${c.case_id}|${c.interaction_id}`),
    facts: byKey(s.facts, (f) => String(f.case_id)),
    codings: byKey(s.codings, (c) => `${c.subject_kind}|${c.subject_id}`),
  };
}

for (const engine of await testEngines()) {
  describe(`demo follow-ups and complaints replayed through the services on ${engine.name}`, { skip: engine.skip }, () => {
    let storage: Storage;
    before(async () => {
      storage = await engine.open();
    });
    after(() => storage?.close());

    it('are the rows the services write for the same history', async () => {
      await loadDemo(storage, { customers: 500, seed: 21, now: NOW });
      await loadDemoSurveys(storage, { seed: 21, now: NOW });
      const summary = await loadDemoCases(storage, { seed: 21, now: NOW });
      assert.ok(summary.followups > 80 && summary.complaints > 15, JSON.stringify(summary));
      const coded = new Set((await storage.db.selectFrom('cause_codings').select('subject_kind').execute()).map((c) => c.subject_kind));
      assert.deepEqual([...coded].sort(), ['complaint', 'contact', 'followup'], 'complaints, follow-ups and repeat contacts coded');
      const events = await storage.db.selectFrom('case_events').select(['action', 'data']).where('action', 'in', ['code-cause', 'close']).execute();
      assert.ok(events.some((e) => e.action === 'code-cause'), 'some coded before closing or recoded');
      assert.ok(events.some((e) => (e.data ?? '').includes('previousCause')), 'some recoded');
      const demo = await snapshot(storage.db);
      for (const table of CASE_TABLES) await storage.db.deleteFrom(table).execute();

      const ids = await replay(storage.db, demo);
      const replayed = await snapshot(storage.db);
      assert.equal(ids.size, demo.cases.length, 'every case replayed');
      const [want, got] = [comparable(renamed(demo, ids)), comparable(replayed)];
      for (const key of Object.keys(want) as (keyof Snapshot)[]) assert.deepEqual(got[key], want[key], key);
    });
  });
}
