import type { Selectable } from 'kysely';
import type { CaseEvent, CaseRow } from '../cases/case-service.js';
import type {
  FollowupAlert, FollowupAssignResult, FollowupDetail as DetailOut, FollowupEvent, FollowupEventData, FollowupMetrics as MetricsOut, FollowupRules as RulesOut, FollowupSummary as SummaryOut,
} from '../contract/followups.js';
import type { FollowupTable, HotReason } from '../storage/schema.js';
import type { FollowupMetrics, Rate, RateComparison } from './followup-metrics.js';
import type { FollowupDetail, FollowupSummary } from './followup-queries.js';
import type { FollowupRules } from './followup-rules.js';

const iso = (ms: number) => new Date(ms).toISOString();
const isoOrNull = (ms: number | null) => (ms === null ? null : iso(ms));

/** A follow-up as a queue shows it. */
export function presentSummary(s: FollowupSummary): SummaryOut {
  return {
    id: s.id, state: s.state, hot: s.hot, hotReasons: [...s.hotReasons], score: s.score,
    customer: { id: s.customer.id, customerNumber: s.customer.customerNumber, name: s.customer.name }, teamId: s.teamId, assigneeId: s.assigneeId,
    openedAt: iso(s.openedAt), dueAt: isoOrNull(s.dueAt), deadline: s.deadline, paused: s.paused, attempts: s.attempts, firstAttemptAt: isoOrNull(s.firstAttemptAt),
    reachedAt: isoOrNull(s.reachedAt), closedAt: isoOrNull(s.closedAt), resolution: s.resolution, escalatedAt: isoOrNull(s.escalatedAt), version: s.version,
  };
}

const personOut = (p: { id: string; name: string | null } | null) => (p === null ? null : { id: p.id, name: p.name });

/** A follow-up with what it carries. */
export function presentDetail(d: FollowupDetail): DetailOut {
  const { answer, contact, outcome } = d;
  return {
    ...presentSummary(d),
    customer: { id: d.customer.id, customerNumber: d.customer.customerNumber, name: d.customer.name, preferredLanguage: d.customer.preferredLanguage, segment: d.customer.segment },
    answer: {
      surveyId: answer.surveyId, score: answer.score, scale: { min: answer.scale.min, max: answer.scale.max }, comment: answer.comment, language: answer.language,
      sentiment: answer.sentiment, topics: answer.topics.map((t) => ({ topic: t.topic, spans: t.spans.map((s) => ({ start: s.start, end: s.end })), sentiment: t.sentiment })),
      receivedAt: iso(answer.receivedAt),
    },
    contact: {
      id: contact.id, channel: contact.channel, direction: contact.direction, reasonCode: contact.reasonCode, startedAt: iso(contact.startedAt), endedAt: isoOrNull(contact.endedAt),
      advisor: personOut(contact.advisor), teamId: contact.teamId, repeatOf: contact.repeatOf,
    },
    hotKeywords: [...d.hotKeywords],
    routedBy: d.routedBy,
    team: d.team === null ? null : { id: d.team.id, name: d.team.name },
    assignee: personOut(d.assignee),
    deadlineAt: iso(d.deadlineAt),
    notReached: d.notReached,
    unreachableAfter: d.unreachableAfter,
    outcome: { cause: outcome.cause, causeCategory: outcome.causeCategory, actionTaken: outcome.actionTaken, complaintId: outcome.complaintId },
    escalatedTo: personOut(d.escalatedTo),
    pausedMs: d.pausedMs,
    actions: [...d.actions],
    rootCause: d.rootCause && { code: d.rootCause.code, unknownReason: d.rootCause.unknownReason, codedAt: iso(d.rootCause.codedAt) },
  };
}

/** One event of a follow-up's timeline. */
export function presentEvent(e: CaseEvent): FollowupEvent {
  return {
    id: e.id, at: iso(e.at), actor: { kind: e.actorKind, id: e.actorId, name: e.actorName }, action: e.action,
    fromState: e.fromState as FollowupEvent['fromState'], toState: e.toState as FollowupEvent['toState'], reason: e.reason,
    data: e.data === null ? null : presentEventData(e.data),
  };
}

