import type { z } from '@hono/zod-openapi';
import type { coachingOpening, coachingProgress, coachingSession } from '../contract/quality-coaching.js';
import { formatDay } from '../shared/calendar.js';
import type { CoachingSessionRecord, coachingOpening as opening, coachingProgress as progress } from './coaching.js';

/** Coaching as the API sends it (src/contract/quality-coaching.ts). */

const iso = (ms: number) => new Date(ms).toISOString();

export function presentCoachingSession(s: CoachingSessionRecord): z.infer<typeof coachingSession> {
  return {
    id: s.id,
    advisor: { id: s.advisor.id, name: s.advisor.name },
    coach: { id: s.coach.id, name: s.coach.name },
    heldAt: iso(s.heldAt),
    focus: [...s.focus],
    focusLabels: s.focusLabels.map((l) => l && { ...l }),
    evaluationIds: [...s.evaluationIds],
    caseIds: [...s.caseIds],
    notes: s.notes,
    actions: s.actions.map((a) => ({ id: a.id, text: a.text, dueDate: formatDay(a.dueDay), state: a.state, followUp: a.followUp, doneAt: a.doneAt === null ? null : iso(a.doneAt), overdue: a.overdue })),
  };
}

export function presentCoachingOpening(o: Awaited<ReturnType<typeof opening>>): z.infer<typeof coachingOpening> {
  return {
    advisor: { id: o.advisor.id, name: o.advisor.name },
    from: iso(o.from),
    to: iso(o.to),
    evaluations: o.evaluations,
    meanScore: o.meanScore,
    focus: o.focus.map((f) => ({ criterion: f.criterion, labels: f.labels ? { fr: f.labels.fr, en: f.labels.en, de: f.labels.de } : null, points: f.points, evaluations: f.evaluations })),
    evaluationIds: [...o.evaluationIds],
  };
}

export function presentCoachingProgress(p: Awaited<ReturnType<typeof progress>>): z.infer<typeof coachingProgress> {
  return {
    advisor: { id: p.advisor.id, name: p.advisor.name },
    months: p.months.map((m) => ({ month: m.month, evaluations: m.evaluations, meanScore: m.meanScore, passRate: m.passRate })),
    actions: { ...p.actions },
  };
}

export const COACHING_CSV_COLUMNS = ['held_at', 'advisor', 'coach', 'focus', 'actions', 'done', 'open', 'overdue', 'dropped', 'notes'] as const;

/** Coaching sessions as CSV rows: who, when, the focus named as the scorecard names it (in `language`), how the actions went. */
export function coachingCsvRow(s: CoachingSessionRecord, language: 'fr' | 'en' | 'de'): Record<(typeof COACHING_CSV_COLUMNS)[number], string | number> {
  return {
    held_at: iso(s.heldAt), advisor: s.advisor.name ?? s.advisor.id, coach: s.coach.name ?? s.coach.id,
    focus: s.focus.map((key, i) => s.focusLabels[i]?.[language] ?? key).join('; '),
    actions: s.actions.length, done: s.actions.filter((a) => a.state === 'done').length, open: s.actions.filter((a) => a.state === 'open').length,
    overdue: s.actions.filter((a) => a.overdue).length, dropped: s.actions.filter((a) => a.state === 'dropped').length, notes: s.notes,
  };
}
