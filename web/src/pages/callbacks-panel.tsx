import { useEffect, useMemo, useRef, useState } from 'react';
import type { CallbackSummaryOut } from '../../../src/contract/callbacks.js';
import { enc, query, request } from '../api.js';
import { errorMessage } from '../error-message.js';
import { LOCALES, useLanguage, useT } from '../i18n/index.js';
import type { User } from '../types.js';

const PAGE = 50;
type Tab = 'team' | 'mine';
type Recorded = { action: 'attempt' | 'done'; reached: boolean };

/**
 * The callbacks customers asked for in the app (`/cases?kind=callback`): the open ones of the reader's
 * team, or those they took, by slot in Luxembourg time, each with the buttons to record a call
 * (reached closes it, not reached keeps it open) and to mark it done.
 */
export function CallbacksPanel({ user }: { user: User }) {
  const t = useT();
  const language = useLanguage();
  const [tab, setTab] = useState<Tab>('team');
  const [items, setItems] = useState<CallbackSummaryOut[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const [status, setStatus] = useState<string | undefined>();
  const [busy, setBusy] = useState<string | undefined>();
  const [reloads, setReloads] = useState(0);
  const sequence = useRef(0);
  const canHandle = user.abilities.includes('callback.handle');
  const formats = useMemo(() => {
    const options = { timeZone: 'Europe/Luxembourg' } as const;
    return {
      start: new Intl.DateTimeFormat(LOCALES[language], { ...options, weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' }),
      end: new Intl.DateTimeFormat(LOCALES[language], { ...options, hour: '2-digit', minute: '2-digit' }),
    };
  }, [language]);
  const slotOf = (c: CallbackSummaryOut) => `${formats.start.format(new Date(c.slotStart))}–${formats.end.format(new Date(c.slotEnd))}`;

  async function load(cursor: string | null) {
    const mine = ++sequence.current;
    setLoading(true);
    setError(undefined);
    try {
      const page = await request<{ items: CallbackSummaryOut[]; next: string | null }>('GET', `/api/v1/callbacks?${query({ tab, limit: PAGE, cursor: cursor ?? undefined })}`);
      if (mine !== sequence.current) return;
      setItems((previous) => (cursor ? [...previous, ...page.items] : page.items));
      setNext(page.next);
    } catch (caught) {
      if (mine === sequence.current) setError(errorMessage(caught, t, 'callbacks.failed'));
    } finally {
      if (mine === sequence.current) setLoading(false);
    }
  }

  useEffect(() => {
    void load(null);
  }, [tab, reloads]);

  async function record(c: CallbackSummaryOut, what: Recorded, label: string) {
    setBusy(c.id);
    setError(undefined);
    try {
      const after = await request<CallbackSummaryOut>('POST', `/api/v1/callbacks/${enc(c.id)}/actions`, { action: what.action, reached: what.reached });
      setItems((previous) => (after.state === 'requested' ? previous.map((i) => (i.id === after.id ? after : i)) : previous.filter((i) => i.id !== after.id)));
      setStatus(t('callbacks.recorded', { customer: c.customer.name, action: label }));
    } catch (caught) {
      setError(errorMessage(caught, t, 'callbacks.actionFailed'));
    } finally {
      setBusy(undefined);
    }
  }

  const buttons = (c: CallbackSummaryOut): { what: Recorded; label: string }[] =>
    c.state !== 'requested'
      ? []
      : [
          { what: { action: 'attempt', reached: true }, label: t('callbacks.reached') },
          { what: { action: 'attempt', reached: false }, label: t('callbacks.notReached') },
          { what: { action: 'done', reached: true }, label: t('callbacks.done') },
        ];

  return (
    <section className="panel queue-panel callbacks-panel" aria-labelledby="callbacks-title" aria-busy={loading}>
      <div className="panel-head queue-head">
        <h2 id="callbacks-title">
          {t('callbacks.title')} · {t(`callbacks.tabs.${tab}`)}
        </h2>
        <div className="panel-tools">
          <button type="button" className="button button-secondary button-small" onClick={() => setReloads((n) => n + 1)}>
            {t('callbacks.refresh')}
          </button>
        </div>
      </div>
      <p className="muted">{t('callbacks.intro')}</p>
      <ul className="queue-tabs" aria-label={t('callbacks.tabsLabel')}>
        {(['team', 'mine'] as const).map((k) => (
          <li key={k}>
            <button type="button" className={`queue-tab queue-tab-${k}`} aria-current={k === tab ? 'true' : undefined} onClick={() => setTab(k)}>
              {t(`callbacks.tabs.${k}`)}
            </button>
          </li>
        ))}
      </ul>
      {error && (
        <p className="notice notice-error" role="alert">
          {error}
        </p>
      )}
      <p className="visually-hidden" role="status">
        {status}
      </p>
      {loading && items.length === 0 && <p className="muted">{t('app.loading')}</p>}
      {!loading && !error && items.length === 0 && <p className="empty">{t('callbacks.empty')}</p>}
      {items.length > 0 && (
        <div className="table-scroll queue-scroll">
          <table className="data-table queue-table callbacks-table">
            <thead>
              <tr>
                <th scope="col">{t('callbacks.columns.slot')}</th>
                <th scope="col">{t('callbacks.columns.customer')}</th>
                <th scope="col">{t('callbacks.columns.number')}</th>
                <th scope="col">{t('callbacks.columns.topic')}</th>
                <th scope="col">{t('callbacks.columns.attempts')}</th>
                {canHandle && <th scope="col">{t('callbacks.columns.actions')}</th>}
              </tr>
            </thead>
            <tbody>
              {items.map((c) => (
                <tr key={c.id}>
                  <th scope="row" className="queue-case">
                    <time dateTime={c.slotStart}>{slotOf(c)}</time>
                  </th>
                  <td data-label={t('callbacks.columns.customer')}>
                    {c.customer.name} <span className="muted">{c.customer.customerNumber}</span>
                  </td>
                  <td data-label={t('callbacks.columns.number')}>
                    <a href={`tel:${c.msisdn}`}>{c.msisdn}</a>
                  </td>
                  <td data-label={t('callbacks.columns.topic')}>{c.topic ?? <span className="muted">{t('callbacks.noTopic')}</span>}</td>
                  <td data-label={t('callbacks.columns.attempts')}>{c.attempts}</td>
                  {canHandle && (
                    <td className="callbacks-actions" data-label={t('callbacks.columns.actions')}>
                      {buttons(c).map(({ what, label }) => (
                        <button
                          key={label}
                          type="button"
                          className="button button-secondary button-small"
                          disabled={busy !== undefined}
                          aria-label={t('callbacks.actionFor', { action: label, customer: c.customer.name, slot: slotOf(c) })}
                          onClick={() => void record(c, what, label)}
                        >
                          {label}
                        </button>
                      ))}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {next !== null && (
        <button type="button" className="button button-secondary button-block" onClick={() => void load(next)} disabled={loading} aria-busy={loading}>
          {loading ? t('app.loading') : t('callbacks.more')}
        </button>
      )}
    </section>
  );
}
