import { sql, type Kysely } from 'kysely';
import { listCauses, type Cause } from '../causes/cause-tree.js';
import { customerBase } from '../causes/customer-base.js';
import { categorise } from '../nps/nps-report.js';
import type { NpsCounts } from '../nps/statistics.js';
import { dayStart } from '../shared/calendar.js';
import type { ActionMeasure, Database } from '../storage/schema.js';
import {
  BETTER, complaintEffect, EMPTY, effectWindows, fadeOf, notApplicable, npsEffect, pickBasis, repeatEffect, targetOutcome,
  type ActionTarget, type ComplaintWindow, type DayRange, type EffectWindows, type Fade, type MeasureEffect, type RepeatWindow,
} from './action-effect.js';

/**
 * What the effect of an action is computed from (docs/improvement.md, "The effect"): the aggregates
 * of each window for the action's causes and the causes under them: complaints coded to them
 * (cause_counts) against the customer base, the NPS of the contacts whose reason matches them
 * (nps_counts by reason) or, when the causes name no reason, of the answers whose comment mentions one
 * of their topics (the answers themselves: aggregates by topic would count an answer naming two topics
 * twice), and the repeat contacts among the contacts with those reasons (contact_counts by reason).
 * The statistics are action-effect.ts's.
 */

/** The causes, contact reasons and comment topics an action's effect is counted on. */
export interface CauseScope {
  causes: string[];
  reasons: string[];
  topics: string[];
}

/** The causes given and every cause under them (deactivated ones too: what was coded keeps its cause), with their reasons and topics. */
export function causeScope(tree: readonly Cause[], codes: readonly string[]): CauseScope {
  const under = tree.filter((c) => c.path.some((p) => codes.includes(p)));
  const sorted = (values: Iterable<string>) => [...new Set(values)].sort();
  return { causes: sorted(under.map((c) => c.code)), reasons: sorted(under.flatMap((c) => c.reasonCodes)), topics: sorted(under.flatMap((c) => c.topicCodes)) };
}

/** The whole tree, deactivated causes included: what causeScope expands. */
export function causeTree(db: Kysely<Database>): Promise<Cause[]> {
  return listCauses(db, 'en', true);
}

const sum = (column: string) => sql<number | string | null>`sum(${sql.ref(column)})`;
const num = (v: number | string | null | undefined) => Number(v ?? 0);

/** Complaints coded to the causes in the window, against the customers at its end (or now, if earlier). */
export async function complaintWindow(db: Kysely<Database>, causes: readonly string[], window: DayRange, now: number): Promise<ComplaintWindow> {
  const row = causes.length === 0 ? undefined : await db
    .selectFrom('cause_counts')
    .select(sum('coded').as('coded'))
    .where('dim', '=', '')
    .where('subject_kind', '=', 'complaint')
    .where('cause_code', 'in', causes)
    .where('day', '>=', window.from)
    .where('day', '<', window.until)
    .executeTakeFirst();
  const customers = await customerBase(db, {}, Math.min(dayStart(window.until), now));
  return { complaints: num(row?.coded), customers, days: window.days };
}

const SCORES = ['s0', 's1', 's2', 's3', 's4', 's5', 's6', 's7', 's8', 's9', 's10'] as const;

/** Answers to the surveys of contacts with these reasons in the window, by basis (nps_counts, per contact day). */
async function npsByReason(db: Kysely<Database>, reasons: readonly string[], window: DayRange): Promise<Map<string, NpsCounts>> {
  const rows = await db
    .selectFrom('nps_counts')
    .select(['basis', ...SCORES.map((s) => sum(s).as(s))])
    .where('dims', '=', 'reason')
    .where('key1', 'in', reasons)
    .where('day', '>=', window.from)
    .where('day', '<', window.until)
    .where('basis', '!=', '')
    .groupBy('basis')
    .execute();
  return new Map(rows.map((r) => [r.basis, categorise(SCORES.map((s) => num((r as Record<string, number | string | null>)[s])), r.basis)]));
}

/** Answers whose comment mentions one of these topics, for contacts of the window's days, by basis (each answer once). */
async function npsByTopic(db: Kysely<Database>, topics: readonly string[], window: DayRange): Promise<Map<string, NpsCounts>> {
  const rows = await db
    .selectFrom('survey_responses')
    .select(['category', 'topics', 'scale_min', 'scale_max', 'promoter_min', 'detractor_max'])
    .where('interaction_started_at', '>=', dayStart(window.from))
    .where('interaction_started_at', '<', dayStart(window.until))
    .where('category', 'is not', null)
    .where((eb) => eb.or(topics.map((t) => eb('topics', 'like', `%"topic":"${t}"%`))))
    .execute();
  const out = new Map<string, NpsCounts>();
  for (const r of rows) {
    const named = (JSON.parse(r.topics ?? '[]') as { topic: string }[]).some((m) => topics.includes(m.topic));
    if (!named) continue;
    const basis = `${r.scale_min}-${r.scale_max}/${r.promoter_min}/${r.detractor_max}`;
    const counts = out.get(basis) ?? { ...EMPTY };
    if (r.category === 'promoter') counts.promoters++;
    else if (r.category === 'detractor') counts.detractors++;
    else counts.passives++;
    out.set(basis, counts);
  }
  return out;
}

