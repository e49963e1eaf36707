import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Kysely } from 'kysely';
import { testEngines } from '../../test/engines.js';
import { caseKind, isTerminal, OPENED } from '../cases/case-kinds.js';
import { countsFromCodings, linkCodings } from '../causes/cause-codings.js';
import { listCauses, UNKNOWN_CAUSE } from '../causes/cause-tree.js';
import { COMPLAINT } from '../complaints/complaint-kind.js';
import { recordComplaintFact } from '../complaints/complaint-facts.js';
import { complaintReport, parseComplaintReportParams } from '../complaints/complaint-report.js';
import { EIGHT_WEEKS_DAYS } from '../complaints/complaint-messages.js';
import { firstRunAfter } from '../followups/followup-escalation.js';
import { addBusinessTime, businessDeadline, businessHoursOf, businessTimeBetween } from '../shared/business-calendar.js';
import { dayStart, localDay } from '../shared/calendar.js';
import type { Storage } from '../storage/database.js';
import type { CauseCountTable, Database } from '../storage/schema.js';
import { codingRows } from './demo-codings.testkit.js';
import { CAUSE_STORIES, UNKNOWN_REASONS } from './case-texts.js';
import { loadDemoCases, type DemoCaseSummary } from './demo-cases.js';
import { loadDemoSurveys } from './demo-surveys.js';
import { loadDemo } from './load.js';

/** Friday 20 November 2026, 14:00 in Luxembourg: the end of the history. */
const NOW = Date.UTC(2026, 10, 20, 13);
const DAY = 86_400_000;

type Event = { id: string; case_id: string; at: number; actor_kind: string; actor_id: string; action: string; from_state: string | null; to_state: string; reason: string | null; data: Record<string, unknown> | null };

async function load(storage: Storage, customers: number, seed: number): Promise<DemoCaseSummary> {
  await loadDemo(storage, { customers, seed, now: NOW });
  await loadDemoSurveys(storage, { seed, now: NOW });
  return loadDemoCases(storage, { seed, now: NOW });
}

async function caseRows(db: Kysely<Database>) {
  const cases = (await db.selectFrom('cases').selectAll().orderBy('id').execute()).map((c) => ({
    ...c, opened_at: Number(c.opened_at), due_at: c.due_at === null ? null : Number(c.due_at), paused_at: c.paused_at === null ? null : Number(c.paused_at),
    paused_ms: Number(c.paused_ms), closed_at: c.closed_at === null ? null : Number(c.closed_at), updated_at: Number(c.updated_at), version: Number(c.version), hot: Number(c.hot),
  }));
  const events = (await db.selectFrom('case_events').selectAll().orderBy('case_id').orderBy('at').orderBy('id').execute()).map(
    (e): Event => ({ ...e, at: Number(e.at), data: e.data === null ? null : (JSON.parse(e.data) as Record<string, unknown>) }),
  );
  const byCase = new Map<string, Event[]>();
  for (const e of events) byCase.set(e.case_id, [...(byCase.get(e.case_id) ?? []), e]);
  return { cases, byCase };
}

/** Within Luxembourg business hours: a business day, 08:00–18:00. */
function inBusinessHours(at: number): boolean {
  const hours = businessHoursOf(localDay(at));
  return hours !== null && at >= hours.opens && at <= hours.closes;
}

