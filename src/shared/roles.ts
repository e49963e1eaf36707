/** The roles of Ecoute's users and API tokens; what each may do is in src/auth/policies.ts. */
export const ROLES = ['advisor', 'team_lead', 'quality_coach', 'cx_manager', 'admin', 'integration'] as const;

export type Role = (typeof ROLES)[number];
