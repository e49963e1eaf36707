import { useId, useRef } from 'react';
import { ADMIN_ABILITIES } from '../admin-nav.js';
import { QUALITY_ABILITIES } from '../quality-nav.js';
import { useT, type MessageKey } from '../i18n/index.js';
import type { User } from '../types.js';
import type { LiveStatus } from '../use-console-events.js';
import { linkTo, type Route } from '../use-route.js';
import { useDisclosure, useFittingLinks } from './header-menus.js';
import { LanguageSwitcher } from './language-switcher.js';

/** The header's pages, each shown to a reader who has one of its abilities. */
const PAGES: { page: Route['page']; label: MessageKey; abilities: readonly string[]; to: Route }[] = [
  { page: 'console', label: 'nav.console', abilities: ['customer.read'], to: { page: 'console' } },
  { page: 'cases', label: 'nav.cases', abilities: ['followup.read', 'complaint.read'], to: { page: 'cases', query: '' } },
  { page: 'actions', label: 'actions.nav', abilities: ['action.read'], to: { page: 'actions', query: '' } },
  { page: 'nps', label: 'nav.nps', abilities: ['nps.read'], to: { page: 'nps', query: '' } },
  { page: 'pareto', label: 'improvement.nav', abilities: ['analysis.read'], to: { page: 'pareto', query: '' } },
  { page: 'quality', label: 'quality.nav', abilities: QUALITY_ABILITIES, to: { page: 'quality', query: '' } },
  { page: 'review', label: 'review.nav', abilities: ['review.read'], to: { page: 'review' } },
  { page: 'phone', label: 'nav.phone', abilities: ['sms.simulate'], to: { page: 'phone' } },
  { page: 'surveys', label: 'nav.surveys', abilities: ['survey.read'], to: { page: 'surveys', section: 'rules' } },
  { page: 'admin', label: 'adminpages.nav', abilities: ADMIN_ABILITIES, to: { page: 'admin' } },
];

function isCurrent(page: Route['page'], route: Route): boolean {
  return route.page === page || (page === 'cases' && route.page === 'case') || (page === 'admin' && route.page.startsWith('admin-'));
}

export function AppHeader({
  user,
  live,
  onLogout,
  route,
  navigate,
}: {
  user: User;
  live: LiveStatus;
  onLogout: () => void;
  route: Route;
  navigate: (route: Route) => void;
}) {
  const t = useT();
  const pages = PAGES.filter((p) => p.abilities.some((a) => user.abilities.includes(a)));
  const current = pages.findIndex((p) => isCurrent(p.page, route));
  const navBox = useRef<HTMLElement>(null);
  const measure = useRef<HTMLUListElement>(null);
  const shown = useFittingLinks(navBox, measure, pages.length, current);
  const more = useDisclosure();
  const account = useDisclosure();
  const moreId = useId();
  const accountId = useId();
  const overflow = pages.filter((_, i) => !shown.has(i));

  const pageLink = (p: (typeof pages)[number], onChosen?: () => void) => {
    const link = linkTo(p.to, navigate);
    return (
      <a
        className="nav-link"
        href={link.href}
        onClick={(event) => {
          link.onClick(event);
          onChosen?.();
        }}
        aria-current={isCurrent(p.page, route) ? 'page' : undefined}
      >
        {t(p.label)}
      </a>
    );
  };

  return (
    <header className="app-header">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true">É</span>
        <span>
          <span className="brand-name">{t('app.name')}</span>
          <span className="brand-tagline">{t('app.tagline')}</span>
        </span>
      </div>
      {pages.length > 1 && (
        <nav className="app-nav" aria-label={t('nav.label')} ref={navBox}>
          <ul className="nav-links">
            {pages.map((p, i) => shown.has(i) && <li key={p.page}>{pageLink(p)}</li>)}
            {overflow.length > 0 && (
              <li className="nav-more" {...more.rootProps}>
                <button className="nav-link nav-more-button" aria-controls={moreId} {...more.buttonProps}>
                  {t('appHeader.more')}
                  <span className="menu-caret" aria-hidden="true" />
                </button>
                <ul id={moreId} className="header-menu nav-more-menu" aria-label={t('appHeader.moreLabel')} hidden={!more.open}>
                  {overflow.map((p) => (
                    <li key={p.page}>{pageLink(p, more.close)}</li>
                  ))}
                </ul>
              </li>
            )}
          </ul>
          <ul className="nav-links nav-measure" ref={measure} aria-hidden="true">
            {pages.map((p) => (
              <li key={p.page}>
                <span className="nav-link">{t(p.label)}</span>
              </li>
            ))}
            <li>
              <span className="nav-link nav-more-button">
                {t('appHeader.more')}
                <span className="menu-caret" />
              </span>
            </li>
          </ul>
        </nav>
      )}
      <div className="header-tools">
        {live !== 'off' && (
          <span className={`live-status live-${live}`} title={t('header.live')}>
            <span className="live-dot" aria-hidden="true" />
            <span className="live-text">{live === 'open' ? t('header.liveOn') : t('header.liveOff')}</span>
          </span>
        )}
        <div className="user-menu" {...account.rootProps}>
          <button className="user-menu-button" aria-controls={accountId} title={user.displayName} {...account.buttonProps}>
            <span className="visually-hidden">{t('header.signedInAs')} </span>
            <span className="user-name">{user.displayName}</span>
            <span className="menu-caret" aria-hidden="true" />
          </button>
          <div id={accountId} className="header-menu user-menu-panel" role="group" aria-label={t('appHeader.account')} hidden={!account.open}>
            <p className="user-role">{t('appHeader.role', { role: t(`roles.${user.role}`) })}</p>
            <LanguageSwitcher />
            <button type="button" className="button button-ghost" onClick={onLogout}>
              {t('header.logout')}
            </button>
          </div>
        </div>
      </div>
    </header>
  );
}