for (const engine of await testEngines()) {
  describe(`demo follow-ups and complaints on ${engine.name}`, { skip: engine.skip }, () => {
    let storage: Storage;
    let summary: DemoCaseSummary;
    let rows: Awaited<ReturnType<typeof caseRows>>;
    before(async () => {
      storage = await engine.open();
      summary = await load(storage, 2500, 4);
      rows = await caseRows(storage.db);
    });
    after(() => storage?.close());

    it('opens exactly one follow-up for every detractor answer, as the answer opened it', async () => {
      const detractors = await storage.db
        .selectFrom('survey_responses as r')
        .leftJoin('followups as f', 'f.survey_id', 'r.survey_id')
        .innerJoin('interactions as i', 'i.id', 'r.interaction_id')
        .select(['r.survey_id', 'r.received_at', 'r.score', 'f.case_id', 'f.opened_at', 'f.deadline_at', 'f.hot_reasons', 'f.score as followup_score', 'i.repeat_of'])
        .whereRef('r.score', '<=', 'r.detractor_max')
        .execute();
      assert.ok(detractors.length > 200, `${detractors.length} detractors`);
      const followups = await storage.db.selectFrom('followups').select(['case_id', 'survey_id']).execute();
      assert.equal(followups.length, detractors.length, 'one follow-up per detractor answer, none for the others');
      assert.equal(new Set(followups.map((f) => f.survey_id)).size, followups.length);
      assert.equal(summary.followups, followups.length);
      const cases = new Map(rows.cases.map((c) => [c.id, c]));
      for (const d of detractors) {
        assert.ok(d.case_id, `survey ${d.survey_id} has its follow-up`);
        const c = cases.get(d.case_id)!;
        const received = Number(d.received_at);
        assert.deepEqual([Number(d.opened_at), c.opened_at, Number(d.followup_score)], [received, received, Number(d.score)]);
        const reasons = JSON.parse(d.hot_reasons!) as string[];
        assert.equal(c.hot, reasons.length > 0 ? 1 : 0);
        assert.equal(reasons.includes('score'), Number(d.score) <= 3);
        assert.equal(reasons.includes('repeat'), d.repeat_of !== null);
        assert.equal(Number(d.deadline_at), businessDeadline(received, c.hot ? 1 : 2), 'due at 18:00 of the 1st (hot) or 2nd business day');
      }
    });

    it('gives every case an event trail that is a path through its kind’s state machine', () => {
      assert.equal(rows.cases.length, summary.followups + summary.complaints);
      assert.equal([...rows.byCase.values()].reduce((n, e) => n + e.length, 0), summary.events);
      for (const c of rows.cases) {
        const events = rows.byCase.get(c.id) ?? [];
        const kind = caseKind(c.kind);
        assert.ok(events.length > 0, `case ${c.id} has no event`);
        const [opening, ...rest] = events;
        assert.deepEqual([opening!.action, opening!.from_state, opening!.to_state], [OPENED, null, kind.initial], c.id);
        let state = kind.initial;
        let closedAt: number | null = null;
        let previous = opening!.at;
        for (const e of rest) {
          const rule = kind.transitions[e.action];
          assert.ok(rule, `${c.kind} ${c.id}: unknown action ${e.action}`);
          assert.equal(e.from_state, state, `${c.kind} ${c.id}: ${e.action} from ${e.from_state}, the case was ${state}`);
          assert.ok(rule.from.includes(state), `${c.kind} ${c.id}: ${e.action} is not allowed from ${state}`);
          assert.equal(e.to_state, rule.to ?? state, `${c.kind} ${c.id}: ${e.action} leads to ${rule.to ?? state}`);
          for (const requirement of rule.requires ?? []) if (requirement === 'reason') assert.ok(e.reason, `${e.action} has its reason`);
          assert.ok(e.at >= previous && e.at <= NOW, `${c.kind} ${c.id}: ${e.action} in order and in the past`);
          if (isTerminal(kind, e.to_state)) closedAt ??= e.at;
          else closedAt = null;
          state = e.to_state;
          previous = e.at;
        }
        assert.deepEqual([c.state, c.version, c.closed_at, c.updated_at], [state, events.length, closedAt, previous], `case ${c.id} stands where its events leave it`);
        if (c.closed_at !== null) assert.equal(c.due_at, null);
      }
    });

    it('works the follow-ups: attempts in business hours after the answer, an outcome for each closed one, escalations when late', async () => {
      const followups = await storage.db.selectFrom('followups').selectAll().execute();
      const cases = new Map(rows.cases.map((c) => [c.id, c]));
      const resolutions = new Map<string | null, number>();
      let overdue = 0;
      for (const f of followups) {
        const c = cases.get(f.case_id)!;
        const events = rows.byCase.get(f.case_id)!;
        resolutions.set(f.resolution, (resolutions.get(f.resolution) ?? 0) + 1);
        const attempts = events.filter((e) => e.action === 'attempt');
        assert.equal(Number(f.attempts), attempts.length);
        assert.equal(Number(f.not_reached), attempts.filter((e) => e.data?.reached === false).length);
        assert.equal(f.first_attempt_at === null ? null : Number(f.first_attempt_at), attempts[0]?.at ?? null);
        for (const e of events.slice(1)) {
          assert.ok(e.at > Number(f.opened_at), 'after the answer');
          if (e.actor_kind === 'user') assert.ok(inBusinessHours(e.at), `${e.action} at ${new Date(e.at).toISOString()} is in business hours`);
        }
        if (c.state === 'closed') {
          assert.ok(f.resolution !== null);
          if (f.resolution === 'reached') assert.ok(f.reached_at !== null && f.cause !== null && f.action_taken !== null);
          if (f.resolution === 'unreachable') assert.ok(Number(f.not_reached) >= 3 && f.reached_at === null);
        } else {
          assert.equal(f.resolution, null);
          if (c.due_at !== null && c.due_at < NOW) overdue++;
        }
        // escalated once per deadline, at the hourly run after it, while still open
        const escalations = events.filter((e) => e.action === 'escalate');
        for (const e of escalations) {
          assert.equal(e.actor_kind, 'system');
          assert.equal(e.at, firstRunAfter(Number(e.data!.missedDueAt)));
        }
        const lastReopen = events.findLastIndex((e) => e.action === 'reopen');
        const current = events.slice(lastReopen + 1).filter((e) => e.action === 'escalate');
        assert.ok(current.length <= 1);
        assert.equal(f.escalated_at === null ? null : Number(f.escalated_at), current[0]?.at ?? null);
        const runAfterDue = c.due_at === null ? null : firstRunAfter(Math.max(c.due_at, events.at(-1)!.at));
        if (c.closed_at === null && c.paused_at === null && runAfterDue !== null && runAfterDue <= NOW) assert.ok(f.escalated_at !== null, 'an open follow-up past its run is escalated');
        if (f.complaint_id !== null) {
          const opened = rows.byCase.get(f.complaint_id)![0]!;
          assert.equal(opened.data!.fromCase, f.case_id);
        }
      }
      assert.ok((resolutions.get('reached') ?? 0) > followups.length * 0.6);
      for (const outcome of ['unreachable', 'cancelled', null]) assert.ok((resolutions.get(outcome) ?? 0) > 0, `some ${outcome}`);
      assert.ok(overdue > 0, 'some open follow-ups are overdue');
      assert.ok(followups.some((f) => f.complaint_id !== null), 'some became complaints');
      assert.ok(followups.some((f) => f.escalated_at !== null));
    });

    it('records complaints on every channel and category, numbered per year, through their whole lifecycle', async () => {
      const complaints = await storage.db.selectFrom('complaints').innerJoin('cases', 'cases.id', 'complaints.case_id').selectAll('complaints').select(['cases.state', 'cases.due_at', 'cases.closed_at']).execute();
      assert.equal(complaints.length, summary.complaints);
      const channels = new Set(complaints.map((c) => c.channel));
      for (const channel of ['phone', 'shop', 'email', 'letter', 'web']) assert.ok(channels.has(channel as never), `a ${channel} complaint`);
      assert.ok(new Set(complaints.map((c) => c.category)).size >= 8, 'most categories');
      for (const c of complaints) {
        const intake = rows.byCase.get(c.case_id)![0]!;
        if (intake.data!.category === 'billing') assert.ok(Number.isInteger(Number(c.amount_disputed_cents)) && Number(c.amount_disputed_cents) > 0, 'a billing complaint disputes an amount in cents');
        assert.equal(Number(c.ack_due_at), businessDeadline(Number(c.received_at), 2));
        assert.equal(Number(c.answer_due_at), businessDeadline(Number(c.received_at), 10));
        if (c.state === 'rejected') assert.ok(c.rejection_reason);
        // recorded during the contact (a call, a visit) or when received; handled in business hours
        for (const e of rows.byCase.get(c.case_id)!.slice(1)) {
          const inTheContact = e.action === 'answer' && e.at - Number(c.received_at) <= 30 * 60_000;
          if (!inTheContact) assert.ok(inBusinessHours(e.at), `complaint ${e.action} at ${new Date(e.at).toISOString()} is in business hours`);
          assert.ok(e.at > Number(c.received_at));
        }
        // the eight-week rule has nothing to tell at start: every complaint that old is answered or closed
        if (['received', 'acknowledged', 'under_investigation'].includes(c.state)) assert.ok(Number(c.received_at) > NOW - EIGHT_WEEKS_DAYS * DAY);
      }
      const states = new Set(complaints.map((c) => c.state));
      for (const state of ['closed', 'rejected']) assert.ok(states.has(state), `some ${state}`);
      assert.ok(complaints.some((c) => c.closed_at === null), 'some still open');
      // references: REC-YYYY-NNNNNN, per year of recording, 1 to the year's counter without a gap
      const sequences = new Map((await storage.db.selectFrom('complaint_sequences').selectAll().execute()).map((s) => [Number(s.year), Number(s.last)]));
      const byYear = new Map<number, number[]>();
      for (const c of complaints) {
        const m = /^REC-(\d{4})-(\d{6})$/.exec(c.reference);
        assert.ok(m, c.reference);
        assert.equal(Number(m[1]), Math.floor(localDay(rows.byCase.get(c.case_id)![0]!.at) / 10_000));
        byYear.set(Number(m[1]), [...(byYear.get(Number(m[1])) ?? []), Number(m[2])]);
      }
      for (const [year, numbers] of byYear) assert.deepEqual(numbers.sort((a, b) => a - b), Array.from({ length: sequences.get(year)! }, (_, i) => i + 1), `${year}`);
      const actions = new Set([...rows.byCase.values()].flat().filter((e) => rows.cases.find((c) => c.id === e.case_id)?.kind === COMPLAINT.kind).map((e) => e.action));
      for (const action of ['acknowledge', 'investigate', 'answer', 'close', 'reject', 'reopen', 'pause', 'resume', 'assign', 'comment']) assert.ok(actions.has(action), `some complaint ${action}`);
      const facts = await storage.db.selectFrom('complaint_facts').selectAll().execute();
      assert.ok(facts.some((f) => Number(f.ack_on_time) === 0 && f.ack_business_min !== null), 'some acknowledged late');
      assert.ok(facts.some((f) => Number(f.answer_on_time) === 0 && Number(f.answered) === 1), 'some answered late');
      assert.ok(facts.some((f) => Number(f.fcr) === 1), 'some settled in the contact that brought them');
    });

    it('reports figures equal to a recomputation from the complaints and their events', async () => {
      const params = parseComplaintReportParams({ from: '2025-11-01', to: '2026-11-30' });
      const complaints = await storage.db.selectFrom('complaints').innerJoin('cases', 'cases.id', 'complaints.case_id').select(['case_id', 'received_at', 'category', 'channel', 'ack_due_at', 'answer_due_at', 'cases.team_id', 'cases.state']).execute();
      for (const by of ['category', 'team', 'channel'] as const) {
        const expected = recount(complaints, rows.byCase, by);
        const report = await complaintReport(storage.db, { ...params, by });
        assert.deepEqual(new Set(report.rows.map((r) => `${r.period.label}|${r.group}`)), new Set(expected.keys()), by);
        for (const row of report.rows) {
          const want = expected.get(`${row.period.label}|${row.group}`)!;
          const got = {
            received: row.received, acknowledged: [row.acknowledgedOnTime.successes, row.acknowledgedOnTime.n], answered: [row.answeredOnTime.successes, row.answeredOnTime.n],
            reopened: row.reopened.successes, fcr: row.firstContactResolution.successes, rejected: row.rejected.successes,
          };
          assert.deepEqual(got, { received: want.received, acknowledged: [want.ackOnTime, want.ack.length], answered: [want.answerOnTime, want.answer.length], reopened: want.reopened, fcr: want.fcr, rejected: want.rejected }, `${by} ${row.period.label} ${row.group}`);
          near(row.timeToAcknowledge.business.medianHours, rank(want.ack, 0.5));
          near(row.timeToAnswer.business.p90Hours, rank(want.answer, 0.9));
        }
      }
      // customers per month: parties created before its end
      const report = await complaintReport(storage.db, { ...params, by: 'channel' });
      for (const [label, n] of Object.entries(report.customers)) {
        const [year, month] = label.split('-').map(Number) as [number, number];
        const end = dayStart(month === 12 ? (year + 1) * 10_000 + 101 : year * 10_000 + (month + 1) * 100 + 1);
        const counted = await storage.db.selectFrom('parties').select((eb) => eb.fn.countAll<number>().as('n')).where('created_at', '<', end).executeTakeFirstOrThrow();
        assert.equal(n, Number(counted.n), label);
      }
    });

    it('codes every complaint that closes with a cause of the tree that fits its text, as its events say; about half the follow-ups reached and some repeat contacts', async () => {
      const codings = await codingRows(storage.db);
      assert.equal(summary.codings, codings.length);
      const active = new Set((await listCauses(storage.db, 'en')).map((c) => c.code));
      const byKey = new Map(codings.map((k) => [`${k.subject_kind}|${k.subject_id}`, k]));
      const complaints = await storage.db.selectFrom('complaints').innerJoin('cases', 'cases.id', 'complaints.case_id').select(['case_id', 'description', 'root_cause', 'cases.state', 'cases.closed_at']).execute();
      const stories = (cause: string) => CAUSE_STORIES[cause]?.flatMap((s) => [s.grievance, s.finding]).flatMap((t) => [t.fr, t.de, t.en]) ?? [];
      const unknownReasons = new Set(Object.values(UNKNOWN_REASONS).flat());
      let closed = 0;
      for (const c of complaints) {
        const coding = byKey.get(`complaint|${c.case_id}`);
        if (c.state === 'closed') closed++;
        if (c.state === 'closed') assert.ok(coding, `closed complaint ${c.case_id} is coded`);
        if (c.state === 'rejected') assert.equal(coding, undefined, 'a rejected complaint has no cause');
        if (!coding) continue;
        assert.ok(active.has(coding.cause_code), coding.cause_code);
        assert.equal(coding.unknown_reason !== null, coding.cause_code === UNKNOWN_CAUSE, 'unknown with its reason, only unknown');
        // the cause its timeline's last coding names, coded then by whoever took that action
        const coded = rows.byCase.get(c.case_id)!.filter((e) => e.data?.causeCode !== undefined);
        const last = coded.at(-1)!;
        assert.deepEqual([last.data!.causeCode, last.data!.unknownReason ?? null], [coding.cause_code, coding.unknown_reason]);
        assert.deepEqual([coding.coded_by_id, coding.coded_at <= last.at], [last.actor_id, true]);
        coded.forEach((e, i) => assert.equal(e.data!.previousCause, i > 0 && coded[i - 1]!.data!.causeCode !== e.data!.causeCode ? coded[i - 1]!.data!.causeCode : undefined));
        // the description tells the cause, the answer's finding is the cause's (or why none was found)
        if (coding.cause_code !== UNKNOWN_CAUSE) assert.ok(stories(coding.cause_code).includes(c.description), `${coding.cause_code}: ${c.description}`);
        if (c.root_cause !== null) assert.ok(stories(coding.cause_code).includes(c.root_cause) || unknownReasons.has(c.root_cause), `${coding.cause_code}: ${c.root_cause}`);
      }
      assert.ok(closed > 100, `${closed} closed complaints`);
      const complaintCodings = codings.filter((k) => k.subject_kind === 'complaint');
      const share = (n: number, of: number) => n / of;
      const unknown = complaintCodings.filter((k) => k.cause_code === UNKNOWN_CAUSE).length;
      assert.ok(unknown > 0 && share(unknown, complaintCodings.length) < 0.1, `${unknown} unknown`);
      const events = [...rows.byCase.values()].flat();
      assert.ok(events.some((e) => e.action === 'code-cause' && e.to_state === 'under_investigation'), 'some coded while investigated');

      const reached = await storage.db.selectFrom('followups').select('case_id').where('resolution', '=', 'reached').execute();
      const followupsCoded = reached.filter((f) => byKey.has(`followup|${f.case_id}`)).length;
      assert.ok(share(followupsCoded, reached.length) > 0.35 && share(followupsCoded, reached.length) < 0.65, `${followupsCoded} of ${reached.length} follow-ups reached coded`);
      assert.equal(codings.filter((k) => k.subject_kind === 'followup').length, followupsCoded, 'only follow-ups closed with the customer reached');
      const contacts = codings.filter((k) => k.subject_kind === 'contact');
      const repeats = await storage.db.selectFrom('interactions').select(['id', 'repeat_of']).where('repeat_of', 'is not', null).execute();
      const repeatIds = new Set(repeats.map((r) => r.id));
      assert.ok(contacts.every((k) => repeatIds.has(k.subject_id)), 'only repeat contacts');
      assert.ok(share(contacts.length, repeats.length) > 0.03 && share(contacts.length, repeats.length) < 0.2, `${contacts.length} of ${repeats.length} repeat contacts`);
    });

    it('keeps the codings linked and added up as the codings make them', async () => {
      const codings = await codingRows(storage.db);
      const linked = new Map(linkCodings(codings).map((k) => [`${k.subject_kind}|${k.subject_id}`, k.previous_at]));
      for (const k of codings) assert.equal(k.previous_at, linked.get(`${k.subject_kind}|${k.subject_id}`), `${k.subject_kind} ${k.subject_id}`);
      assert.ok(codings.some((k) => k.previous_at !== null), 'some customers had the same cause again');
      const key = (r: CauseCountTable) => `${r.day}|${r.cause_code}|${r.subject_kind}|${r.dim}|${r.dim_key}`;
      const measures = (r: CauseCountTable) => [r.coded, r.recurrences, r.amount_cents, r.refund_cents, r.extra_contacts].map(Number);
      const stored = new Map((await storage.db.selectFrom('cause_counts').selectAll().execute()).map((r) => [key(r), measures(r)]));
      const recomputed = new Map(countsFromCodings(codings).map((r) => [key(r), measures(r)]));
      assert.deepEqual(stored, recomputed);
      // by hand: the whole of each cause and kind counts its codings, and their refunds
      for (const [k, [coded, , , refunds]] of stored) {
        const [day, cause, kind, dim] = k.split('|');
        if (dim !== '') continue;
        const mine = codings.filter((c) => String(c.day) === day && c.cause_code === cause && c.subject_kind === kind);
        assert.deepEqual([coded, refunds], [mine.length, mine.reduce((n, c) => n + Number(c.refund_cents), 0)], k);
      }
    });

    it('keeps the aggregates the complaint service would keep: recording each complaint’s fact again changes nothing', async () => {
      const snapshot = async () => ({
        counts: await storage.db.selectFrom('complaint_counts').selectAll().orderBy('dimension').orderBy('month').orderBy('value').execute(),
        durations: await storage.db.selectFrom('complaint_durations').selectAll().orderBy('dimension').orderBy('month').orderBy('value').orderBy('measure').execute(),
        facts: await storage.db.selectFrom('complaint_facts').selectAll().orderBy('case_id').execute(),
      });
      const before = await snapshot();
      const ids = await storage.db.selectFrom('complaints').select('case_id').execute();
      await storage.db.transaction().execute(async (trx) => {
        for (const { case_id } of ids) await recordComplaintFact(trx, case_id);
      });
      assert.deepEqual(await snapshot(), before);
    });
  });
}

