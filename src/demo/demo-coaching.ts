import type { Actor } from '../auth/policies.js';
import { formatDay, localDay } from '../shared/calendar.js';
import { coachingOpening, createCoachingSession, updateCoachingAction, listCoachingSessions } from '../quality/coaching.js';
import type { Storage } from '../storage/database.js';
import { DEMO_LOGINS } from './logins.js';

/**
 * The demo's coaching (docs/quality.md, "Coaching"), after its evaluations (demo-quality.ts): every
 * third advisor, and the demo advisor, had a session with their team lead six weeks ago on the two
 * criteria where they lost most points, with two actions agreed: one done on time, one still open
 * and now overdue. So the coaching pages and the advisor's scorecard have something to show.
 */
const DAY = 86_400_000;
const ACTIONS = ['Écouter deux appels modèles avec le coach', 'Reformuler chaque demande avant de chercher la solution'];

export async function loadDemoCoaching(storage: Storage, options: { now: number }): Promise<{ sessions: number }> {
  const { db } = storage;
  const staff = await db.selectFrom('users').select(['id', 'email', 'role', 'team_id', 'display_name', 'language']).where('active', '=', 1).orderBy('id').execute();
  const demoAdvisor = DEMO_LOGINS.find((l) => l.role === 'advisor')?.email;
  const advisors = staff.filter((u, i) => u.role === 'advisor' && (i % 3 === 0 || u.email === demoAdvisor));
  const heldAt = options.now - 42 * DAY;
  let sessions = 0;
  for (const advisor of advisors) {
    const lead = staff.find((u) => u.role === 'team_lead' && u.team_id !== null && u.team_id === advisor.team_id);
    if (!lead) continue;
    const coach: Actor = { kind: 'user', id: lead.id, role: 'team_lead', displayName: lead.display_name, teamId: lead.team_id, language: lead.language };
    const opening = await coachingOpening(db, coach, advisor.id, heldAt - 90 * DAY, heldAt);
    if (opening.evaluations === 0) continue;
    const id = await createCoachingSession(
      db,
      coach,
      {
        advisorId: advisor.id,
        heldAt: new Date(heldAt).toISOString(),
        focus: opening.focus.slice(0, 2).map((f) => f.criterion),
        evaluationIds: opening.evaluationIds.slice(0, 3),
        caseIds: [],
        notes: 'Points revus sur trois appels du trimestre.',
        actions: ACTIONS.map((text, i) => ({ text, dueDate: formatDay(localDay(heldAt + (i === 0 ? 14 : 28) * DAY)) })),
      },
      heldAt,
    );
    const [session] = await listCoachingSessions(db, coach, { sessionId: id }, heldAt);
    const first = session?.actions.find((a) => a.text === ACTIONS[0]);
    if (first) await updateCoachingAction(db, coach, first.id, { state: 'done', followUp: 'Fait, deux appels écoutés ensemble.' }, heldAt + 10 * DAY);
    sessions += 1;
  }
  return { sessions };
}