/** Contacts with these reasons in the window and the repeat contacts among them (contact_counts, per contact day). */
export async function repeatWindow(db: Kysely<Database>, reasons: readonly string[], window: DayRange): Promise<RepeatWindow> {
  const row = await db
    .selectFrom('contact_counts')
    .select([sum('contacts').as('contacts'), sum('repeats').as('repeats')])
    .where('dims', '=', 'reason')
    .where('key1', 'in', reasons)
    .where('day', '>=', window.from)
    .where('day', '<', window.until)
    .executeTakeFirst();
  return { contacts: num(row?.contacts), repeats: num(row?.repeats) };
}

/** A measure with what it was counted on. */
export interface CountedEffect extends MeasureEffect {
  matchedBy: 'causes' | 'reasons' | 'topics' | null;
  codes: string[];
  /** NPS: the basis compared */
  basis: string | null;
}

export interface ActionEffect {
  status: 'not-done' | 'measured';
  doneAt: number | null;
  windows: EffectWindows | null;
  causes: string[];
  measures: CountedEffect[];
  target: ActionTarget & { met: boolean | null };
  verifiable: boolean;
  /** done or verified actions only */
  fade: Fade | null;
}

/** What the effect is computed for: an action's fields that matter to it. */
export interface EffectSubject {
  state: string;
  causes: readonly string[];
  doneAt: number | null;
  beforeWeeks: number;
  afterWeeks: number;
  target: ActionTarget;
}

const FADE_STATES = ['done', 'verified'];

/** The measured effect of an action at `now` (docs/improvement.md, "The effect"). */
export async function measureAction(db: Kysely<Database>, subject: EffectSubject, now: number, tree?: readonly Cause[]): Promise<ActionEffect> {
  const scope = causeScope(tree ?? (await causeTree(db)), subject.causes);
  const target = { ...subject.target, met: null };
  if (subject.doneAt === null) return { status: 'not-done', doneAt: null, windows: null, causes: scope.causes, measures: [], target, verifiable: false, fade: null };
  const windows = effectWindows(subject.doneAt, subject.beforeWeeks, subject.afterWeeks, now);
  const afterLength = 7 * subject.afterWeeks;
  const complaints = {
    before: await complaintWindow(db, scope.causes, windows.before, now),
    after: await complaintWindow(db, scope.causes, windows.after, now),
  };
  const measures: CountedEffect[] = [
    { ...complaintEffect(complaints.before, complaints.after, afterLength), matchedBy: 'causes', codes: scope.causes, basis: null },
  ];
  const byReason = scope.reasons.length > 0;
  if (byReason || scope.topics.length > 0) {
    const read = (w: DayRange) => (byReason ? npsByReason(db, scope.reasons, w) : npsByTopic(db, scope.topics, w));
    const [before, after] = [await read(windows.before), await read(windows.after)];
    const basis = pickBasis(before, after);
    const effect = npsEffect(basis === null ? EMPTY : (before.get(basis) ?? EMPTY), basis === null ? EMPTY : (after.get(basis) ?? EMPTY), windows.after.days);
    measures.push({ ...effect, matchedBy: byReason ? 'reasons' : 'topics', codes: byReason ? scope.reasons : scope.topics, basis });
  } else {
    measures.push({ ...notApplicable('nps'), matchedBy: null, codes: [], basis: null });
  }
  if (byReason) {
    const effect = repeatEffect(await repeatWindow(db, scope.reasons, windows.before), await repeatWindow(db, scope.reasons, windows.after), windows.after.days);
    measures.push({ ...effect, matchedBy: 'reasons', codes: scope.reasons, basis: null });
  } else {
    measures.push({ ...notApplicable('repeat_rate'), matchedBy: null, codes: [], basis: null });
  }
  const outcome = targetOutcome(subject.target, measures);
  const fade = FADE_STATES.includes(subject.state)
    ? fadeOf(complaints.after, windows.latest ? await complaintWindow(db, scope.causes, windows.latest, now) : null)
    : null;
  return { status: 'measured', doneAt: subject.doneAt, windows, causes: scope.causes, measures, target: { ...subject.target, met: outcome.met }, verifiable: outcome.verifiable, fade };
}

/** Whether a done or verified action's effect faded (null: not assessable yet, or not done): what the board flags. */
export async function fadedOf(db: Kysely<Database>, subject: EffectSubject, now: number, tree: readonly Cause[]): Promise<boolean | null> {
  if (!FADE_STATES.includes(subject.state) || subject.doneAt === null) return null;
  const windows = effectWindows(subject.doneAt, subject.beforeWeeks, subject.afterWeeks, now);
  if (!windows.latest) return null;
  const { causes } = causeScope(tree, subject.causes);
  const fade = fadeOf(await complaintWindow(db, causes, windows.after, now), await complaintWindow(db, causes, windows.latest, now));
  return fade.assessed ? fade.faded : null;
}

/** The intended direction of a measure when the target names none: its better one. */
export function defaultDirection(measure: ActionMeasure): 'decrease' | 'increase' {
  return BETTER[measure];
}