const near = (actual: number | null, hours: number | null) =>
  assert.ok(actual === hours || (actual !== null && hours !== null && Math.abs(actual - hours) <= hours * 0.026 + 0.01), `${actual} ≈ ${hours}`);
/** Nearest-rank quantile of minutes, in hours. */
const rank = (minutes: number[], q: number) => {
  if (minutes.length === 0) return null;
  const sorted = [...minutes].sort((a, b) => a - b);
  return sorted[Math.max(1, Math.ceil(q * sorted.length)) - 1]! / 60;
};

type Tally = { received: number; rejected: number; ack: number[]; ackOnTime: number; answer: number[]; answerOnTime: number; reopened: number; fcr: number };

/**
 * The report's figures counted again from the complaints and their events, with the business
 * calendar: the time a complaint's clock was paused is read from the events' times (a pause until
 * it is resumed or the complaint moves on), not from what the events recorded of it.
 */
function recount(
  complaints: { case_id: string; received_at: number; category: string; channel: string; ack_due_at: number; answer_due_at: number; team_id: string | null; state: string }[],
  byCase: Map<string, Event[]>,
  by: 'category' | 'team' | 'channel',
): Map<string, Tally> {
  const out = new Map<string, Tally>();
  for (const c of complaints) {
    const received = Number(c.received_at);
    const day = localDay(received);
    const key = `${Math.floor(day / 10_000)}-${String(Math.floor(day / 100) % 100).padStart(2, '0')}|${by === 'team' ? (c.team_id ?? '') : by === 'category' ? c.category : c.channel}`;
    const t = out.get(key) ?? { received: 0, rejected: 0, ack: [], ackOnTime: 0, answer: [], answerOnTime: 0, reopened: 0, fcr: 0 };
    out.set(key, t);
    t.received++;
    if (c.state === 'rejected') t.rejected++;
    let paused = 0;
    let pausedSince: number | null = null;
    let ack: { at: number; paused: number } | undefined;
    let answer: { at: number; paused: number } | undefined;
    const events = byCase.get(c.case_id)!;
    for (const e of events) {
      if (pausedSince !== null && (e.action === 'resume' || e.to_state !== e.from_state || e.to_state === 'closed' || e.to_state === 'rejected')) {
        paused += businessTimeBetween(pausedSince, e.at);
        pausedSince = null;
      }
      if (e.action === 'pause') pausedSince = e.at;
      if (!ack && (e.action === 'acknowledge' || e.action === 'answer')) ack = { at: e.at, paused };
      if (!answer && e.action === 'answer') answer = { at: e.at, paused };
    }
    const minutes = (step: { at: number; paused: number }) => Math.round((businessTimeBetween(received, step.at) - step.paused) / 60_000);
    if (ack) {
      t.ack.push(minutes(ack));
      if (ack.at <= addBusinessTime(Number(c.ack_due_at), ack.paused)) t.ackOnTime++;
    }
    if (answer) {
      t.answer.push(minutes(answer));
      if (answer.at <= addBusinessTime(Number(c.answer_due_at), answer.paused)) t.answerOnTime++;
      const reopened = events.some((e) => e.action === 'reopen');
      if (reopened) t.reopened++;
      if (!reopened && localDay(answer.at) === day) t.fcr++;
    }
  }
  return out;
}

