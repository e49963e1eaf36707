import { z } from '@hono/zod-openapi';
import { role } from './common.js';

/** The logged-in reader and what their role lets them do. */
export const user = z
  .object({
    id: z.string(),
    displayName: z.string(),
    role,
    teamId: z.string().nullable(),
    language: z.string(),
    abilities: z.array(z.string()),
    npsScope: z
      .object({
        teams: z.enum(['none', 'all', 'own']),
        teamId: z.string().nullable().openapi({ description: 'the team whose figures an `own` reader sees; null otherwise, or for an account without a team' }),
        advisors: z.enum(['none', 'self', 'all']).openapi({
          description: "whose figures per advisor the reader sees within those teams: every advisor's, only their own (`advisorId`), or none (no grouping nor filter by advisor)",
        }),
        advisorId: z.string().nullable().openapi({ description: 'the advisor a `self` reader is; null otherwise' }),
      })
      .openapi({ description: 'the NPS figures this user may see: the scope the server applies to every NPS report' }),
  })
  .openapi('User');
export type User = z.infer<typeof user>;

/** A login shown on the login page in demo mode. */
export const demoLogin = z.object({ email: z.string(), password: z.string(), role, displayName: z.string() }).openapi('DemoLogin');
export type DemoLogin = z.infer<typeof demoLogin>;

/** A person of the reader's team: whom a team lead assigns cases to, whose name a queue shows. */
export const teamMember = z
  .object({ id: z.string(), displayName: z.string(), role })
  .openapi('TeamMember');
export type TeamMember = z.infer<typeof teamMember>;

/** The reader's team and its active members. */
export const readerTeam = z
  .object({
    team: z.object({ id: z.string(), name: z.string() }).nullable().openapi({ description: 'null for an account without a team (and an API token)' }),
    members: z.array(teamMember).openapi({ description: 'active people of the team, by name; empty without a team' }),
    teams: z
      .array(z.object({ id: z.string(), name: z.string() }))
      .openapi({ description: 'every team, by name: where a case may be transferred (back office, billing, network, shops…)' }),
  })
  .openapi('ReaderTeam');
export type ReaderTeam = z.infer<typeof readerTeam>;
