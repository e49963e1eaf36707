import type { MessageKey } from './i18n/index.js';
import type { Route } from './use-route.js';

/** The administration pages, each listed on /admin for a reader who has one of its abilities (by path: users and teams have routes of their own). */
export const ADMIN_PAGES: { path: string; label: MessageKey; hint: MessageKey; abilities: readonly string[] }[] = [
  { path: '/admin/users', label: 'adminpages.index.users', hint: 'adminpages.index.usersHint', abilities: ['user.manage'] },
  { path: '/admin/teams', label: 'adminpages.index.teams', hint: 'adminpages.index.teamsHint', abilities: ['org.manage'] },
  { path: '/admin/reasons', label: 'adminpages.index.reasons', hint: 'adminpages.index.reasonsHint', abilities: ['reason.manage'] },
  { path: '/admin/tokens', label: 'adminpages.index.tokens', hint: 'adminpages.index.tokensHint', abilities: ['token.manage'] },
  { path: '/admin/audit', label: 'adminpages.index.audit', hint: 'adminpages.index.auditHint', abilities: ['audit.read'] },
  { path: '/admin/studies', label: 'adminpages.index.studies', hint: 'adminpages.index.studiesHint', abilities: ['study.read', 'study.import'] },
];

/** Any ability that opens one administration page: the header's "Administration" link and /admin. */
export const ADMIN_ABILITIES: readonly string[] = [...new Set(ADMIN_PAGES.flatMap((p) => p.abilities))];

/** The administration pages `pages/admin-pages.tsx` renders. */
const OWN_ADMIN_PAGES = ['admin', 'admin-reasons', 'admin-tokens', 'admin-audit', 'admin-studies'] as const;
export type OwnAdminRoute = Extract<Route, { page: (typeof OWN_ADMIN_PAGES)[number] }>;
export const isOwnAdminRoute = (route: Route): route is OwnAdminRoute => (OWN_ADMIN_PAGES as readonly string[]).includes(route.page);
