import type { Kysely } from 'kysely';
import { scoreEvaluation, type Answer, type ScorecardShape } from '../contract/quality-scoring.js';
import { defaultScorecardVersion } from '../quality/scorecards.js';
import { newId } from '../shared/ids.js';
import { capabilitiesOf, rowsPerStatement, type Storage } from '../storage/database.js';
import type { Database } from '../storage/schema.js';
import type { EvaluationState } from '../storage/schema-quality-evaluations.js';
import { DEMO_LISTENING_TRAINING } from './demo-training.js';
import { Random, hash32 } from './random.js';

/**
 * The demo's quality history (docs/quality.md): a year of evaluations, two phone contacts per advisor
 * and month on the published scorecard, each advisor with a skill of their own so the figures differ
 * (a few improving over the year), most acknowledged, some disputed and decided by a second evaluator,
 * the latest ones still open to dispute; and one calibration session, revealed, whose fourth
 * evaluator is far more severe than the others ("grading the grader"). Advisors who completed the
 * active-listening training (loaded before, demo-training.ts) score better after it.
 */
const DAY = 86_400_000;
const EVALUATIONS_PER_MONTH = 2;

interface EvaluationRow {
  id: string; interaction_id: string; advisor_id: string; team_id: string | null; evaluator_id: string; scorecard_version_id: string;
  purpose: 'coaching'; sample_item_id: null; state: EvaluationState; score: number | null; raw_score: number | null; pass: 0 | 1 | null;
  critical_failures: string; lost_points: string; strengths: string; improvements: string; markers: string;
  created_at: number; updated_at: number; submitted_at: number | null; dispute_until: number | null; acknowledged_at: number | null;
  disputed_at: number | null; decided_at: number | null; reviewer_id: string | null;
}

/** Answers of an evaluator of the given strictness on an advisor of the given skill (0–1). */
function answersFor(card: ScorecardShape, rng: Random, skill: number, severity = 0): Record<string, Answer> {
  const answers: Record<string, Answer> = {};
  for (const section of card.sections) {
    for (const c of section.criteria) {
      const good = Math.max(0.05, skill - severity);
      if (c.critical) answers[c.key] = rng.chance(0.01 + (1 - good) * 0.05) ? 'no' : 'yes';
      else if (c.allowNa && rng.chance(0.1)) answers[c.key] = 'na';
      else answers[c.key] = rng.chance(good) ? 'yes' : rng.chance(0.6) ? 'partial' : 'no';
    }
  }
  return answers;
}

const STRENGTHS = ['Accueil chaleureux, reformulation claire.', 'Explique le tarif pas à pas.', 'Garde son calme face à un client agacé.', 'Résumé précis en fin d’appel.'];
const IMPROVEMENTS = ['Vérifier l’identité avant de lire le compte.', 'Proposer le suivi par SMS.', 'Reformuler avant de chercher la solution.', 'Annoncer le délai de rappel.'];

