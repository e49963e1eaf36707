import { localDay } from '../shared/calendar.js';
import { newId } from '../shared/ids.js';
import type { Storage } from '../storage/database.js';
import type { TrainingAttendanceTable, TrainingAudience, TrainingKind } from '../storage/schema-quality-training.js';
import { Random } from './random.js';

/**
 * The demo's trainings (docs/quality.md, "Training"): a catalogue for call centre, shops and account
 * managers; held sessions over the year with who attended and completed; one planned; required
 * trainings (data protection overdue for some, active listening due soon). Half of the advisors
 * followed "Écoute active" about seven months ago: the demo's evaluations (demo-quality.ts) score them
 * better afterwards, so the training's before/after figures show an effect.
 */
const DAY = 86_400_000;
const HOUR = 3_600_000;

/** The code of the training whose completers the demo's evaluations score better afterwards. */
export const DEMO_LISTENING_TRAINING = 'ECOUTE-ACTIVE';

const CATALOGUE: { code: string; title: string; kind: TrainingKind; audiences: TrainingAudience[]; minutes: number; description: string }[] = [
  { code: DEMO_LISTENING_TRAINING, title: 'Écoute active et reformulation', kind: 'soft_skills', audiences: ['call_centre', 'shop', 'account_management'], minutes: 240, description: 'Questions ouvertes, reformulation, résumé en fin de contact.' },
  { code: 'RGPD-100', title: 'Protection des données : vérifier l’identité', kind: 'process', audiences: ['call_centre', 'shop', 'account_management'], minutes: 90, description: 'Qui peut savoir quoi sur un compte, et comment le vérifier.' },
  { code: 'FIBRE-101', title: 'La fibre et ses offres', kind: 'product', audiences: ['call_centre', 'shop'], minutes: 180, description: 'Éligibilité, débits, installation, questions fréquentes.' },
  { code: 'ROAM-201', title: 'Itinérance et options voyage', kind: 'product', audiences: ['call_centre', 'shop'], minutes: 120, description: 'Zones, tarifs, plafonds et alertes de consommation.' },
  { code: 'SAV-110', title: 'Réparation et reprise de téléphones en boutique', kind: 'process', audiences: ['shop'], minutes: 120, description: 'Diagnostic, prêt d’un appareil, estimation de reprise.' },
  { code: 'KAM-300', title: 'Suivi des comptes entreprises', kind: 'process', audiences: ['account_management'], minutes: 420, description: 'Revue de compte, flotte de lignes, escalades.' },
];

export async function loadDemoTrainings(storage: Storage, options: { seed: number; now: number }): Promise<{ trainings: number; sessions: number; completions: number }> {
  const { db } = storage;
  const staff = await db.selectFrom('users').select(['id', 'role', 'team_id']).where('active', '=', 1).orderBy('id').execute();
  const coach = staff.find((u) => u.role === 'quality_coach');
  const advisors = staff.filter((u) => u.role === 'advisor');
  if (!coach || advisors.length === 0) return { trainings: 0, sessions: 0, completions: 0 };
  const rng = new Random(options.seed * 104_729 + 23);
  const ids = new Map(CATALOGUE.map((t) => [t.code, newId()]));
  const sessions: { id: string; training_id: string; starts_at: number; ends_at: number; place: string; trainer: string; capacity: number | null; cancelled_at: null; created_by: string; created_at: number }[] = [];
  const attendance: TrainingAttendanceTable[] = [];
  // a session of `code` `daysAgo` days ago (negative: ahead) at 9:00 local, for `people`, each completed with probability `completion`
  const session = (code: string, daysAgo: number, people: readonly string[], completion: number, place: string) => {
    const day = options.now - daysAgo * DAY;
    const startsAt = day - (day % DAY) + 8 * HOUR;
    const minutes = CATALOGUE.find((t) => t.code === code)!.minutes;
    const endsAt = startsAt + Math.min(minutes, 480) * 60_000;
    const id = newId();
    sessions.push({ id, training_id: ids.get(code)!, starts_at: startsAt, ends_at: endsAt, place, trainer: 'Équipe formation', capacity: Math.max(12, people.length), cancelled_at: null, created_by: coach.id, created_at: startsAt - 30 * DAY });
    for (const person of people) {
      const past = startsAt < options.now;
      const status = !past ? 'enrolled' : rng.chance(completion) ? 'completed' : rng.chance(0.5) ? 'attended' : 'absent';
      attendance.push({ session_id: id, user_id: person, status, completed_at: status === 'completed' ? endsAt : null, updated_by: coach.id, updated_at: past ? endsAt : startsAt - 20 * DAY });
    }
  };
  const listeners = advisors.filter((_, i) => i % 2 === 0).map((a) => a.id);
  session(DEMO_LISTENING_TRAINING, 215, listeners.slice(0, Math.ceil(listeners.length / 2)), 0.95, 'Gasperich, salle Moselle');
  session(DEMO_LISTENING_TRAINING, 208, listeners.slice(Math.ceil(listeners.length / 2)), 0.95, 'Gasperich, salle Moselle');
  const everyone = staff.filter((u) => u.role === 'advisor' || u.role === 'team_lead').map((u) => u.id);
  session('RGPD-100', 280, everyone.slice(0, Math.ceil(everyone.length / 2)), 0.85, 'En ligne');
  session('RGPD-100', 270, everyone.slice(Math.ceil(everyone.length / 2)), 0.85, 'En ligne');
  session('ROAM-201', 95, advisors.filter((_, i) => i % 3 === 1).map((a) => a.id), 0.9, 'Gasperich, salle Sûre');
  session('FIBRE-101', -12, advisors.filter((_, i) => i % 4 === 3).map((a) => a.id), 0, 'Gasperich, salle Alzette');
  const at = options.now - 400 * DAY;
  await db.transaction().execute(async (tx) => {
    await tx.insertInto('trainings').values(CATALOGUE.map((t) => ({ id: ids.get(t.code)!, code: t.code, title: t.title, kind: t.kind, audiences: JSON.stringify(t.audiences), duration_minutes: t.minutes, description: t.description, archived_at: null, created_at: at, updated_at: at }))).execute();
    await tx.insertInto('training_sessions').values(sessions).execute();
    for (let i = 0; i < attendance.length; i += 200) await tx.insertInto('training_attendance').values(attendance.slice(i, i + 200)).execute();
    await tx
      .insertInto('training_requirements')
      .values([
        { id: newId(), training_id: ids.get('RGPD-100')!, role: 'advisor', site_kind: '', due_day: localDay(options.now - 180 * DAY), created_by: coach.id, created_at: at },
        { id: newId(), training_id: ids.get('RGPD-100')!, role: 'team_lead', site_kind: '', due_day: localDay(options.now - 180 * DAY), created_by: coach.id, created_at: at },
        { id: newId(), training_id: ids.get(DEMO_LISTENING_TRAINING)!, role: 'advisor', site_kind: 'call_centre', due_day: localDay(options.now + 45 * DAY), created_by: coach.id, created_at: at },
        { id: newId(), training_id: ids.get('SAV-110')!, role: 'advisor', site_kind: 'shop', due_day: localDay(options.now + 60 * DAY), created_by: coach.id, created_at: at },
      ])
      .execute();
  });
  return { trainings: CATALOGUE.length, sessions: sessions.length, completions: attendance.filter((a) => a.status === 'completed').length };
}
