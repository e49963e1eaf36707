import { useEffect } from 'react';
import type { MessageKey, Translate } from './i18n/index.js';
import type { Route } from './use-route.js';

/** The name of each page in the tab title, as the header's navigation names it. */
const PAGE_NAMES: Record<Route['page'], MessageKey> = {
  console: 'nav.console',
  cases: 'nav.cases',
  case: 'nav.cases',
  actions: 'actions.nav',
  nps: 'nav.nps',
  pareto: 'improvement.nav',
  review: 'review.nav',
  phone: 'nav.phone',
  surveys: 'nav.surveys',
  'admin-users': 'adminUsers.users.title',
  'admin-teams': 'adminUsers.teams.title',
  admin: 'adminpages.index.title',
  'admin-reasons': 'adminpages.reasons.title',
  'admin-tokens': 'adminpages.tokens.title',
  'admin-audit': 'adminpages.audit.title',
  'admin-studies': 'adminpages.studies.title',
  quality: 'quality.nav',
};

/** Keeps the browser tab's title in the UI language and naming the page (the login page when signed out). */
export function useDocumentTitle(t: Translate, page: Route['page'] | 'login' | undefined): void {
  useEffect(() => {
    if (page === undefined) return;
    document.title = page === 'login' ? t('callscreen.title.login') : t('callscreen.title.page', { page: t(PAGE_NAMES[page]) });
  }, [t, page]);
}
