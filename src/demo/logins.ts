import type { Role } from '../storage/schema.js';

/** Password of every demo staff account (shown on the login page in demo mode). */
export const DEMO_PASSWORD = 'ecoute-demo';

export interface DemoLogin {
  email: string;
  password: string;
  role: Exclude<Role, 'integration'>;
  displayName: string;
}

/** The fixed demo accounts, one per role; the advisor and the team lead are in team "Hotline Mobile". */
export const DEMO_LOGINS: readonly DemoLogin[] = [
  { email: 'advisor@demo.ecoute.lu', password: DEMO_PASSWORD, role: 'advisor', displayName: 'Anne Schmit' },
  { email: 'lead@demo.ecoute.lu', password: DEMO_PASSWORD, role: 'team_lead', displayName: 'Marc Weber' },
  { email: 'coach@demo.ecoute.lu', password: DEMO_PASSWORD, role: 'quality_coach', displayName: 'Sophie Thill' },
  { email: 'cx@demo.ecoute.lu', password: DEMO_PASSWORD, role: 'cx_manager', displayName: 'Paulo Ferreira' },
  { email: 'admin@demo.ecoute.lu', password: DEMO_PASSWORD, role: 'admin', displayName: 'Claire Hoffmann' },
];
