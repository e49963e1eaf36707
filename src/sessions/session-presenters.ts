import { abilities, npsScope, type Actor } from '../auth/policies.js';
import type { DemoLogin, User } from '../contract/sessions.js';

/** The logged-in reader and what their role lets them do. */
export function presentUser(actor: Actor, mode: { demoMode: boolean }): User {
  return { id: actor.id, displayName: actor.displayName, role: actor.role, teamId: actor.teamId, language: actor.language, abilities: abilities(actor, mode), npsScope: npsScope(actor) };
}

/** A demo login as the login page shows it. */
export function presentDemoLogin(login: DemoLogin): DemoLogin {
  return { email: login.email, password: login.password, role: login.role, displayName: login.displayName };
}
