import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { api, ApiError } from '../api.js';
import { errorMessage } from '../error-message.js';
import { formatPhone } from '../format.js';
import { useT, type Translate } from '../i18n/index.js';
import type { CustomerSummary } from '../types.js';

type State =
  | { kind: 'idle' }
  | { kind: 'searching' }
  | { kind: 'done'; q: string; items: CustomerSummary[]; hasMore: boolean }
  | { kind: 'error'; message: string };

/** Letters or digits a search needs (the server answers search-too-short below). */
const MIN_CHARACTERS = 2;
const searchable = (query: string) => (query.match(/[\p{L}\p{N}]/gu)?.length ?? 0) >= MIN_CHARACTERS;

function searchError(error: unknown, t: Translate): string {
  if (error instanceof ApiError && error.code === 'search-too-short') {
    return t('customerSearch.tooShort', { min: Number(error.problem.params?.min ?? MIN_CHARACTERS) });
  }
  return errorMessage(error, t);
}

/**
 * Search by name, customer number, phone or e-mail; results as a list of buttons that open the card,
 * each with what tells two namesakes apart (customer number, phone, locality), and a hint to refine
 * the search when more customers match than are listed.
 */
export function CustomerSearch({
  selectedId,
  canCreate,
  onSelect,
  onCreate,
}: {
  selectedId: string | undefined;
  canCreate: boolean;
  onSelect: (id: string) => void;
  onCreate: (phone: string | undefined) => void;
}) {
  const t = useT();
  const inputId = useId();
  const hintId = useId();
  const [q, setQ] = useState('');
  const [state, setState] = useState<State>({ kind: 'idle' });
  const [hint, setHint] = useState<string | undefined>();
  const sequence = useRef(0);
  /** The query last sent: the pause after typing does not send again what Enter already sent. */
  const lastSent = useRef<string | undefined>(undefined);

  async function run(query: string) {
    const trimmed = query.trim();
    if (!searchable(trimmed)) {
      setHint(t('customerSearch.tooShort', { min: MIN_CHARACTERS }));
      return;
    }
    setHint(undefined);
    lastSent.current = trimmed;
    const mine = ++sequence.current;
    setState({ kind: 'searching' });
    try {
      const { items, hasMore } = await api.search(trimmed);
      if (mine === sequence.current) setState({ kind: 'done', q: trimmed, items, hasMore });
    } catch (error) {
      if (mine === sequence.current) setState({ kind: 'error', message: searchError(error, t) });
    }
  }

  // Search as the advisor types, once they pause.
  useEffect(() => {
    const trimmed = q.trim();
    if (!searchable(trimmed)) return;
    const timer = setTimeout(() => {
      if (trimmed !== lastSent.current) void run(trimmed);
    }, 350);
    return () => clearTimeout(timer);
  }, [q]);

  function submit(event: FormEvent) {
    event.preventDefault();
    void run(q);
  }

  const looksLikePhone = /^[\d\s+().\-/]{6,}$/.test(q.trim());

  return (
    <section className="panel search-panel" aria-labelledby="search-title">
      <h2 id="search-title">{t('search.title')}</h2>
      <form role="search" onSubmit={submit} className="search-form">
        <label htmlFor={inputId}>{t('customerSearch.label')}</label>
        <div className="search-row">
          <input
            id={inputId}
            type="search"
            name="q"
            autoComplete="off"
            spellCheck={false}
            placeholder={t('customerSearch.placeholder')}
            value={q}
            onChange={(e) => setQ(e.target.value)}
            aria-describedby={hint ? hintId : undefined}
          />
          <button type="submit" className="button button-primary">
            {t('search.submit')}
          </button>
        </div>
        {hint && (
          <p id={hintId} className="field-hint">
            {hint}
          </p>
        )}
      </form>
      <div className="search-results" aria-live="polite" aria-busy={state.kind === 'searching'}>
        {state.kind === 'searching' && <p className="muted">{t('search.searching')}</p>}
        {state.kind === 'error' && (
          <p className="notice notice-error" role="alert">
            {state.message}
          </p>
        )}
        {state.kind === 'done' && state.items.length === 0 && <p className="muted">{t('search.noResults', { q: state.q })}</p>}
        {state.kind === 'done' && state.items.length > 0 && (
          <>
            <p className={state.hasMore ? 'notice results-more results-count' : 'muted results-count'} role={state.hasMore ? 'status' : undefined}>
              {state.hasMore ? t('customerSearch.more', { count: state.items.length }) : t('search.results', { count: state.items.length })}
            </p>
            <ul className="result-list">
              {state.items.map((item) => (
                <li key={item.id}>
                  <button
                    type="button"
                    className="result"
                    aria-current={item.id === selectedId ? 'true' : undefined}
                    onClick={() => onSelect(item.id)}
                  >
                    <span className="result-name">{item.displayName}</span>
                    <span className="result-meta">
                      <span className="result-number" title={t('customerSearch.customerNumber')}>
                        {item.customerNumber}
                      </span>
                      {item.segment && (
                        <span className={`badge badge-segment badge-${item.segment}`}>{t(`segments.${item.segment}`)}</span>
                      )}
                    </span>
                    <span className="result-meta result-details">
                      <span className="result-phone">
                        <span className="visually-hidden">{t('customerSearch.phone')} </span>
                        {item.primaryPhone ? formatPhone(item.primaryPhone) : t('customerSearch.noPhone')}
                      </span>
                      {item.locality && (
                        <span className="result-locality">
                          <span className="visually-hidden">{t('customerSearch.locality')} </span>
                          {item.locality}
                        </span>
                      )}
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
      {canCreate && (
        <button type="button" className="button button-secondary button-block" onClick={() => onCreate(looksLikePhone ? q.trim() : undefined)}>
          {t('search.createCustomer')}
        </button>
      )}
    </section>
  );
}
