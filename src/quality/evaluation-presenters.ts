import type { z } from '@hono/zod-openapi';
import type { evaluationDetail, evaluationSummary, scorecardSummary, scorecardVersion } from '../contract/quality-evaluations.js';
import { toCsv } from '../shared/csv-export.js';
import type { EvaluationDetailRecord, EvaluationSummaryRecord } from './evaluation-queries.js';
import type { ScorecardVersionRecord } from './scorecards.js';

/** Scorecards and evaluations as the API sends them (src/contract/quality-evaluations.ts), field by field. */

const iso = (ms: number) => new Date(ms).toISOString();
const isoOrNull = (ms: number | null) => (ms === null ? null : iso(ms));

export function presentScorecardVersion(v: ScorecardVersionRecord): z.infer<typeof scorecardVersion> {
  return {
    id: v.id,
    scorecardId: v.scorecardId,
    name: v.name,
    version: v.version,
    state: v.state,
    content: v.content,
    createdAt: iso(v.createdAt),
    publishedAt: isoOrNull(v.publishedAt),
    archivedAt: isoOrNull(v.archivedAt),
  };
}

export function presentScorecard(card: { id: string; name: string; versions: { id: string; version: number; state: 'draft' | 'published' | 'archived' }[] }): z.infer<typeof scorecardSummary> {
  return { id: card.id, name: card.name, versions: card.versions.map((v) => ({ id: v.id, version: v.version, state: v.state })) };
}

export function presentEvaluationSummary(e: EvaluationSummaryRecord): z.infer<typeof evaluationSummary> {
  return {
    id: e.id,
    interactionId: e.interactionId,
    contactAt: iso(e.contactAt),
    channel: e.channel,
    advisor: { id: e.advisor.id, name: e.advisor.name },
    evaluator: { id: e.evaluator.id, name: e.evaluator.name },
    state: e.state,
    score: e.score,
    pass: e.pass,
    criticalFailures: e.criticalFailures,
    submittedAt: isoOrNull(e.submittedAt),
    disputeUntil: isoOrNull(e.disputeUntil),
  };
}

export function presentEvaluation(e: EvaluationDetailRecord): z.infer<typeof evaluationDetail> {
  return {
    ...presentEvaluationSummary(e),
    scorecard: presentScorecardVersion(e.scorecard),
    customer: { id: e.customer.id, name: e.customer.name },
    reasonCode: e.reasonCode,
    recordingId: e.recordingId,
    answers: e.answers.map((a) => ({ criterion: a.criterion, answer: a.answer, comment: a.comment })),
    rawScore: e.rawScore,
    lost: e.lost.map((l) => ({ criterion: l.criterion, points: l.points })),
    strengths: e.strengths,
    improvements: e.improvements,
    markers: e.markers.map((m) => ({ atMs: m.atMs, kind: m.kind, text: m.text, ...(m.criterion ? { criterion: m.criterion } : {}) })),
    disputes: e.disputes.map((d) => ({ criterion: d.criterion, comment: d.comment, proposedAnswer: d.proposedAnswer, decision: d.decision, decidedAnswer: d.decidedAnswer, decisionComment: d.decisionComment })),
    reviewer: e.reviewer ? { id: e.reviewer.id, name: e.reviewer.name } : null,
    events: e.events.map((ev) => ({ at: iso(ev.at), actor: { id: ev.actor.id, name: ev.actor.name }, from: ev.from, to: ev.to, note: ev.note })),
    can: { ...e.can },
  };
}

/** The evaluations as a CSV file: one row each, no customer data. */
export function evaluationsCsv(items: readonly EvaluationSummaryRecord[]): string {
  return toCsv(
    items.map((e) => ({
      id: e.id,
      contactId: e.interactionId,
      contactAt: iso(e.contactAt),
      channel: e.channel,
      advisorId: e.advisor.id,
      advisor: e.advisor.name ?? '',
      evaluator: e.evaluator.name ?? '',
      state: e.state,
      score: e.score ?? '',
      pass: e.pass === null ? '' : e.pass ? 'yes' : 'no',
      criticalFailures: e.criticalFailures.join(' '),
      submittedAt: e.submittedAt === null ? '' : iso(e.submittedAt),
    })),
    ['id', 'contactId', 'contactAt', 'channel', 'advisorId', 'advisor', 'evaluator', 'state', 'score', 'pass', 'criticalFailures', 'submittedAt'],
  );
}
