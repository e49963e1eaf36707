import { z } from '@hono/zod-openapi';
import { language, role } from './common.js';
import { SITE_KINDS } from './staff-vocabulary.js';

export { PERSON_ROLES, SITE_KINDS, STAFF_REASONS, type PersonRole, type SiteKind, type StaffReason } from './staff-vocabulary.js';

const named = z.object({ id: z.string(), name: z.string() });

/** A person's account as administrators see it (never a password nor its hash). */
export const staffUser = z
  .object({
    id: z.string(),
    email: z.string(),
    displayName: z.string(),
    role,
    team: named.nullable(),
    site: named.nullable(),
    language,
    active: z.boolean(),
    /** sessions open now (not expired) */
    sessions: z.number().int().openapi({ description: 'sessions open now (logged in on so many browsers)' }),
    createdAt: z.string(),
  })
  .openapi('StaffUser');
export type StaffUser = z.infer<typeof staffUser>;

/** A page of the list of accounts: `total` rows match the filters. */
export const staffUserPage = z
  .object({ items: z.array(staffUser), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() })
  .openapi('StaffUserPage');
export type StaffUserPage = z.infer<typeof staffUserPage>;

/** An account and the password the server chose for it, shown in this answer only (null when none was chosen). */
export const staffUserWithPassword = z
  .object({
    user: staffUser,
    password: z.string().nullable().openapi({ description: 'the temporary password the server generated, in this answer only; null when the request gave one' }),
  })
  .openapi('StaffUserWithPassword');
export type StaffUserWithPassword = z.infer<typeof staffUserWithPassword>;

export const staffTeam = z
  .object({ id: z.string(), name: z.string(), site: named.nullable(), members: z.number().int().openapi({ description: 'active accounts of the team' }), createdAt: z.string() })
  .openapi('StaffTeam');
export type StaffTeam = z.infer<typeof staffTeam>;

export const staffSite = z
  .object({
    id: z.string(),
    code: z.string(),
    name: z.string(),
    kind: z.enum(SITE_KINDS),
    city: z.string(),
    teams: z.number().int().openapi({ description: 'teams attached to the site' }),
    createdAt: z.string(),
  })
  .openapi('StaffSite');
export type StaffSite = z.infer<typeof staffSite>;

