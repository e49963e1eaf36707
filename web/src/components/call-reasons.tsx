import { useId } from 'react';
import { formatDate } from '../format.js';
import { useLanguage, useT } from '../i18n/index.js';
import type { CustomerCard, User } from '../types.js';
import { categoryLabel, useComplaintCategories } from '../use-case-references.js';
import type { CustomerCasesLoad } from '../use-customer-cases.js';
import { linkTo, type Route } from '../use-route.js';

/** Contacts of the last days the summary lists (the history below has them all). */
const LAST_CONTACTS = 3;
/** Complaints and follow-ups the summary links to, of each kind (the panel of cases below lists them all). */
const SUMMARY_CASES = 5;

/**
 * "Why they may be calling", at the top of the card: the repeat warning, open complaints and
 * follow-ups (those the reader may see), the last contacts with their reasons and whether they were
 * resolved, and a detractor's last survey. One line each, so the history stays in view during a call.
 */
export function CallReasons({ card, cases: { loaded: cases }, user, reasonLabels, navigate }: {
  card: CustomerCard;
  cases: CustomerCasesLoad;
  user: User;
  reasonLabels: ReadonlyMap<string, string>;
  navigate: (route: Route) => void;
}) {
  const t = useT();
  const language = useLanguage();
  const titleId = useId();
  const can = (ability: string) => user.abilities.includes(ability);
  const categories = useComplaintCategories(can('complaint.read'));
  const open = cases.data ? cases.data.complaints.length + cases.data.followups.length : 0;
  const last = card.interactions.slice(0, LAST_CONTACTS);
  const survey = card.lastSurvey;
  const { flags } = card;
  const nothing = !flags.repeatContact && open === 0 && last.length === 0 && survey?.category !== 'detractor';
  return (
    <section className="panel call-reasons" aria-labelledby={titleId} data-testid="call-reasons">
      <h3 id={titleId}>{t('callscreen.why.title')}</h3>
      <ul className="call-reasons-list">
        {flags.repeatContact && (
          <li className="call-reason call-reason-warning">{t('callscreen.why.repeat', { count: flags.recentContacts, days: flags.windowDays })}</li>
        )}
        {cases.data && open > 0 && (
          <li className="call-reason">
            <span className="call-reason-label">{t('callscreen.why.openCases', { count: open })}</span>{' '}
            {cases.data.complaints.slice(0, SUMMARY_CASES).map((c, i) => (
              <span key={c.id}>
                {i > 0 && ', '}
                <a {...linkTo({ page: 'case', kind: 'complaint', id: c.id }, navigate)}>{c.reference}</a> ({categoryLabel(categories, c.category)})
              </span>
            ))}
            {cases.data.followups.slice(0, SUMMARY_CASES).map((f, i) => (
              <span key={f.id}>
                {i > 0 || cases.data!.complaints.length > 0 ? ', ' : ''}
                <a {...linkTo({ page: 'case', kind: 'followup', id: f.id }, navigate)}>{t('cases.card.followup', { score: f.score })}</a>
              </span>
            ))}
          </li>
        )}
        {survey?.category === 'detractor' && survey.score !== null && (
          <li className="call-reason">{t('callscreen.why.surveyDetractor', { score: survey.score, max: survey.scale.max })}</li>
        )}
        {last.length > 0 && (
          <li className="call-reason">
            <span className="call-reason-label">{t('callscreen.why.lastContacts')}</span>
            <ul className="call-reason-contacts">
              {last.map((i) => (
                <li key={i.id}>
                  {t('callscreen.why.contact', {
                    date: formatDate(i.startedAt, language),
                    channel: t(`channels.${i.channel}`),
                    reason: i.reason ? (reasonLabels.get(i.reason.code) ?? i.reason.label) : t('callscreen.why.noReason'),
                  })}
                  {i.resolved !== null && (
                    <span className={i.resolved ? 'call-reason-ok' : 'call-reason-open'}> · {i.resolved ? t('callscreen.why.resolved') : t('callscreen.why.unresolved')}</span>
                  )}
                </li>
              ))}
            </ul>
          </li>
        )}
        {nothing && <li className="call-reason muted">{t('callscreen.why.nothing')}</li>}
      </ul>
    </section>
  );
}
