import type { Kysely } from 'kysely';
import { seedEndedCalls, seedTeam, surveyAlways } from '../../test/fixtures.js';
import { createUser } from '../auth/auth-service.js';
import type { Actor } from '../auth/policies.js';
import { recordInteraction } from '../interactions/interaction-service.js';
import type { Role } from '../shared/roles.js';
import type { Database } from '../storage/schema.js';
import { decideSurveys } from '../surveys/survey-decisions.js';
import { handleInboundSms } from '../surveys/survey-replies.js';

const NUMBER_KEY = 'followups-test-key';

/** A person of a role as an actor, with the e-mail they log in with (password `correct horse`). */
export async function seedPerson(
  db: Kysely<Database>,
  role: Role,
  teamId: string | null,
  siteId: string | null = null,
  name = `${role} ${teamId?.slice(-4) ?? 'site'}`,
): Promise<Actor & { email: string }> {
  const email = `${role}.${Math.random().toString(36).slice(2, 10)}@followups.test`;
  const id = await createUser(db, { email, displayName: name, role, teamId, siteId, password: 'correct horse' });
  return { kind: 'user', id, role, displayName: name, teamId, language: 'fr', email };
}

/** A call centre: a team (its advisor, its lead), a second team, the site's lead, a CX manager; surveys asked after every call. */
export async function seedFollowupWorld(db: Kysely<Database>) {
  const team = await seedTeam(db);
  const other = await seedTeam(db, 'Hotline Fixe');
  await surveyAlways(db);
  const advisor: Actor & { email: string } = {
    kind: 'user', id: team.advisorId, role: 'advisor', displayName: 'Anne Schmit', teamId: team.teamId, language: 'fr', email: `advisor.${team.teamId.slice(-6)}@ecoute.test`,
  };
  const lead = await seedPerson(db, 'team_lead', team.teamId, team.siteId, 'Luc Hoffmann');
  const otherLead = await seedPerson(db, 'team_lead', other.teamId, other.siteId, 'Paul Muller');
  const siteLead = await seedPerson(db, 'team_lead', null, team.siteId, 'Sophie Klein');
  const manager = await seedPerson(db, 'cx_manager', null, null, 'Carole Weis');
  return { teamId: team.teamId, siteId: team.siteId, otherTeamId: other.teamId, otherAdvisorId: other.advisorId, advisor, lead, otherLead, siteLead, manager };
}

let nextNumber = 500_000;

/**
 * A customer's call taken by `advisorId` (a repeat of one the day before, if asked) and its survey,
 * sent a minute before `at` (default now). Answers the survey, the contact, the customer and their number.
 */
export async function sentSurvey(db: Kysely<Database>, advisorId: string, options: { at?: number; repeat?: boolean } = {}) {
  const [call] = await seedEndedCalls(db, 1, advisorId, nextNumber++);
  if (options.repeat) {
    // the same customer called for the same reason the day before: the call is a repeat contact
    const contact = await db.selectFrom('interactions').select(['party_id', 'started_at']).where('id', '=', call!.interactionId).executeTakeFirstOrThrow();
    const startedAt = Number(contact.started_at) - 86_400_000;
    await recordInteraction(db, { partyId: contact.party_id, channel: 'phone', direction: 'inbound', reasonCode: 'billing', startedAt, endedAt: startedAt + 60_000, advisorId, resolved: true }, 7);
  }
  await decideSurveys(db, [call!.interactionId], NUMBER_KEY);
  const survey = await db.selectFrom('surveys').select(['id', 'party_id']).where('interaction_id', '=', call!.interactionId).executeTakeFirstOrThrow();
  await db.updateTable('surveys').set({ status: 'sent', sent_at: (options.at ?? Date.now()) - 60_000, open_until: null }).where('id', '=', survey.id).execute();
  return { surveyId: survey.id, interactionId: call!.interactionId, partyId: survey.party_id, msisdn: call!.msisdn };
}

/** The customer's SMS `text` from `msisdn`, received at `receivedAt`, through the reply path. */
export async function reply(db: Kysely<Database>, msisdn: string, text: string, receivedAt = Date.now()) {
  return handleInboundSms(db, { from: msisdn, to: 'ECOUTE', text, receivedAt }, { numberKey: NUMBER_KEY });
}

/** A sent survey (sentSurvey) and the customer's answer `text` received at `receivedAt` (default now). */
export async function answerSurvey(db: Kysely<Database>, advisorId: string, text: string, options: { receivedAt?: number; repeat?: boolean } = {}) {
  const receivedAt = options.receivedAt ?? Date.now();
  const survey = await sentSurvey(db, advisorId, { at: receivedAt, ...(options.repeat ? { repeat: true } : {}) });
  const answered = await reply(db, survey.msisdn, text, receivedAt);
  return { ...survey, outcome: answered.outcome };
}

/**
 * The same customer calls again (same reason, `at`), is surveyed, and answers `text` a minute later
 * from the same number. Answers the new survey and contact.
 */
export async function answerAgain(db: Kysely<Database>, previous: { partyId: string; msisdn: string }, advisorId: string, text: string, at: number) {
  const { id } = await recordInteraction(
    db,
    { externalId: `again-${Math.random().toString(36).slice(2)}`, partyId: previous.partyId, channel: 'phone', direction: 'inbound', reasonCode: 'billing', startedAt: at - 120_000, endedAt: at, advisorId, phone: previous.msisdn, resolved: true },
    7,
  );
  await decideSurveys(db, [id], NUMBER_KEY);
  const survey = await db.selectFrom('surveys').select('id').where('interaction_id', '=', id).executeTakeFirstOrThrow();
  await db.updateTable('surveys').set({ status: 'sent', sent_at: at, open_until: null }).where('id', '=', survey.id).execute();
  const answered = await reply(db, previous.msisdn, text, at + 60_000);
  return { surveyId: survey.id, interactionId: id, outcome: answered.outcome };
}

/** The follow-up a survey opened, if any. */
export async function followupOfSurvey(db: Kysely<Database>, surveyId: string) {
  return db.selectFrom('followups').innerJoin('cases', 'cases.id', 'followups.case_id').selectAll().where('followups.survey_id', '=', surveyId).executeTakeFirst();
}
