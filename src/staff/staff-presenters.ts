import type { StaffSite, StaffTeam, StaffUser } from '../contract/staff.js';
import type { SiteRow, TeamRow } from './staff-orgs.js';
import type { StaffUserRow } from './staff-users.js';

const iso = (ms: number) => new Date(ms).toISOString();

export const presentStaffUser = (u: StaffUserRow): StaffUser => ({ ...u, createdAt: iso(u.createdAt) });
export const presentTeam = (t: TeamRow): StaffTeam => ({ ...t, createdAt: iso(t.createdAt) });
export const presentSite = (s: SiteRow): StaffSite => ({ ...s, createdAt: iso(s.createdAt) });
