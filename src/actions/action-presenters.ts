import type { CaseEvent } from '../cases/case-service.js';
import type {
  ActionDetail as DetailOut, ActionEffectOut, ActionEvent as EventOut, ActionEventData, ActionState, ActionSummary as SummaryOut, MeasureEffectOut,
} from '../contract/actions.js';
import { addDays, formatDay } from '../shared/calendar.js';
import type { DayRange, EffectDifference, EffectPoint } from './action-effect.js';
import type { EvidenceItem } from './action-evidence.js';
import type { ActionEffect, CountedEffect } from './action-measures.js';
import type { ActionDetail, ActionSummary, EvidenceLink } from './action-queries.js';

const iso = (ms: number) => new Date(ms).toISOString();
const isoOrNull = (ms: number | null) => (ms === null ? null : iso(ms));

export function presentSummary(a: ActionSummary): SummaryOut {
  return {
    id: a.id, reference: a.reference, title: a.title, state: a.state, causes: a.causes.map((c) => ({ code: c.code, label: c.label })),
    departmentCode: a.departmentCode, departmentLabel: a.departmentLabel, owner: { id: a.owner.id, name: a.owner.name }, teamId: a.teamId, dueDate: formatDay(a.dueDay), overdue: a.overdue,
    proposedAt: iso(a.proposedAt), doneAt: isoOrNull(a.doneAt), verifiedByOverride: a.verifiedByOverride, faded: a.faded, version: a.version,
  };
}

/** The keys of an event's data that an action's events carry, each mapped. */
function presentData(d: Record<string, unknown>): ActionEventData {
  const text = (k: 'reference' | 'verdict' | 'subjectId' | 'doneAt') => (typeof d[k] === 'string' ? { [k]: d[k] as string } : {});
  const number = (k: 'difference' | 'pValue') => (typeof d[k] === 'number' ? { [k]: d[k] as number } : {});
  const list = (k: 'causes' | 'fields') => (Array.isArray(d[k]) ? { [k]: (d[k] as unknown[]).map(String) } : {});
  return {
    ...text('reference'), ...text('verdict'), ...text('subjectId'), ...text('doneAt'), ...number('difference'), ...number('pValue'), ...list('causes'), ...list('fields'),
    ...(typeof d.override === 'boolean' ? { override: d.override } : {}),
    ...(d.kind === 'complaint' || d.kind === 'followup' || d.kind === 'response' ? { kind: d.kind } : {}),
    ...('dueAt' in d ? { dueAt: isoOrNull((d.dueAt as number | null) ?? null) } : {}),
  };
}

export function presentEvent(e: CaseEvent): EventOut {
  return {
    id: e.id, at: iso(e.at), actor: { kind: e.actorKind, id: e.actorId, name: e.actorName }, action: e.action,
    fromState: e.fromState as ActionState | null, toState: e.toState as ActionState, reason: e.reason, data: e.data === null ? null : presentData(e.data),
  };
}

function presentLink(l: EvidenceLink) {
  return { id: l.id, kind: l.kind, subjectId: l.subjectId, label: l.label, addedAt: iso(l.addedAt) };
}

export function presentDetail(a: ActionDetail): DetailOut {
  return {
    ...presentSummary(a),
    description: a.description,
    target: { text: a.target.text, measure: a.target.measure, direction: a.target.direction, value: a.target.value },
    windows: { beforeWeeks: a.windows.beforeWeeks, afterWeeks: a.windows.afterWeeks },
    evidence: a.evidence.map(presentLink),
    timeline: a.timeline.map(presentEvent),
    steps: [...a.steps],
    canEdit: a.canEdit,
    canOverride: a.canOverride,
  };
}

export function presentEvidence(e: EvidenceItem) {
  return { ...presentLink(e), text: e.text, hidden: e.hidden, at: isoOrNull(e.at) };
}

/** A window's first and last day (for a window without days yet, the last is the day before the first). */
const range = (r: DayRange) => ({ from: formatDay(r.from), to: formatDay(addDays(r.until, -1)), days: r.days });

const point = (p: EffectPoint | null) =>
  p && { value: p.value, low: p.low, high: p.high, n: p.n, count: p.count, customers: p.customers, promoters: p.promoters, passives: p.passives, detractors: p.detractors };
const difference = (d: EffectDifference | null) => d && { value: d.value, low: d.low, high: d.high, z: d.z, pValue: d.pValue, significant: d.significant };

function presentMeasure(m: CountedEffect): MeasureEffectOut {
  return {
    measure: m.measure, matchedBy: m.matchedBy, codes: [...m.codes], basis: m.basis, before: point(m.before), after: point(m.after),
    difference: difference(m.difference), verdict: m.verdict, pending: m.pending,
  };
}

export function presentEffect(e: ActionEffect): ActionEffectOut {
  const w = e.windows;
  return {
    status: e.status,
    doneAt: isoOrNull(e.doneAt),
    windows: w && { before: range(w.before), after: { ...range(w.after), complete: w.after.complete }, latest: w.latest && range(w.latest) },
    causes: [...e.causes],
    measures: e.measures.map(presentMeasure),
    target: { measure: e.target.measure, direction: e.target.direction, value: e.target.value, met: e.target.met },
    verifiable: e.verifiable,
    fade: e.fade && { assessed: e.fade.assessed, faded: e.fade.faded, latest: point(e.fade.latest), difference: difference(e.fade.difference) },
  };
}
