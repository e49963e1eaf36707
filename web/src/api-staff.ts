import { enc, query, request, type QueryValues } from './api.js';
import type { StaffSite, StaffTeam, StaffUser, StaffUserPage, StaffUserWithPassword } from '../../src/contract/staff.js';

export type { StaffSite, StaffTeam, StaffUser, StaffUserPage };

/** What POST /users takes (docs/console.md, "Administration"). */
export interface NewStaffUserInput {
  email: string;
  displayName: string;
  role: string;
  teamId?: string | null;
  siteId?: string | null;
  language?: string;
  password?: string;
}

/** The administration's calls: accounts, teams, sites. */
export const staffApi = {
  users: (params: QueryValues) => request<StaffUserPage>('GET', `/api/v1/users?${query(params)}`),
  createUser: (input: NewStaffUserInput) => request<StaffUserWithPassword>('POST', '/api/v1/users', input),
  deactivate: (id: string) => request<StaffUser>('POST', `/api/v1/users/${enc(id)}/deactivate`),
  reactivate: (id: string) => request<StaffUser>('POST', `/api/v1/users/${enc(id)}/reactivate`),
  resetPassword: (id: string) => request<{ user: StaffUser; password: string }>('POST', `/api/v1/users/${enc(id)}/password-reset`),
  endSessions: (id: string) => request<{ user: StaffUser; ended: number }>('DELETE', `/api/v1/users/${enc(id)}/sessions`),
  teams: () => request<{ items: StaffTeam[] }>('GET', '/api/v1/teams'),
  createTeam: (input: { name: string; siteId: string | null }) => request<StaffTeam>('POST', '/api/v1/teams', input),
  updateTeam: (id: string, input: { name?: string; siteId?: string | null }) => request<StaffTeam>('PATCH', `/api/v1/teams/${enc(id)}`, input),
  sites: () => request<{ items: StaffSite[] }>('GET', '/api/v1/sites'),
  createSite: (input: { name: string; kind: string; city: string }) => request<StaffSite>('POST', '/api/v1/sites', input),
  updateSite: (id: string, input: { name?: string; kind?: string; city?: string }) => request<StaffSite>('PATCH', `/api/v1/sites/${enc(id)}`, input),
};
