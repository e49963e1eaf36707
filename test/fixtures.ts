import type { Kysely } from 'kysely';
import { createUser } from '../src/auth/auth-service.js';
import { createCustomer, type NewCustomer } from '../src/customers/customer-service.js';
import { newId } from '../src/shared/ids.js';
import type { Database } from '../src/storage/schema.js';

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