/** The keys of an event's data that a follow-up's events carry, each mapped. */
function presentEventData(d: Record<string, unknown>): FollowupEventData {
  const text = (k: string) => (typeof d[k] === 'string' ? { [k]: d[k] as string } : {});
  const time = (k: string) => (typeof d[k] === 'number' ? { [k]: iso(d[k] as number) } : {});
  return {
    ...text('surveyId'), ...text('cause'), ...text('causeCategory'), ...text('actionTaken'), ...text('complaintId'), ...text('teamId'), ...time('missedDueAt'),
    ...text('causeCode'), ...text('unknownReason'), ...text('previousCause'),
    ...(typeof d.score === 'number' ? { score: d.score } : {}),
    ...(Array.isArray(d.hotReasons) ? { hotReasons: [...(d.hotReasons as HotReason[])] } : {}),
    ...(typeof d.routedBy === 'string' ? { routedBy: d.routedBy as FollowupEventData['routedBy'] } : {}),
    ...(typeof d.reached === 'boolean' ? { reached: d.reached } : {}),
    ...(typeof d.resolution === 'string' ? { resolution: d.resolution as FollowupEventData['resolution'] } : {}),
    ...('assigneeId' in d ? { assigneeId: (d.assigneeId as string | null) ?? null } : {}),
    ...(typeof d.pausedMs === 'number' ? { pausedMs: d.pausedMs } : {}),
    ...('dueAt' in d ? { dueAt: isoOrNull((d.dueAt as number | null) ?? null) } : {}),
    ...(typeof d.level === 'string' ? { level: d.level as FollowupEventData['level'] } : {}),
    ...('to' in d ? { to: (d.to as string | null) ?? null } : {}),
  };
}

/** What an assignment did. */
export function presentAssigned(cases: CaseRow[]): FollowupAssignResult {
  return { assigned: cases.length, items: cases.map((c) => ({ id: c.id, assigneeId: c.assignee_id, version: c.version })) };
}

/** What a hot follow-up's owner is sent live: the case to open, no personal data. */
export function presentAlert(c: CaseRow, f: Selectable<FollowupTable>): FollowupAlert {
  return {
    id: c.id, state: c.state as FollowupAlert['state'], score: f.score, hotReasons: JSON.parse(f.hot_reasons) as HotReason[], hotKeywords: JSON.parse(f.hot_keywords) as string[],
    teamId: c.team_id, assigneeId: c.assignee_id, openedAt: iso(c.opened_at), dueAt: isoOrNull(c.due_at), escalatedAt: isoOrNull(f.escalated_at === null ? null : Number(f.escalated_at)),
  };
}

/** The rules in force. */
export function presentRules(r: FollowupRules): RulesOut {
  return {
    detractorMax: r.detractorMax, hotScoreMax: r.hotScoreMax,
    hotKeywords: { fr: [...r.hotKeywords.fr], de: [...r.hotKeywords.de], en: [...r.hotKeywords.en], lb: [...r.hotKeywords.lb] },
    hotOnRepeat: r.hotOnRepeat, deadlineDays: r.deadlineDays, hotDeadlineDays: r.hotDeadlineDays, unreachableAfter: r.unreachableAfter, routing: [...r.routing],
    thankPromoters: r.thankPromoters, reviewUrl: r.reviewUrl, updatedAt: iso(r.updatedAt), updatedBy: r.updatedBy,
  };
}

const rateOut = (r: Rate) => ({ successes: r.successes, n: r.n, rate: r.rate, ci95: r.ci95 && { low: r.ci95.low, high: r.ci95.high } });
const comparisonOut = (c: RateComparison) => ({
  calledBack: rateOut(c.calledBack), notCalledBack: rateOut(c.notCalledBack),
  difference: c.difference && { difference: c.difference.difference, low: c.difference.low, high: c.difference.high, pValue: c.difference.pValue, significant: c.difference.significant },
});
const npsOut = (e: FollowupMetrics['nextNps'][number]['calledBack']) => ({ n: e.n, nps: e.nps, ciLow: e.ciLow, ciHigh: e.ciHigh, reliable: e.reliable });

/** The figures of the inner loop. */
export function presentMetrics(m: FollowupMetrics): MetricsOut {
  return {
    from: iso(m.from), to: iso(m.to), teamId: m.teamId, mine: m.mine, opened: m.opened, hot: m.hot,
    contacted: rateOut(m.contacted), reached: rateOut(m.reached), contactedWithinDeadline: rateOut(m.contactedWithinDeadline), closedWithinDeadline: rateOut(m.closedWithinDeadline),
    timeToFirstContact: { n: m.timeToFirstContact.n, medianMs: m.timeToFirstContact.medianMs, p90Ms: m.timeToFirstContact.p90Ms },
    rescue: comparisonOut(m.rescue),
    nextNps: m.nextNps.map((b) => ({ basis: b.basis, calledBack: npsOut(b.calledBack), notCalledBack: npsOut(b.notCalledBack), difference: b.difference, pValue: b.pValue })),
    repeatContact: comparisonOut(m.repeatContact),
  };
}
