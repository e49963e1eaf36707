import { abilities, npsScope, type Actor } from '../auth/policies.js';
import type { DemoLogin, ReaderTeam, User } from '../contract/sessions.js';
import type { ReaderTeam as Team } from './reader-team.js';

/** The logged-in reader and what their role lets them do. */
export function presentUser(actor: Actor, mode: { demoMode: boolean }): User {
  return { id: actor.id, displayName: actor.displayName, role: actor.role, teamId: actor.teamId, language: actor.language, abilities: abilities(actor, mode), npsScope: npsScope(actor) };
}

/** A demo login as the login page shows it. */
export function presentDemoLogin(login: DemoLogin): DemoLogin {
  return { email: login.email, password: login.password, role: login.role, displayName: login.displayName };
}

/** The reader's team and its members, field by field. */
export function presentReaderTeam(found: Team): ReaderTeam {
  return {
    team: found.team === null ? null : { id: found.team.id, name: found.team.name },
    members: found.members.map((m) => ({ id: m.id, displayName: m.displayName, role: m.role })),
    teams: found.teams.map((t) => ({ id: t.id, name: t.name })),
  };
}
