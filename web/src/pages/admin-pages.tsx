import { ADMIN_PAGES, type OwnAdminRoute } from '../admin-nav.js';
import { useT } from '../i18n/index.js';
import type { User } from '../types.js';
import { linkTo, parseRoute, type Route } from '../use-route.js';
import { useEffect, useRef } from 'react';
import { AdminAuditPage } from './admin-audit-page.js';
import { AdminReasonsPage } from './admin-reasons-page.js';
import { AdminStudiesPage } from './admin-studies-page.js';
import { AdminTokensPage } from './admin-tokens-page.js';

/** The administration pages (docs/console.md, "Administration"): the index, and each page the reader may open. */
export function AdminPages({ route, user, navigate }: { route: OwnAdminRoute; user: User; navigate: (route: Route) => void }) {
  const can = (ability: string) => user.abilities.includes(ability);
  switch (route.page) {
    case 'admin':
      return <AdminIndex user={user} navigate={navigate} />;
    case 'admin-reasons':
      return <AdminReasonsPage navigate={navigate} />;
    case 'admin-tokens':
      return <AdminTokensPage navigate={navigate} />;
    case 'admin-audit':
      return <AdminAuditPage navigate={navigate} />;
    case 'admin-studies':
      return <AdminStudiesPage navigate={navigate} canImport={can('study.import')} />;
  }
}

/** The pages of administration this reader may open, each with what it is for. */
function AdminIndex({ user, navigate }: { user: User; navigate: (route: Route) => void }) {
  const t = useT();
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);
  const pages = ADMIN_PAGES.filter((p) => p.abilities.some((a) => user.abilities.includes(a)));
  return (
    <div className="admin-index">
      <div className="page-head">
        <h1 ref={headingRef} tabIndex={-1}>
          {t('adminpages.index.title')}
        </h1>
        <p className="muted admin-intro">{t('adminpages.index.intro')}</p>
      </div>
      <ul className="admin-cards">
        {pages.map((p) => (
          <li key={p.path} className="panel admin-card">
            <a {...linkTo(parseRoute(p.path), navigate)} href={p.path} aria-describedby={`admin-hint-${p.path.slice(7)}`}>
              {t(p.label)}
            </a>
            <p id={`admin-hint-${p.path.slice(7)}`} className="muted">
              {t(p.hint)}
            </p>
          </li>
        ))}
      </ul>
    </div>
  );
}