export async function loadDemoQuality(storage: Storage, options: { seed: number; now: number }): Promise<{ evaluations: number; calibrations: number }> {
  const { db } = storage;
  const version = await defaultScorecardVersion(db);
  if (!version) return { evaluations: 0, calibrations: 0 };
  const card = version.content;
  const staff = await db.selectFrom('users').select(['id', 'role', 'team_id']).where('active', '=', 1).execute();
  const coaches = staff.filter((u) => u.role === 'quality_coach').map((u) => u.id);
  const leadsOf = new Map<string, string[]>();
  for (const u of staff) if (u.role === 'team_lead' && u.team_id) leadsOf.set(u.team_id, [...(leadsOf.get(u.team_id) ?? []), u.id]);
  const advisors = staff.filter((u) => u.role === 'advisor');
  if (coaches.length === 0 || advisors.length === 0) return { evaluations: 0, calibrations: 0 };
  const rng = new Random(options.seed * 7919 + 16);
  const from = options.now - 365 * DAY;
  // those who completed the active-listening training (demo-training.ts, loaded before) score better afterwards
  const listened = new Map(
    (await db
      .selectFrom('training_attendance as a')
      .innerJoin('training_sessions as s', 's.id', 'a.session_id')
      .innerJoin('trainings as t', 't.id', 's.training_id')
      .select(['a.user_id', 'a.completed_at'])
      .where('t.code', '=', DEMO_LISTENING_TRAINING)
      .where('a.status', '=', 'completed')
      .execute()).map((r) => [r.user_id, Number(r.completed_at)]),
  );
  const evaluations: EvaluationRow[] = [];
  const answers: { evaluation_id: string; criterion_key: string; answer: Answer; comment: string }[] = [];
  const disputes: { evaluation_id: string; criterion_key: string; comment: string; proposed_answer: Answer; decision: 'keep' | 'accept' | 'set' | null; decided_answer: Answer | null; decision_comment: string | null }[] = [];
  const events: { id: string; evaluation_id: string; at: number; actor_id: string; from_state: EvaluationState | null; to_state: EvaluationState; note: string | null }[] = [];
  for (const advisor of advisors) {
    const contacts = await db
      .selectFrom('interactions')
      .select(['id', 'started_at'])
      .where('advisor_id', '=', advisor.id)
      .where('channel', '=', 'phone')
      .where('started_at', '>=', from)
      .where('started_at', '<', options.now - DAY)
      .orderBy('started_at')
      .execute();
    const byMonth = new Map<number, typeof contacts>();
    for (const c of contacts) {
      const month = Math.floor((Number(c.started_at) - from) / (30.5 * DAY));
      byMonth.set(month, [...(byMonth.get(month) ?? []), c]);
    }
    const base = 0.62 + (hash32(options.seed, ...[...advisor.id].map((ch) => ch.charCodeAt(0))) % 300) / 1000;
    const improving = hash32(options.seed, advisor.id.length, base * 1000) % 3 === 0;
    for (const [month, list] of byMonth) {
      for (let k = 0; k < EVALUATIONS_PER_MONTH && list.length > 0; k++) {
        const contact = list.splice(rng.int(list.length), 1)[0]!;
        const startedAt = Number(contact.started_at);
        const trained = startedAt > (listened.get(advisor.id) ?? Infinity) ? 0.12 : 0;
        const skill = Math.min(0.97, base + (improving ? month * 0.02 : 0) + trained);
        const leads = advisor.team_id ? (leadsOf.get(advisor.team_id) ?? []) : [];
        const evaluator = leads.length > 0 && rng.chance(0.3) ? rng.pick(leads) : rng.pick(coaches);
        const given = answersFor(card, rng, skill);
        const id = newId();
        const created = startedAt + rng.between(1, 4) * DAY;
        const submitted = created + rng.between(1, 6) * 3_600_000;
        const recent = options.now - submitted < 3 * DAY;
        const draft = options.now - created < 2 * DAY && rng.chance(0.5);
        let state: EvaluationState = draft ? 'draft' : recent ? 'submitted' : rng.chance(0.1) ? 'decided' : rng.chance(0.85) ? 'acknowledged' : 'submitted';
        const reviewers = [...coaches, ...leads].filter((r) => r !== evaluator);
        if (state === 'decided' && reviewers.length === 0) state = 'acknowledged';
        const final = { ...given };
        let disputedKey: string | undefined;
        if (state === 'decided') {
          disputedKey = Object.keys(given).find((key) => given[key] === 'no' || given[key] === 'partial');
          if (!disputedKey) state = 'acknowledged';
        }
        const reviewer = state === 'decided' ? rng.pick(reviewers) : null;
        if (disputedKey) {
          const accepted = rng.chance(0.5);
          final[disputedKey] = accepted ? 'yes' : given[disputedKey]!;
          disputes.push({ evaluation_id: id, criterion_key: disputedKey, comment: 'Le client avait déjà reçu l’information par SMS.', proposed_answer: 'yes', decision: accepted ? 'accept' : 'keep', decided_answer: final[disputedKey]!, decision_comment: accepted ? 'Vérifié dans l’historique.' : 'L’information n’a pas été redonnée pendant l’appel.' });
        }
        const result = scoreEvaluation(card, final);
        const acknowledged = state === 'acknowledged' ? submitted + rng.between(2, 60) * 3_600_000 : null;
        const disputedAt = state === 'decided' ? submitted + rng.between(2, 48) * 3_600_000 : null;
        const decided = disputedAt !== null ? disputedAt + rng.between(4, 72) * 3_600_000 : null;
        evaluations.push({
          id, interaction_id: contact.id, advisor_id: advisor.id, team_id: advisor.team_id, evaluator_id: evaluator, scorecard_version_id: version.id, purpose: 'coaching', sample_item_id: null, state,
          score: result.score, raw_score: result.rawScore, pass: result.score === null ? null : result.pass ? 1 : 0,
          critical_failures: JSON.stringify(result.criticalFailures), lost_points: JSON.stringify(result.lost),
          strengths: draft ? '' : rng.pick(STRENGTHS), improvements: draft ? '' : rng.pick(IMPROVEMENTS), markers: JSON.stringify(draft ? [] : [{ atMs: rng.between(5, 25) * 1000, kind: 'improve', text: rng.pick(IMPROVEMENTS) }]),
          created_at: created, updated_at: decided ?? acknowledged ?? (draft ? created : submitted), submitted_at: draft ? null : submitted, dispute_until: draft ? null : submitted + 72 * 3_600_000,
          acknowledged_at: acknowledged, disputed_at: disputedAt, decided_at: decided, reviewer_id: reviewer,
        });
        for (const [key, answer] of Object.entries(final)) answers.push({ evaluation_id: id, criterion_key: key, answer, comment: '' });
        events.push({ id: newId(), evaluation_id: id, at: created, actor_id: evaluator, from_state: null, to_state: 'draft', note: null });
        if (!draft) events.push({ id: newId(), evaluation_id: id, at: submitted, actor_id: evaluator, from_state: 'draft', to_state: 'submitted', note: null });
        if (acknowledged !== null) events.push({ id: newId(), evaluation_id: id, at: acknowledged, actor_id: advisor.id, from_state: 'submitted', to_state: 'acknowledged', note: null });
        if (disputedAt !== null && decided !== null && reviewer) {
          events.push({ id: newId(), evaluation_id: id, at: disputedAt, actor_id: advisor.id, from_state: 'submitted', to_state: 'disputed', note: '1 item(s)' });
          events.push({ id: newId(), evaluation_id: id, at: decided, actor_id: reviewer, from_state: 'disputed', to_state: 'decided', note: null });
        }
      }
    }
  }
  const caps = capabilitiesOf(db);
  await db.transaction().execute(async (tx) => {
    await insertAll(tx, 'evaluations', evaluations, rowsPerStatement(caps, 26, 500));
    await insertAll(tx, 'evaluation_answers', answers, rowsPerStatement(caps, 4, 2000));
    await insertAll(tx, 'evaluation_disputes', disputes, rowsPerStatement(caps, 7, 1000));
    await insertAll(tx, 'evaluation_events', events, rowsPerStatement(caps, 7, 1000));
  });
  const calibrations = await demoCalibration(db, card, version.id, rng, staff, options.now);
  return { evaluations: evaluations.length, calibrations };
}

