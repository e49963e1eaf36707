/** The roles of Ecoute's users and API tokens; what each may do is in src/auth/policies.ts. */
export const ROLES = ['advisor', 'team_lead', 'quality_coach', 'cx_manager', 'admin', 'dpo', 'integration'] as const;

export type Role = (typeof ROLES)[number];

/** What an API token may be used for, chosen when it is created; the actions of each are in src/auth/policies.ts. */
export const TOKEN_SCOPES = ['recognition', 'contacts', 'customers', 'nps', 'surveys', 'studies', 'audit', 'complaints', 'recordings', 'usage', 'billing', 'devices'] as const;

export type TokenScope = (typeof TOKEN_SCOPES)[number];
