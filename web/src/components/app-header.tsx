import { useT } from '../i18n/index.js';
import type { User } from '../types.js';
import type { LiveStatus } from '../use-console-events.js';
import { LanguageSwitcher } from './language-switcher.js';

export function AppHeader({ user, live, onLogout }: { user: User; live: LiveStatus; onLogout: () => void }) {
  const t = useT();
  return (
    <header className="app-header">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true">É</span>
        <span>
          <span className="brand-name">{t('app.name')}</span>
          <span className="brand-tagline">{t('app.tagline')}</span>
        </span>
      </div>
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
