import { formatDateTime } from '../format.js';
import { useLanguage, useT } from '../i18n/index.js';
import type { FollowupAlert } from '../types.js';
import type { FollowupAlertEvent } from '../use-console-events.js';
import { linkTo, type Route } from '../use-route.js';

/** A follow-up pushed live to the reader's console. */
export interface LiveAlert {
  event: FollowupAlertEvent;
  data: FollowupAlert;
}

/**
 * The follow-ups pushed live (a hot detractor, a missed deadline escalated), at the top of every
 * page until dismissed, newest first, each with its case to open. The words carry no personal data:
 * the score, why it is hot, the deadline. Screen readers hear each as it arrives (the console's
 * announcer says it); the list itself is a region to come back to.
 */
export function HotAlerts({ alerts, navigate, onDismiss }: { alerts: LiveAlert[]; navigate: (route: Route) => void; onDismiss: (id: string) => void }) {
  const t = useT();
  const language = useLanguage();
  if (alerts.length === 0) return null;
  return (
    <section className="hot-alerts" aria-label={t('cases.alerts.label')}>
      <ul>
        {alerts.map(({ event, data }) => {
          const link = linkTo({ page: 'case', kind: 'followup', id: data.id }, navigate);
          return (
          <li key={`${event}:${data.id}`} className={`hot-alert hot-alert-${event === 'followup.hot' ? 'hot' : 'escalated'}`}>
            <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true" focusable="false">
              <path d="M12 22a7 7 0 0 0 7-7c0-4-3-6-4-10-2 2-3 4-3 6-1-1-2-2-2-4-3 3-5 5-5 8a7 7 0 0 0 7 7z" fill="currentColor" />
            </svg>
            <p className="hot-alert-text">{alertText(event, data, t, language)}</p>
            <a
              href={link.href}
              className="button button-primary button-small"
              onClick={(e) => {
                onDismiss(data.id);
                link.onClick(e);
              }}
            >
              {t('cases.alerts.open')}
            </a>
            <button type="button" className="icon-button hot-alert-close" onClick={() => onDismiss(data.id)} aria-label={t('cases.alerts.dismiss')}>
              <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false">
                <path d="M6 6l12 12M18 6L6 18" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
              </svg>
            </button>
          </li>
          );
        })}
      </ul>
    </section>
  );
}

/** What an alert says: hot or escalated, the score, why, the words, the deadline. */
export function alertText(event: FollowupAlertEvent, data: FollowupAlert, t: ReturnType<typeof useT>, language: ReturnType<typeof useLanguage>): string {
  const why = data.hotReasons.map((r) => t(`cases.hotReasons.${r}`)).join(', ');
  const words = data.hotKeywords.map((w) => t('cases.quoted', { text: w })).join(' ');
  const due = data.dueAt ? formatDateTime(data.dueAt, language) : t('cases.deadline.none');
  return t(event === 'followup.hot' ? 'cases.alerts.hot' : 'cases.alerts.escalated', {
    score: data.score,
    why: [why, words].filter(Boolean).join(' · '),
    due,
  });
}
