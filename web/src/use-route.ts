import { useCallback, useEffect, useState } from 'react';
import { CASE_KINDS, type CaseKind } from './cases.js';
import { QUALITY_SECTIONS, type QualitySection } from './quality-nav.js';

export const SURVEY_SECTIONS = ['rules', 'definitions', 'messages', 'decisions', 'opt-outs'] as const;
export type SurveySection = (typeof SURVEY_SECTIONS)[number];

/** The console's pages. The server answers every non-API path with the console, which routes here. */
export type Route =
  | { page: 'console' }
  | { page: 'phone'; msisdn?: string | undefined }
  | { page: 'surveys'; section: SurveySection }
  /** `query`: the dashboard's view as a query string without '?' (shared and reloaded with the address) */
  | { page: 'nps'; query: string }
  /** the Pareto of causes; `query`: the board's view without '?' */
  | { page: 'pareto'; query: string }
  /** the monthly review; `month`: YYYY-MM (default the month before) */
  | { page: 'review'; month?: string | undefined }
  /** the queues of complaints and follow-ups; `query`: the kind and tab shown, without '?' */
  | { page: 'cases'; query: string }
  | { page: 'case'; kind: CaseKind; id: string }
  /** the improvement actions board; `query`: the list, the action open, a cause to create one on (`cause=`), without '?' */
  | { page: 'actions'; query: string }
  /** administration: the index of its pages, and the pages (docs/console.md, "Administration") */
  | { page: 'admin' }
  | { page: 'admin-users' }
  | { page: 'admin-teams' }
  | { page: 'admin-reasons' }
  | { page: 'admin-tokens' }
  | { page: 'admin-audit' }
  | { page: 'admin-studies' }
  /**
   * quality and coaching (docs/quality.md): the index (no section), a section, and one of its records
   * (`id`: an evaluation, a calibration session, an advisor…); `query`: the section's view without '?'
   */
  | { page: 'quality'; section?: QualitySection | undefined; id?: string | undefined; query: string };

type AdminPage = 'admin-users' | 'admin-teams' | 'admin-reasons' | 'admin-tokens' | 'admin-audit' | 'admin-studies';
const ADMIN_SUBPAGES = new Map<string, AdminPage>([
  ['users', 'admin-users'],
  ['teams', 'admin-teams'],
  ['reasons', 'admin-reasons'],
  ['tokens', 'admin-tokens'],
  ['audit', 'admin-audit'],
  ['studies', 'admin-studies'],
] as const);

export function parseRoute(pathname: string, search = ''): Route {
  const parts = pathname.split('/').filter(Boolean).map((part) => {
    try {
      return decodeURIComponent(part);
    } catch {
      return part;
    }
  });
  if (parts[0] === 'phone-simulator') return { page: 'phone', msisdn: parts[1] || undefined };
  if (parts[0] === 'surveys') {
    const section = SURVEY_SECTIONS.find((s) => s === parts[1]) ?? 'rules';
    return { page: 'surveys', section };
  }
  if (parts[0] === 'nps') return { page: 'nps', query: search.replace(/^\?/, '') };
  if (parts[0] === 'pareto') return { page: 'pareto', query: search.replace(/^\?/, '') };
  if (parts[0] === 'review') return { page: 'review', month: /^\d{4}-(0[1-9]|1[0-2])$/.test(parts[1] ?? '') ? parts[1] : undefined };
  if (parts[0] === 'actions') return { page: 'actions', query: search.replace(/^\?/, '') };
  if (parts[0] === 'admin') {
    const sub = ADMIN_SUBPAGES.get(parts[1] ?? '');
    if (sub) return { page: sub };
    if (!parts[1]) return { page: 'admin' };
  }
  if (parts[0] === 'quality') {
    const section = QUALITY_SECTIONS.find((s) => s === parts[1]);
    return { page: 'quality', section, id: section ? parts[2] || undefined : undefined, query: search.replace(/^\?/, '') };
  }
  if (parts[0] === 'cases') {
    const kind = CASE_KINDS.find((k) => k === parts[1]);
    if (kind && parts[2]) return { page: 'case', kind, id: parts[2] };
    return { page: 'cases', query: search.replace(/^\?/, '') };
  }
  return { page: 'console' };
}

export function routePath(route: Route): string {
  switch (route.page) {
    case 'console':
      return '/';
    case 'phone':
      return route.msisdn ? `/phone-simulator/${encodeURIComponent(route.msisdn)}` : '/phone-simulator';
    case 'surveys':
      return `/surveys/${route.section}`;
    case 'nps':
      return route.query ? `/nps?${route.query}` : '/nps';
    case 'pareto':
      return route.query ? `/pareto?${route.query}` : '/pareto';
    case 'review':
      return route.month ? `/review/${route.month}` : '/review';
    case 'cases':
      return route.query ? `/cases?${route.query}` : '/cases';
    case 'case':
      return `/cases/${route.kind}/${encodeURIComponent(route.id)}`;
    case 'actions':
      return route.query ? `/actions?${route.query}` : '/actions';
    case 'admin':
      return '/admin';
    case 'admin-users':
    case 'admin-teams':
    case 'admin-reasons':
    case 'admin-tokens':
    case 'admin-audit':
    case 'admin-studies':
      return `/admin/${route.page.slice('admin-'.length)}`;
    case 'quality': {
      const path = ['/quality', route.section, route.section && route.id ? encodeURIComponent(route.id) : undefined].filter(Boolean).join('/');
      return route.query ? `${path}?${route.query}` : path;
    }
  }
}

/** The current page, from the address bar; navigate() pushes a history entry (Back works). */
export function useRoute(): [Route, (route: Route, options?: { replace?: boolean }) => void] {
  const [route, setRoute] = useState<Route>(() => parseRoute(window.location.pathname, window.location.search));

  useEffect(() => {
    const onPop = () => setRoute(parseRoute(window.location.pathname, window.location.search));
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);

  const navigate = useCallback((next: Route, options: { replace?: boolean } = {}) => {
    const path = routePath(next);
    if (path !== window.location.pathname + window.location.search) {
      if (options.replace) window.history.replaceState(null, '', path);
      else window.history.pushState(null, '', path);
    }
    setRoute(next);
  }, []);

  return [route, navigate];
}

/**
 * Props of a link to a page: a real href (open in a new tab works) that navigates in place on a
 * plain click.
 */
export function linkTo(route: Route, navigate: (route: Route) => void) {
  return {
    href: routePath(route),
    onClick: (event: { button: number; metaKey: boolean; ctrlKey: boolean; shiftKey: boolean; altKey: boolean; preventDefault(): void }) => {
      if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      event.preventDefault();
      navigate(route);
    },
  };
}
