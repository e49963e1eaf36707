import type { Kysely } from 'kysely';
import { type ActionEffect, causeTree, type CountedEffect, measureAction } from '../actions/action-measures.js';
import { effectSubject } from '../actions/action-queries.js';
import { loadAction } from '../actions/action-store.js';
import { listCauses, listDepartments } from '../causes/cause-tree.js';
import type { EffectMeasure, ReviewAction } from '../contract/review.js';
import { addDays, dayStart, formatDay } from '../shared/calendar.js';
import type { LabelLanguage } from '../shared/languages.js';
import type { ActionMeasure, Database } from '../storage/schema.js';
import type { ReviewActions } from './monthly-review.js';

/**
 * The improvement actions a review lists (docs/improvement.md, "The monthly review"): every action
 * not abandoned, oldest first, with its effect as `GET /actions/{id}/effect` measures it when the review
 * is made; an effect only once its window after is complete, a measure only when it has a verdict.
 */

const STATE_LABELS: Record<string, Record<LabelLanguage, string>> = {
  proposed: { fr: 'Proposée', de: 'Vorgeschlagen', en: 'Proposed' },
  approved: { fr: 'Approuvée', de: 'Genehmigt', en: 'Approved' },
  in_progress: { fr: 'En cours', de: 'In Arbeit', en: 'In progress' },
  done: { fr: 'Réalisée', de: 'Umgesetzt', en: 'Done' },
  verified: { fr: 'Vérifiée', de: 'Bestätigt', en: 'Verified' },
  abandoned: { fr: 'Abandonnée', de: 'Aufgegeben', en: 'Abandoned' },
};

const MEASURES: Record<'complaintRate' | 'nps' | 'repeatRate', ActionMeasure> = { complaintRate: 'complaint_rate', nps: 'nps', repeatRate: 'repeat_rate' };

/** One measure as the review shows it: null while it has no verdict (pending, or nothing to measure it on). */
export function reviewMeasure(m: CountedEffect | undefined): EffectMeasure | null {
  if (!m || !m.before || !m.after || !m.difference || m.before.value === null || m.after.value === null) return null;
  if (m.verdict === 'pending' || m.verdict === 'not-applicable') return null;
  return {
    before: m.before.value, after: m.after.value, beforeLow: m.before.low ?? m.before.value, beforeHigh: m.before.high ?? m.before.value,
    afterLow: m.after.low ?? m.after.value, afterHigh: m.after.high ?? m.after.value, difference: m.difference.value, pValue: m.difference.pValue,
    significant: m.difference.significant, direction: m.verdict === 'better' ? 'better' : m.verdict === 'worse' ? 'worse' : 'none',
  };
}

const lastDay = (until: number) => formatDay(addDays(until, -1));

/** The effect as the review shows it: null until the window after is complete. */
export function reviewEffect(effect: ActionEffect): ReviewAction['effect'] {
  const w = effect.windows;
  if (effect.status !== 'measured' || !w || !w.after.complete) return null;
  const of = (name: keyof typeof MEASURES) => reviewMeasure(effect.measures.find((m) => m.measure === MEASURES[name]));
  return {
    beforeFrom: formatDay(w.before.from), beforeTo: lastDay(w.before.until), afterFrom: formatDay(w.after.from), afterTo: lastDay(w.after.until),
    complaintRate: of('complaintRate'), nps: of('nps'), repeatRate: of('repeatRate'),
  };
}

export const reviewActions: ReviewActions = async (db: Kysely<Database>, _month: string, language: LabelLanguage, now: number) => {
  const rows = await db
    .selectFrom('actions')
    .innerJoin('cases', 'cases.id', 'actions.case_id')
    .select('actions.case_id')
    .where('cases.state', '!=', 'abandoned')
    .orderBy('cases.opened_at')
    .orderBy('cases.id')
    .execute();
  if (rows.length === 0) return [];
  const tree = await causeTree(db);
  const labels = new Map((await listCauses(db, language, true)).map((c) => [c.code, c.label]));
  const departments = new Map((await listDepartments(db, language, true)).map((d) => [d.code, d.label]));
  const out: ReviewAction[] = [];
  for (const { case_id } of rows) {
    const action = await loadAction(db, case_id);
    const owner = await db.selectFrom('users').select('display_name').where('id', '=', action.row.owner_id).executeTakeFirst();
    const effect = await measureAction(db, effectSubject(action), now, tree);
    out.push({
      reference: action.row.reference,
      title: action.row.title,
      causes: action.causes.map((code) => ({ code, label: labels.get(code) ?? code })),
      department: departments.get(action.row.department_code) ?? action.row.department_code,
      owner: owner?.display_name ?? null,
      status: action.case.state,
      statusLabel: STATE_LABELS[action.case.state]?.[language] ?? action.case.state,
      dueAt: new Date(dayStart(action.row.due_day)).toISOString(),
      effect: reviewEffect(effect),
      faded: effect.fade?.assessed === true && effect.fade.faded === true,
    });
  }
  return out;
};
