import { createAction, stepAction } from '../actions/action-service.js';
import type { Actor } from '../auth/policies.js';
import { dayStart, formatDay, addDays } from '../shared/calendar.js';
import { DomainError } from '../shared/errors.js';
import type { Storage } from '../storage/database.js';
import { DEMO_IMPROVEMENTS, improvementDay } from './demo-causes.js';

/**
 * The improvement actions of the demo's year (docs/improvement.md, "The demo"): one for each cause the
 * codings follow (`DEMO_IMPROVEMENTS`), done on its day, so their effect is measured on the codings on
 * first start — the tariff fix verified on its significant drop, the new repair partner done with its
 * effect to verify, the porting checklist done without an effect — and one still in progress on the
 * summer's roaming charges. Made through the actions' own service, each step on its day, by the demo's
 * CX manager, who is in charge of them.
 */

const HOUR = 3_600_000;
const WEEK_DAYS = 7;

const ROAMING = {
  cause: 'billing.roaming',
  title: { fr: 'Plafond d’itinérance UE appliqué dès l’activation', de: 'EU-Roaming-Obergrenze ab der Aktivierung', en: 'EU roaming cap applied from activation' },
};

export async function loadDemoActions(storage: Storage, options: { now: number }): Promise<{ actions: number }> {
  const { db } = storage;
  const manager = await db.selectFrom('users').select(['id', 'display_name', 'team_id']).where('role', '=', 'cx_manager').where('active', '=', 1).orderBy('email').limit(1).executeTakeFirst();
  if (!manager) return { actions: 0 };
  const actor: Actor = { kind: 'user', id: manager.id, role: 'cx_manager', displayName: manager.display_name, teamId: manager.team_id, language: 'fr' };
  const at = (day: number, hour: number) => dayStart(day) + hour * HOUR;
  let actions = 0;
  for (const improvement of DEMO_IMPROVEMENTS) {
    const done = improvementDay(options.now, improvement.daysBeforeEnd);
    const proposed = addDays(done, -10 * WEEK_DAYS);
    const { id } = await createAction(
      db,
      {
        title: improvement.title.fr, description: `${improvement.title.en} (${improvement.title.de})`, causeCodes: [improvement.cause],
        targetText: 'Moins de réclamations sur cette cause', ownerId: manager.id, dueDate: formatDay(addDays(done, 14)), proposedAt: at(proposed, 10),
      },
      actor,
      { now: at(proposed, 10) },
    );
    await stepAction(db, id, 'approve', {}, actor, { now: at(addDays(proposed, 7), 10) });
    await stepAction(db, id, 'start', {}, actor, { now: at(addDays(proposed, 14), 10) });
    await stepAction(db, id, 'done', { doneAt: at(done, 9) }, actor, { now: at(done, 17) });
    // the tariff fix is verified once its window after shows the drop; the others wait for a person to look
    if (improvement.cause === 'billing.tariff_not_applied') {
      try {
        await stepAction(db, id, 'verify', {}, actor, { now: at(addDays(done, 8 * WEEK_DAYS + 2), 11) });
      } catch (error) {
        // not significant with this seed and size: it stays done, to be verified by a person
        if (!(error instanceof DomainError)) throw error;
      }
    }
    actions++;
  }
  const roamingDay = improvementDay(options.now, 60);
  const { id } = await createAction(
    db,
    { title: ROAMING.title.fr, description: `${ROAMING.title.en} (${ROAMING.title.de})`, causeCodes: [ROAMING.cause], ownerId: manager.id, dueDate: formatDay(addDays(improvementDay(options.now, 0), 30)), proposedAt: at(roamingDay, 10) },
    actor,
    { now: at(roamingDay, 10) },
  );
  await stepAction(db, id, 'approve', {}, actor, { now: at(addDays(roamingDay, 3), 10) });
  await stepAction(db, id, 'start', {}, actor, { now: at(addDays(roamingDay, 10), 10) });
  return { actions: actions + 1 };
}