for (const engine of await testEngines()) {
  describe(`demo follow-ups and complaints by seed, on ${engine.name}`, { skip: engine.skip }, () => {
    it('are the same for the same seed and end of history', async () => {
      const histories = [];
      for (let i = 0; i < 2; i++) {
        const storage = await engine.open();
        try {
          await load(storage, 300, 12);
          const { cases, byCase } = await caseRows(storage.db);
          const complaints = await storage.db.selectFrom('complaints').selectAll().orderBy('case_id').execute();
          const followups = await storage.db.selectFrom('followups').select(['case_id', 'interaction_id', 'score', 'resolution', 'cause', 'complaint_id', 'escalated_at']).orderBy('case_id').execute();
          const codings = await storage.db.selectFrom('cause_codings').selectAll().orderBy('subject_kind').orderBy('subject_id').execute();
          // survey ids are the survey history's own (new ids each load): the rest, case ids included, follows the seed
          const events = [...byCase.values()].flat().map(({ data, ...e }) => ({ ...e, data: data && { ...data, surveyId: undefined } }));
          histories.push({ cases, events, complaints, followups, codings });
        } finally {
          await storage.close();
        }
      }
      assert.ok(histories[0]!.cases.length > 50);
      assert.deepEqual(histories[1], histories[0]);
    });
  });
}
