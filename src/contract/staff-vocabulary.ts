// The lists of the administration of accounts, teams and sites that the console's forms offer and words (no zod: the console imports them).

/** The roles a person's account may have: every role but `integration`, which is for API tokens. */
export const PERSON_ROLES = ['advisor', 'team_lead', 'quality_coach', 'cx_manager', 'admin', 'dpo'] as const;
export type PersonRole = (typeof PERSON_ROLES)[number];

/** The kinds of site: a call centre or a shop. */
export const SITE_KINDS = ['call_centre', 'shop'] as const;
export type SiteKind = (typeof SITE_KINDS)[number];

/**
 * Why a field of an account, a team or a site was refused: the `reason` of each field of the
 * problem, stable; the console words each by the code it is sent with (`src/staff/staff-checks.ts`).
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
