import type { Kysely } from 'kysely';
import { createUser } from '../src/auth/auth-service.js';
import { createCustomer, type NewCustomer } from '../src/customers/customer-service.js';
import { recordInteraction } from '../src/interactions/interaction-service.js';
import { newId } from '../src/shared/ids.js';
import type { Database } from '../src/storage/schema.js';
import { activeRules, saveRules } from '../src/surveys/survey-rules.js';

/** A site, a team and an advisor in it. */
export async function seedTeam(db: Kysely<Database>, name = 'Hotline Mobile') {
  const siteId = newId();
  const teamId = newId();
  await db.insertInto('sites').values({ id: siteId, code: `cc-${siteId.slice(-6)}`, name: 'Centre Gasperich', kind: 'call_centre', city: 'Luxembourg', created_at: Date.now() }).execute();
  await db.insertInto('teams').values({ id: teamId, name, site_id: siteId, created_at: Date.now() }).execute();
  const advisorId = await createUser(db, {
    email: `advisor.${teamId.slice(-6)}@ecoute.test`,
    displayName: 'Anne Schmit',
    role: 'advisor',
    teamId,
    siteId,
    password: 'correct horse',
  });
  return { siteId, teamId, advisorId };
}

export function customer(overrides: Partial<NewCustomer> = {}): NewCustomer {
  return {
    kind: 'individual',
    givenName: 'Marie',
    familyName: 'Weber',
    preferredLanguage: 'fr',
    segment: 'residential',
    lines: [{ msisdn: '+352 621 123 456', plan: 'Love Duo' }],
    phones: ['+352 26 12 34 56'],
    emails: ['marie.weber@example.lu'],
    ...overrides,
  };
}

export async function seedCustomer(db: Kysely<Database>, overrides: Partial<NewCustomer> = {}) {
  return createCustomer(db, customer(overrides));
}

/** Survey rules that do not depend on the hour or on earlier surveys: no delay, no quiet hours, no quarantine. */
export async function surveyAlways(db: Kysely<Database>): Promise<void> {
  const rules = (await activeRules(db))!;
  await saveRules(db, rules.id, { ...rules, delayMinutes: 0, quietStart: '00:00', quietEnd: '00:00', quietSundays: false, quarantineDays: 0 });
}

/**
 * `count` customers, each with their own mobile number (`+352621` + 6 digits from `firstNumber`),
 * and one ended inbound call each, recorded as the console does (interaction + `interaction.ended`
 * outbox row in one transaction). Returns the numbers and the interaction ids, in order.
 */
export async function seedEndedCalls(db: Kysely<Database>, count: number, advisorId: string, firstNumber = 100_000) {
  const calls: { msisdn: string; interactionId: string }[] = [];
  const endedAt = Date.now() - 1000;
  for (let i = 0; i < count; i++) {
    const msisdn = `+352621${firstNumber + i}`;
    const party = await createCustomer(db, customer({ familyName: `Weber ${i}`, lines: [{ msisdn, plan: 'Love Duo' }], phones: [], emails: [] }));
    const { id } = await recordInteraction(
      db,
      { externalId: `call-${firstNumber + i}`, partyId: party.id, channel: 'phone', direction: 'inbound', reasonCode: 'billing', startedAt: endedAt - 120_000, endedAt, advisorId, phone: msisdn, resolved: true },
      7,
    );
    calls.push({ msisdn, interactionId: id });
  }
  return calls;
}
