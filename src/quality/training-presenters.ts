import type { AdvisorScorecardView, TeamScorecardView } from '../contract/quality-scorecard.js';
import type { ComplianceView, TrainingEffectView, TrainingRequirementView, TrainingSessionView, TrainingView } from '../contract/quality-training.js';
import { formatDay } from '../shared/calendar.js';
import type { AdvisorScorecard, TeamScorecard } from './advisor-scorecard.js';
import type { PeopleFigures } from './people-figures.js';
import type { TrainingEffect } from './training-effect.js';
import type { ComplianceRecord, RequirementRecord, SessionRecord, TrainingRecord } from './trainings.js';

/** Trainings, their figures and the scorecards as the API sends them (src/contract/quality-training.ts, quality-scorecard.ts). */

const iso = (ms: number) => new Date(ms).toISOString();
const isoOrNull = (ms: number | null) => (ms === null ? null : iso(ms));
/** Figures are rounded here, once: rates and scores to 0.1, NPS to 0.1. */
const r1 = (x: number | null) => (x === null ? null : Math.round(x * 10) / 10);
const interval = (i: { low: number; high: number } | null) => i && { low: r1(i.low)!, high: r1(i.high)! };

export function presentTraining(t: TrainingRecord): TrainingView {
  return { ...t, audiences: [...t.audiences], sessions: { ...t.sessions }, updatedAt: iso(t.updatedAt) };
}

export function presentTrainingSession(s: SessionRecord): TrainingSessionView {
  return {
    id: s.id,
    training: { ...s.training },
    startsAt: iso(s.startsAt),
    endsAt: iso(s.endsAt),
    place: s.place,
    trainer: s.trainer,
    capacity: s.capacity,
    cancelled: s.cancelled,
    enrolled: s.enrolled,
    attendees: s.attendees.map((a) => ({ userId: a.userId, name: a.name, teamId: a.teamId, status: a.status, completedAt: isoOrNull(a.completedAt) })),
  };
}

export function presentRequirement(r: RequirementRecord): TrainingRequirementView {
  return { id: r.id, training: { ...r.training }, role: r.role, siteKind: r.siteKind, dueDate: formatDay(r.dueDay) };
}

export function presentCompliance(c: ComplianceRecord): ComplianceView {
  return { person: { ...c.person }, requirement: presentRequirement(c.requirement), dueDate: formatDay(c.dueDay), completedAt: isoOrNull(c.completedAt), status: c.status };
}

export const COMPLIANCE_CSV_COLUMNS = ['person', 'role', 'team', 'training_code', 'training', 'due_date', 'status', 'completed_at'] as const;

export function complianceCsvRow(c: ComplianceRecord): Record<(typeof COMPLIANCE_CSV_COLUMNS)[number], string> {
  return {
    person: c.person.name, role: c.person.role, team: c.person.teamName ?? '', training_code: c.requirement.training.code, training: c.requirement.training.title,
    due_date: formatDay(c.dueDay), status: c.status, completed_at: isoOrNull(c.completedAt) ?? '',
  };
}

export function presentFigures(f: PeopleFigures) {
  return {
    quality: { ...f.quality, mean: r1(f.quality.mean), interval: interval(f.quality.interval), passRate: r1(f.quality.passRate) },
    nps: { ...f.nps, nps: r1(f.nps.nps), interval: interval(f.nps.interval) },
    fcr: { ...f.fcr, rate: r1(f.fcr.rate), interval: interval(f.fcr.interval) },
    repeat: { ...f.repeat, rate: r1(f.repeat.rate), interval: interval(f.repeat.interval) },
  };
}

function presentChange(c: TrainingEffect['change']) {
  const test = (t: NonNullable<TrainingEffect['change']['nps']> | null) => t && { difference: r1(t.difference)!, interval: interval(t.interval)!, pValue: Math.round(t.pValue * 10_000) / 10_000, significant: t.significant };
  return { quality: c.quality && { difference: r1(c.quality.difference)!, interval: interval(c.quality.interval)! }, nps: test(c.nps), fcr: test(c.fcr), repeat: test(c.repeat) };
}

export function presentTrainingEffect(e: TrainingEffect): TrainingEffectView {
  return { training: { ...e.training }, windowDays: e.windowDays, people: e.people, running: e.running, before: presentFigures(e.before), after: presentFigures(e.after), change: presentChange(e.change) };
}

export function presentAdvisorScorecard(s: AdvisorScorecard): AdvisorScorecardView {
  return {
    advisor: { ...s.advisor },
    from: formatDay(s.days.from),
    to: formatDay(s.days.to),
    figures: presentFigures(s.figures),
    previous: presentFigures(s.previous),
    change: presentChange(s.change),
    followups: { ...s.followups },
    complaints: { ...s.complaints },
    trainings: s.trainings.map((t) => ({ training: { ...t.training }, sessionId: t.sessionId, startsAt: iso(t.startsAt), status: t.status, completedAt: isoOrNull(t.completedAt) })),
    required: s.required.map(presentCompliance),
    coaching: { ...s.coaching, lastSessionAt: isoOrNull(s.coaching.lastSessionAt) },
  };
}

export function presentTeamScorecard(s: TeamScorecard): TeamScorecardView {
  return {
    team: { ...s.team },
    from: formatDay(s.days.from),
    to: formatDay(s.days.to),
    people: s.people,
    total: presentFigures(s.total),
    previousTotal: presentFigures(s.previousTotal),
    change: presentChange(s.change),
    advisors: s.advisors.map((a) => ({ id: a.id, name: a.name, figures: presentFigures(a.figures) })),
  };
}

export const TEAM_CSV_COLUMNS = ['advisor', 'evaluations', 'quality', 'quality_low', 'quality_high', 'nps_n', 'nps', 'nps_low', 'nps_high', 'contacts', 'fcr_pct', 'fcr_low', 'fcr_high', 'repeat_pct'] as const;

/** The team's rows as CSV: each advisor the reader may see, then the team's total. */
export function teamCsvRows(s: TeamScorecard): Record<(typeof TEAM_CSV_COLUMNS)[number], string | number | null>[] {
  const row = (name: string, figures: PeopleFigures) => {
    const f = presentFigures(figures);
    return {
      advisor: name, evaluations: f.quality.evaluations, quality: f.quality.mean, quality_low: f.quality.interval?.low ?? null, quality_high: f.quality.interval?.high ?? null,
      nps_n: f.nps.n, nps: f.nps.nps, nps_low: f.nps.interval?.low ?? null, nps_high: f.nps.interval?.high ?? null,
      contacts: f.fcr.contacts, fcr_pct: f.fcr.rate, fcr_low: f.fcr.interval?.low ?? null, fcr_high: f.fcr.interval?.high ?? null, repeat_pct: f.repeat.rate,
    };
  };
  return [...s.advisors.map((a) => row(a.name, a.figures)), row(`${s.team.name} (total)`, s.total)];
}
