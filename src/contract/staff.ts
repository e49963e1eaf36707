import { z } from '@hono/zod-openapi';
import { language, role } from './common.js';

/** The roles a person's account may have: every role but `integration`, which is for API tokens. */
export const PERSON_ROLES = ['advisor', 'team_lead', 'quality_coach', 'cx_manager', 'admin', 'dpo'] as const;
export type PersonRole = (typeof PERSON_ROLES)[number];

/** The kinds of site: a call centre or a shop. */
export const SITE_KINDS = ['call_centre', 'shop'] as const;
export type SiteKind = (typeof SITE_KINDS)[number];

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

/**
 * Why a field of an account, a team or a site was refused: the `reason` of each field of the
 * problem, stable, so the console words it in the reader's language.
 */
export const STAFF_REASONS = {
  required: 'is required',
  tooLong: 'is too long',
  email: 'must be an e-mail address',
  emailTaken: 'is already the e-mail of another account',
  role: `must be one of ${PERSON_ROLES.join(', ')}`,
  language: 'must be one of fr, de, en, lb',
  unknownTeam: 'is not a team',
  unknownSite: 'is not a site',
  password: 'must be 10 to 200 characters',
  teamNameTaken: 'is already the name of another team',
  siteNameTaken: 'is already the name of another site',
  siteKind: `must be one of ${SITE_KINDS.join(', ')}`,
} as const;
export type StaffReason = keyof typeof STAFF_REASONS;
