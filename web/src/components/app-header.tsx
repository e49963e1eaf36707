import { ADMIN_ABILITIES } from '../admin-nav.js';
import { useT, type MessageKey } from '../i18n/index.js';
import type { User } from '../types.js';
import type { LiveStatus } from '../use-console-events.js';
import { linkTo, type Route } from '../use-route.js';
import { LanguageSwitcher } from './language-switcher.js';

/** The header's pages, each shown to a reader who has one of its abilities. */
const PAGES: { page: Route['page']; label: MessageKey; abilities: readonly string[]; to: Route }[] = [
  { page: 'console', label: 'nav.console', abilities: ['customer.read'], to: { page: 'console' } },
  { page: 'cases', label: 'nav.cases', abilities: ['followup.read', 'complaint.read'], to: { page: 'cases', query: '' } },
  { page: 'actions', label: 'actions.nav', abilities: ['action.read'], to: { page: 'actions', query: '' } },
  { page: 'nps', label: 'nav.nps', abilities: ['nps.read'], to: { page: 'nps', query: '' } },
  { page: 'pareto', label: 'improvement.nav', abilities: ['analysis.read'], to: { page: 'pareto', query: '' } },
  { page: 'review', label: 'review.nav', abilities: ['review.read'], to: { page: 'review' } },
  { page: 'phone', label: 'nav.phone', abilities: ['sms.simulate'], to: { page: 'phone' } },
  { page: 'surveys', label: 'nav.surveys', abilities: ['survey.read'], to: { page: 'surveys', section: 'rules' } },
  { page: 'admin', label: 'adminpages.nav', abilities: ADMIN_ABILITIES, to: { page: 'admin' } },
];

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
        <nav className="app-nav" aria-label={t('nav.label')}>
          <ul>
            {pages.map((p) => (
              <li key={p.page}>
                <a {...linkTo(p.to, navigate)} aria-current={route.page === p.page || (p.page === 'cases' && route.page === 'case') || (p.page === 'admin' && route.page.startsWith('admin-')) ? 'page' : undefined}>
                  {t(p.label)}
                </a>
              </li>
            ))}
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
        <div className="user-chip">
          <span className="visually-hidden">{t('header.signedInAs')} </span>
          <span className="user-name">{user.displayName}</span>
          <span className="user-role">{t(`roles.${user.role}`)}</span>
        </div>
        <LanguageSwitcher />
        <button type="button" className="button button-ghost" onClick={onLogout}>
          {t('header.logout')}
        </button>
      </div>
    </header>
  );
}
