import type { z } from '@hono/zod-openapi';
import type { calibrationDetail, calibrationSummary } from '../contract/quality-calibration.js';
import { alphaReading } from './agreement.js';
import type { CalibrationRecord, SessionSummary } from './calibration.js';
import { presentScorecardVersion } from './evaluation-presenters.js';

/** Calibration sessions as the API sends them (src/contract/quality-calibration.ts). */

const iso = (ms: number) => new Date(ms).toISOString();
const round = (x: number | null, digits = 3) => (x === null ? null : Math.round(x * 10 ** digits) / 10 ** digits);

export function presentCalibrationSummary(s: SessionSummary): z.infer<typeof calibrationSummary> {
  return { id: s.id, title: s.title, state: s.state, createdAt: iso(s.createdAt), revealedAt: s.revealedAt === null ? null : iso(s.revealedAt), contacts: s.contacts, evaluators: s.evaluators };
}

export function presentCalibration(s: CalibrationRecord, readerId: string): z.infer<typeof calibrationDetail> {
  return {
    id: s.id,
    title: s.title,
    state: s.state,
    lead: { id: s.leadId, name: s.leadName },
    createdAt: iso(s.createdAt),
    revealedAt: s.revealedAt === null ? null : iso(s.revealedAt),
    scorecard: presentScorecardVersion(s.version),
    you: { ...s.you },
    evaluators: s.rows.map((r) => ({
      name: s.you.manages || r.evaluator.userId === readerId ? r.evaluator.name : null,
      letter: r.evaluator.letter,
      you: r.evaluator.userId === readerId,
      scored: r.scored,
      meanAbsoluteDeviation: round(r.mad, 1),
      bias: round(r.bias, 1),
      flagged: r.flagged,
    })),
    contacts: s.perContact.map((c) => ({
      interactionId: c.interactionId,
      contactAt: iso(c.startedAt),
      channel: c.channel,
      yourAnswers: Object.entries(c.yourAnswers).map(([criterion, answer]) => ({ criterion, answer })),
      yourScore: c.yourScore,
      referenceScore: c.reference,
      referenceSet: c.referenceSet,
      spread: c.spread ? { n: c.spread.n, min: c.spread.min, max: c.spread.max, range: c.spread.range, sd: round(c.spread.sd, 1), median: c.spread.median } : null,
      scores: c.scores.map((x) => ({ letter: x.letter, score: x.score, criticalFailures: x.criticalFailures })),
    })),
    agreement: s.agreement
      ? {
          alpha: round(s.agreement.alpha),
          reading: alphaReading(s.agreement.alpha),
          icc21: round(s.agreement.icc21),
          criteria: s.agreement.criteria.map((c) => ({ criterion: c.criterion, alpha: round(c.alpha), reading: alphaReading(c.alpha), meanRange: round(c.meanRange, 2) })),
        }
      : null,
  };
}

export const CALIBRATION_CSV_COLUMNS = ['contact_id', 'contact_at', 'channel', 'evaluator', 'score', 'critical_failures', 'reference_score'] as const;

/** A session's scores as CSV rows, one per contact and evaluator, as the reader may see them (others by letter; while open, their own only). */
export function calibrationCsvRows(view: z.infer<typeof calibrationDetail>): Record<(typeof CALIBRATION_CSV_COLUMNS)[number], string | number | null>[] {
  const named = new Map(view.evaluators.map((e) => [e.letter, e.name ?? e.letter]));
  return view.contacts.flatMap((c) => {
    const scores = c.scores.length > 0 ? c.scores : view.you.letter ? [{ letter: view.you.letter, score: c.yourScore, criticalFailures: [] as string[] }] : [];
    return scores.map((s) => ({
      contact_id: c.interactionId, contact_at: c.contactAt, channel: c.channel, evaluator: named.get(s.letter) ?? s.letter, score: s.score, critical_failures: s.criticalFailures.join(' '), reference_score: c.referenceScore,
    }));
  });
}
