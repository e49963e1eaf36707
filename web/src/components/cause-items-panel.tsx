import { useEffect, useState } from 'react';
import { CODED_SUBJECTS } from '../../../src/contract/analysis.js';
import { analysisApi } from '../api-analysis.js';
import { ApiError, type QueryValues } from '../api.js';
import { errorMessage } from '../error-message.js';
import { formatDateTime } from '../format.js';
import { useLanguage, useT } from '../i18n/index.js';
import type { ItemKind } from '../pareto-view.js';
import type { CauseItem } from '../types.js';
import { linkTo, type Route } from '../use-route.js';

/** What each kind of item needs to be read (the server decides; the console only offers what it will answer). */
const READS: Record<ItemKind, string> = { complaint: 'complaint.read', followup: 'followup.read', contact: 'customer.read' };

type Page = { key: string; items: CauseItem[]; next: string | null; error?: unknown; loading: boolean };

/**
 * The complaints, detractor follow-ups or repeat contacts behind the chosen cause, newest first, a
 * page at a time, with their words (personal data: the server records each read). Complaints and
 * follow-ups open on their case page.
 */
export function CauseItemsPanel({
  cause,
  label,
  params,
  kind,
  abilities,
  onKind,
  onClose,
  navigate,
}: {
  cause: string;
  label: string;
  /** the board's period and filters */
  params: QueryValues;
  kind: ItemKind;
  abilities: readonly string[];
  onKind: (kind: ItemKind) => void;
  onClose: () => void;
  navigate: (route: Route) => void;
}) {
  const t = useT();
  const language = useLanguage();
  const kinds = CODED_SUBJECTS.filter((k) => abilities.includes(READS[k]));
  const shown = kinds.includes(kind) ? kind : kinds[0];
  const key = JSON.stringify({ cause, params, kind: shown });
  const [page, setPage] = useState<Page>({ key: '', items: [], next: null, loading: false });

  const load = (cursor: string | undefined) => {
    if (!shown) return;
    setPage((p) => ({ ...p, key, loading: true, error: undefined }));
    analysisApi.items(cause, { ...params, kind: shown, cursor, limit: 20 }).then(
      (answer) => setPage((p) => (p.key === key ? { key, items: cursor ? [...p.items, ...answer.items] : answer.items, next: answer.next, loading: false } : p)),
      (error: unknown) => setPage((p) => (p.key === key ? { ...p, loading: false, error } : p)),
    );
  };
  useEffect(() => {
    setPage({ key, items: [], next: null, loading: false });
    load(undefined);
  }, [key]);

  const current = page.key === key ? page : { items: [], next: null, loading: true, error: undefined };
  return (
    <section className="panel dashboard-panel cause-items" aria-labelledby="cause-items-title" aria-busy={current.loading}>
      <div className="panel-head">
        <h2 id="cause-items-title">{t('improvement.items.title', { cause: label })}</h2>
        <button type="button" className="button button-secondary button-small" onClick={onClose}>
          {t('improvement.items.close')}
        </button>
      </div>
      {kinds.length > 1 && (
        <fieldset className="choice-group segmented">
          <legend className="visually-hidden">{t('improvement.items.kindsLabel')}</legend>
          {kinds.map((k) => (
            <label key={k} className={`choice${k === shown ? ' is-checked' : ''}`}>
              <input type="radio" name="cause-item-kind" value={k} checked={k === shown} onChange={() => onKind(k)} />
              {t(`improvement.items.kinds.${k}`)}
            </label>
          ))}
        </fieldset>
      )}
      <p className="muted table-note">{t('improvement.items.audited')}</p>
      {current.error !== undefined && (
        <p className="notice notice-error" role="alert">
          {current.error instanceof ApiError && current.error.status === 403 ? t('improvement.items.forbidden') : errorMessage(current.error, t)}
        </p>
      )}
      {!current.loading && current.error === undefined && current.items.length === 0 && <p className="empty">{t('improvement.items.empty')}</p>}
      <ol className="cause-item-list">
        {current.items.map((item) => (
          <li key={`${item.kind}:${item.id}`} className="cause-item">
            <div className="cause-item-head">
              <strong>{item.reference ?? t(`improvement.recurrences.kinds.${item.kind}`)}</strong>
              <span className="muted">
                {formatDateTime(item.occurredAt, language)}
                {item.channel ? ` · ${t(`channels.${item.channel}` as 'channels.phone')}` : ''}
                {item.category ? ` · ${item.category}` : ''}
              </span>
              {item.kind !== 'contact' && (
                <a {...linkTo({ page: 'case', kind: item.kind, id: item.id }, navigate)} className="button button-secondary button-small">
                  {t('improvement.items.open')}
                </a>
              )}
            </div>
            <p className="cause-item-text">{item.text ?? <span className="muted">{t('improvement.items.noText')}</span>}</p>
            {item.customerCause && <p className="muted">{t('improvement.items.customerCause', { text: item.customerCause })}</p>}
            {item.causeCode !== cause && <p className="muted">{t('improvement.items.coded', { cause: item.causeCode })}</p>}
          </li>
        ))}
      </ol>
      {current.next && (
        <button type="button" className="button button-secondary" disabled={current.loading} onClick={() => load(current.next ?? undefined)}>
          {current.loading ? t('improvement.items.loading') : t('improvement.items.more')}
        </button>
      )}
    </section>
  );
}
