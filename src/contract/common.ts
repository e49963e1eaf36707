import { z } from '@hono/zod-openapi';
import { CHANNELS } from '../shared/channels.js';
import { LANGUAGES } from '../shared/languages.js';
import { ROLES } from '../shared/roles.js';

/** The languages customers are served in. */
export const language = z.enum(LANGUAGES);

/** Who did something: a person, a system with an API token, Ecoute itself, or the customer in the customer app. */
export const actorKind = z.enum(['user', 'token', 'system', 'customer']).openapi({ description: '`customer`: the customer, in the customer app (`id`: their customer id)' });
export type Language = z.infer<typeof language>;

/** The channels a contact happens on. */
export const channel = z.enum(CHANNELS);
export type Channel = z.infer<typeof channel>;

/** Who a user is, for what they may do (src/auth/policies.ts). */
export const role = z.enum(ROLES);
export type Role = z.infer<typeof role>;
