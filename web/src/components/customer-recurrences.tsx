import { useId } from 'react';
import { analysisApi } from '../api-analysis.js';
import { formatDate } from '../format.js';
import { useLanguage, useT } from '../i18n/index.js';
import { useLoad } from '../use-load.js';
import { linkTo, type Route } from '../use-route.js';
import { LoadState } from './load-state.js';

/**
 * On the customer's card: the causes they were coded with at least twice within the window (90
 * days), so the advisor knows during the call that it is the same trouble again; each with its
 * complaints (their reference, a link for those who read complaints), follow-ups and contacts.
 */
export function CustomerRecurrences({ customerId, abilities, navigate }: { customerId: string; abilities: readonly string[]; navigate: (route: Route) => void }) {
  const t = useT();
  const language = useLanguage();
  const titleId = useId();
  const loaded = useLoad(`${customerId}:${language}`, () => analysisApi.customerRecurrences(customerId, language));
  const data = loaded.data;
  const opens = (kind: string) => abilities.includes(kind === 'complaint' ? 'complaint.read' : 'followup.read');
  return (
    <section className="panel customer-recurrences" aria-labelledby={titleId} aria-busy={loaded.loading}>
      <h3 id={titleId}>{t('improvement.recurrences.title')}</h3>
      <LoadState loaded={loaded} failed="improvement.recurrences.failed" />
      {data && data.items.length === 0 && <p className="empty">{t('improvement.recurrences.none', { days: data.windowDays })}</p>}
      {data && data.items.length > 0 && (
        <>
          <p className="muted">{t('improvement.recurrences.hint', { days: data.windowDays })}</p>
          <ul className="recurrence-list">
            {data.items.map((item) => (
              <li key={item.cause.code}>
                <strong>{item.cause.label}</strong> <span className="recurrence-count">{t('improvement.recurrences.times', { count: item.subjects.length })}</span>
                <ul className="recurrence-subjects">
                  {item.subjects.map((s) => {
                    const name = s.reference ?? t(`improvement.recurrences.kinds.${s.kind}`);
                    return (
                      <li key={`${s.kind}:${s.id}`}>
                        {s.kind !== 'contact' && opens(s.kind) ? <a {...linkTo({ page: 'case', kind: s.kind, id: s.id }, navigate)}>{name}</a> : <span>{name}</span>}
                        <span className="muted"> · {formatDate(s.occurredAt, language)}</span>
                      </li>
                    );
                  })}
                </ul>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
