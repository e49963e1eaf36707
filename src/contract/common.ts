import { z } from '@hono/zod-openapi';
import { LANGUAGES } from '../shared/languages.js';

/** The languages customers are served in. */
export const language = z.enum(LANGUAGES);
export type Language = z.infer<typeof language>;

/** The channels a contact happens on. */
export const channel = z.enum(['phone', 'shop', 'email', 'chat', 'app', 'web', 'social']);
export type Channel = z.infer<typeof channel>;

/** Who a user is, for what they may do (src/auth/policies.ts). */
export const role = z.enum(['advisor', 'team_lead', 'quality_coach', 'cx_manager', 'admin', 'integration']);
export type Role = z.infer<typeof role>;