async function insertAll<T extends keyof Database & string>(db: Kysely<Database>, table: T, rows: readonly object[], chunk: number): Promise<void> {
  for (let i = 0; i < rows.length; i += chunk) await db.insertInto(table).values(rows.slice(i, i + chunk) as never).execute();
}

/** Last month's calibration session: four contacts, the coaches and team leads scoring them, one of them much more severe. */
async function demoCalibration(db: Kysely<Database>, card: ScorecardShape, versionId: string, rng: Random, staff: { id: string; role: string; team_id: string | null }[], now: number): Promise<number> {
  const evaluators = [...staff.filter((u) => u.role === 'quality_coach'), ...staff.filter((u) => u.role === 'team_lead')].slice(0, 5);
  if (evaluators.length < 3) return 0;
  const contacts = await db.selectFrom('interactions').select('id').where('channel', '=', 'phone').where('advisor_id', 'is not', null).where('started_at', '<', now - 20 * DAY).orderBy('started_at', 'desc').limit(4).execute();
  if (contacts.length < 2) return 0;
  const id = newId();
  const created = now - 14 * DAY;
  await db.transaction().execute(async (tx) => {
    await tx.insertInto('calibration_sessions').values({ id, title: 'Calibrage du mois', scorecard_version_id: versionId, lead_id: evaluators[0]!.id, state: 'revealed', created_at: created, revealed_at: created + 3 * DAY }).execute();
    await tx.insertInto('calibration_contacts').values(contacts.map((c, position) => ({ session_id: id, interaction_id: c.id, position, reference_score: null }))).execute();
    await tx.insertInto('calibration_evaluators').values(evaluators.map((e, i) => ({ session_id: id, user_id: e.id, letter: 'ABCDEFGHIJKL'[i]! }))).execute();
    const severe = evaluators.length - 1;
    const rows = contacts.flatMap((c, u) => {
      const skill = 0.7 + u * 0.07;
      // what the contact deserves, no critical failure; each evaluator departs from it a little, the severe one a lot
      const truth = answersFor(card, new Random(hash32(u, 17)), skill);
      for (const c of card.sections.flatMap((x) => x.criteria)) if (c.critical) truth[c.key] = 'yes';
      return evaluators.map((e, i) => {
        const own = new Random(hash32(u, i, 31));
        const down = i === severe ? 0.55 : 0.1;
        const given: Record<string, Answer> = {};
        for (const c of card.sections.flatMap((x) => x.criteria)) {
          const t = truth[c.key]!;
          const lower: Answer = t === 'yes' ? (c.critical ? 'no' : 'partial') : t === 'partial' ? 'no' : t;
          const higher: Answer = t === 'no' ? 'partial' : t === 'partial' ? 'yes' : t;
          given[c.key] = t === 'na' ? 'na' : own.chance(c.critical ? (i === severe ? 0.2 : 0) : down) ? lower : i !== severe && own.chance(0.08) ? higher : t;
        }
        const result = scoreEvaluation(card, given);
        return { session_id: id, interaction_id: c.id, evaluator_id: e.id, answers: JSON.stringify(given), score: result.score, critical_failures: JSON.stringify(result.criticalFailures), complete: 1 as const, scored_at: created + rng.between(1, 48) * 3_600_000 };
      });
    });
    await tx.insertInto('calibration_scores').values(rows).execute();
  });
  return 1;
}
